// `emporium down`: asks a running `emporium up` (found through .data/runtime.json) to stop.
import { readState } from '../runtime/state.js';
import type { Settings } from '../settings.js';

export async function down(settings: Settings): Promise<number> {
  const state = await readState(settings.dataDir);
  if (!state) {
    console.log('Emporium is not running.');
    return 0;
  }
  process.kill(state.pid, 'SIGTERM');
  for (let i = 0; i < 300; i++) {
    if (!(await readState(settings.dataDir))) {
      console.log('Emporium stopped.');
      return 0;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`Emporium (pid ${state.pid}) did not stop within 30 s.`);
  return 1;
}
