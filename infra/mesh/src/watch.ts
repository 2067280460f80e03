// Reloads the mesh when a file of its folder changes. Editors and `emporium traffic` write a temporary
// file and rename it, so one save can be several events: they are gathered for a moment first.
import { type FSWatcher, watch } from 'node:fs';

const SETTLE_MS = 100;

export function watchFolder(dir: string, onChange: () => Promise<unknown>): FSWatcher {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const watcher = watch(dir, (_event, file) => {
    if (file && !/\.ya?ml$/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(onChange, onChange);
    }, SETTLE_MS);
  });
  watcher.on('close', () => clearTimeout(timer));
  return watcher;
}
