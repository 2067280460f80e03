// A real HTTP server standing in for one instance of a service, whose behaviour a test changes while
// it runs (answer, fail with a status, answer slowly, hold requests), and which records what it got.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  | { kind: 'ok' }
  | { kind: 'fail'; status: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'hold' }
  /** An event stream: one event at once, the next and the end when released. */
  | { kind: 'stream' };

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Upstream {
  name: string;
  url: string;
  received: Received[];
  behave(behaviour: Behaviour): void;
  /** Answers every held request. */
  releaseHeld(): void;
  close(): Promise<void>;
}

export async function startUpstream(name: string): Promise<Upstream> {
  let behaviour: Behaviour = { kind: 'ok' };
  const received: Received[] = [];
  const held: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const answer = (status: number) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json', 'x-instance': name });
        res.end(JSON.stringify({ instance: name, attempt: req.headers['x-envoy-attempt-count'] ?? null }));
      };
      const now = behaviour;
      if (now.kind === 'fail') answer(now.status);
      else if (now.kind === 'slow') setTimeout(() => answer(200), now.ms);
      else if (now.kind === 'hold') held.push(() => answer(200));
      else if (now.kind === 'stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'x-instance': name });
        res.write('data: first\n\n');
        held.push(() => res.end('data: last\n\n'));
      } else answer(200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    received,
    behave: (next) => {
      behaviour = next;
    },
    releaseHeld: () => {
      for (const answer of held.splice(0)) answer();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Named upstreams started together, for a test suite: `get(name)` or a clear error. */
export async function startUpstreams(names: string[]) {
  const all = new Map<string, Upstream>();
  for (const name of names) all.set(name, await startUpstream(name));
  return {
    get(name: string): Upstream {
      const found = all.get(name);
      if (!found) throw new Error(`no upstream named ${name}`);
      return found;
    },
    close: () => Promise.all([...all.values()].map((u) => u.close())),
  };
}
