// `emporium status`: each process of the running runtime, alive and ready or not.
import pc from 'picocolors';
import { readState } from '../runtime/state.js';
import type { Settings } from '../settings.js';

async function probe(url: string): Promise<number | 'down'> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 'down';
  }
}

export async function status(settings: Settings): Promise<number> {
  const state = await readState(settings.dataDir);
  if (!state) {
    console.log(`Emporium is not running (no live runtime in ${settings.dataDir}).`);
    return 1;
  }
  console.log(`Emporium (${state.infra} mode), started ${state.startedAt}, gateway ${state.gateway}`);
  let healthy = true;
  const width = Math.max(...state.services.map((s) => s.name.length));
  for (const s of state.services) {
    const [alive, ready] = await Promise.all([probe(`${s.url}/healthz`), probe(`${s.url}/readyz`)]);
    const ok = alive === 200 && ready === 200;
    healthy &&= ok;
    const mark = ok ? pc.green('● ready') : alive === 200 ? pc.yellow('● not ready') : pc.red('● down');
    console.log(`  ${s.name.padEnd(width)} ${mark.padEnd(20)} ${s.url}  ${pc.dim(`pid ${s.pid ?? '-'}`)}`);
  }
  return healthy ? 0 : 1;
}
