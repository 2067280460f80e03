// Edits a service's VirtualService in the mesh's folder: route weights and fault injection, keeping
// the file's comments and layout (yaml's document API), written to a temporary file and renamed so
// the watching mesh never reads half a file. The same file is what `kubectl apply` would take.
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Document, isMap, isSeq, parseAllDocuments } from 'yaml';

export interface FaultChange {
  abort?: { percent: number; status: number } | null;
  delay?: { percent: number; fixedDelay: string } | null;
}

interface Located {
  file: string;
  documents: Document.Parsed[];
  index: number;
}

const hostsOf = (document: Document.Parsed): string[] => {
  const hosts = document.getIn(['spec', 'hosts']);
  return isSeq(hosts) ? hosts.items.map((h) => String((h as { value?: unknown }).value ?? h).split('.')[0] ?? '') : [];
};

async function locate(dir: string, service: string): Promise<Located> {
  for (const file of (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const documents = parseAllDocuments(await readFile(join(dir, file), 'utf8')) as Document.Parsed[];
    const index = documents.findIndex((d) => d.get('kind') === 'VirtualService' && hostsOf(d).includes(service));
    if (index >= 0) return { file, documents, index };
  }
  throw new Error(`no VirtualService for ${service} in ${dir}`);
}

async function save(dir: string, { file, documents }: Located): Promise<string> {
  const temporary = join(dir, `.${file}.${process.pid}.tmp`);
  await writeFile(temporary, documents.map(String).join(''));
  await rename(temporary, join(dir, file));
  return join(dir, file);
}

/** The subsets of the service's first HTTP route, in order. */
export async function routeSubsets(dir: string, service: string): Promise<Array<string | undefined>> {
  const { documents, index } = await locate(dir, service);
  const route = documents[index]?.getIn(['spec', 'http', 0, 'route']);
  if (!isSeq(route)) throw new Error(`the VirtualService for ${service} has no route`);
  return route.items.map((item) => {
    const subset = isMap(item) ? item.getIn(['destination', 'subset']) : undefined;
    return typeof subset === 'string' ? subset : undefined;
  });
}

export async function writeWeights(dir: string, service: string, weights: number[]): Promise<string> {
  const located = await locate(dir, service);
  const document = located.documents[located.index];
  for (const [i, weight] of weights.entries()) document?.setIn(['spec', 'http', 0, 'route', i, 'weight'], weight);
  return save(dir, located);
}

export async function writeFault(dir: string, service: string, change: FaultChange): Promise<string> {
  const located = await locate(dir, service);
  const document = located.documents[located.index];
  if (!document) throw new Error(`no VirtualService for ${service}`);
  const path = ['spec', 'http', 0, 'fault'];
  for (const kind of ['abort', 'delay'] as const) {
    const value = change[kind];
    if (value === null) document.deleteIn([...path, kind]);
    else if (kind === 'abort' && change.abort)
      document.setIn([...path, 'abort'], {
        percentage: { value: change.abort.percent },
        httpStatus: change.abort.status,
      });
    else if (kind === 'delay' && change.delay)
      document.setIn([...path, 'delay'], {
        percentage: { value: change.delay.percent },
        fixedDelay: change.delay.fixedDelay,
      });
  }
  const fault = document.getIn(path);
  if (isMap(fault) && fault.items.length === 0) document.deleteIn(path);
  return save(dir, located);
}
