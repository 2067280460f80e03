// The local mesh's working copy of deploy/istio: `emporium up` starts from the repository's files each
// time, into <data dir>/mesh, which the mesh watches and `emporium traffic` rewrites. The repository's
// files stay what a cluster gets; live changes (weights, faults) live and die with the run.
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const meshConfigDir = (dataDir: string) => join(dataDir, 'mesh');

export async function prepareMeshConfig(root: string, dataDir: string): Promise<string> {
  const source = join(root, 'deploy', 'istio');
  const target = meshConfigDir(dataDir);
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  const files = (await readdir(source)).filter((f) => /\.ya?ml$/.test(f));
  await Promise.all(files.map((f) => copyFile(join(source, f), join(target, f))));
  return target;
}
