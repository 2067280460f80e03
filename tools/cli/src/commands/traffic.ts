// `emporium traffic <service> [90/10] [--abort 10:503] [--delay 20:500ms] [--no-faults]`: shows or changes
// how the running mesh splits a service's traffic between its subsets, and its injected faults. It
// rewrites the service's VirtualService in the mesh's folder (<data dir>/mesh), which the mesh reloads;
// then waits until the mesh reports the change, so when the command returns, the new split is live.
import pc from 'picocolors';
import { readState } from '../runtime/state.js';
import { type FaultChange, routeSubsets, writeFault, writeWeights } from '../runtime/virtual-service-file.js';
import type { Settings } from '../settings.js';

export interface TrafficOptions {
  weights?: string;
  abort?: string;
  delay?: string;
  clearFaults?: boolean;
}

interface MeshView {
  destinations: Array<{
    name: string;
    route: { destinations: Array<{ subset: string | null; weight: number }>; fault: unknown };
    subsets: Record<string, Record<string, string>>;
    instances: Array<{ url: string; labels: Record<string, string>; ejected_until: string | null }>;
  }>;
}

const APPLY_TIMEOUT_MS = 5000;

/** "90/10" → [90, 10]; throws unless they are whole percentages adding up to 100. */
export function parseWeights(text: string): number[] {
  const weights = text.split('/').map((w) => Number(w.trim()));
  if (weights.some((w) => !Number.isInteger(w) || w < 0 || w > 100))
    throw new Error(`weights are whole percentages separated by "/", such as 90/10 (got "${text}")`);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total !== 100) throw new Error(`weights must add up to 100 (${text} adds up to ${total})`);
  return weights;
}

/** "10:503" → 10% answered 503; "20:500ms" → 20% delayed by 500 ms. */
function parseFault(text: string, kind: 'abort' | 'delay'): FaultChange {
  const [percentText = '', value = ''] = text.split(':');
  const percent = Number(percentText);
  if (!(percent >= 0 && percent <= 100))
    throw new Error(`--${kind} takes percent:value, such as 10:503 (got "${text}")`);
  if (kind === 'abort') {
    const status = Number(value);
    if (!Number.isInteger(status) || status < 200 || status > 599)
      throw new Error(`--abort status must be 200-599 (got "${value}")`);
    return { abort: { percent, status } };
  }
  if (!/^\d+(\.\d+)?(ms|s)$/.test(value))
    throw new Error(`--delay takes a duration such as 500ms or 2s (got "${value}")`);
  return { delay: { percent, fixedDelay: value } };
}

async function meshView(admin: string): Promise<MeshView> {
  const response = await fetch(`${admin}/v1/config`, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`the mesh answered ${response.status}`);
  return (await response.json()) as MeshView;
}

async function waitForMesh(admin: string, service: string, test: (d: MeshView['destinations'][number]) => boolean) {
  const deadline = Date.now() + APPLY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const destination = (await meshView(admin)).destinations.find((d) => d.name === service);
    if (destination && test(destination)) return destination;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the mesh did not apply the change within ${APPLY_TIMEOUT_MS / 1000} s (see its log for the reason)`);
}

function print(destination: MeshView['destinations'][number]): void {
  console.log(pc.bold(destination.name));
  for (const { subset, weight } of destination.route.destinations) {
    const labels = subset ? (destination.subsets[subset] ?? {}) : {};
    const members = destination.instances.filter((i) => Object.entries(labels).every(([k, v]) => i.labels[k] === v));
    const where = members.map((m) => `${m.url}${m.ejected_until ? pc.red(' (ejected)') : ''}`).join(', ');
    console.log(
      `  ${String(subset ?? 'all').padEnd(6)} ${`${weight}%`.padStart(4)}  ${where || pc.dim('no instances')}`,
    );
  }
  if (destination.route.fault) console.log(`  fault  ${JSON.stringify(destination.route.fault)}`);
}

export async function traffic(settings: Settings, service: string, options: TrafficOptions): Promise<number> {
  const state = await readState(settings.dataDir);
  if (!state?.mesh) {
    console.error(`Emporium is not running with a mesh (no live runtime in ${settings.dataDir}).`);
    return 1;
  }
  const { admin, configDir } = state.mesh;
  try {
    const before = (await meshView(admin)).destinations.find((d) => d.name === service);
    if (!before) throw new Error(`the mesh has no destination named ${service}`);
    if (options.weights) {
      const weights = parseWeights(options.weights);
      const subsets = await routeSubsets(configDir, service);
      if (weights.length !== subsets.length)
        throw new Error(
          `${service}'s route has ${subsets.length} destinations (${subsets.join(', ')}); give ${subsets.length} weights`,
        );
      for (const [i, subset] of subsets.entries()) {
        const labels = subset ? (before.subsets[subset] ?? {}) : {};
        const served = before.instances.some((inst) => Object.entries(labels).every(([k, v]) => inst.labels[k] === v));
        if ((weights[i] ?? 0) > 0 && !served)
          throw new Error(
            `${service} has no ${subset} instance; start one with: emporium up --canary ${service}=${subset}`,
          );
      }
      await writeWeights(configDir, service, weights);
      const expected = JSON.stringify(weights);
      print(
        await waitForMesh(
          admin,
          service,
          (d) => JSON.stringify(d.route.destinations.map((x) => x.weight)) === expected,
        ),
      );
    }
    const fault: FaultChange = {
      ...(options.abort ? parseFault(options.abort, 'abort') : options.clearFaults ? { abort: null } : {}),
      ...(options.delay ? parseFault(options.delay, 'delay') : options.clearFaults ? { delay: null } : {}),
    };
    if (Object.keys(fault).length > 0) {
      const file = await writeFault(configDir, service, fault);
      const wanted = (applied: unknown) => {
        const now = (applied ?? {}) as { abort?: { percent: number; status: number }; delay?: { percent: number } };
        const abortOk =
          fault.abort === undefined ||
          (fault.abort === null
            ? !now.abort
            : now.abort?.percent === fault.abort.percent && now.abort.status === fault.abort.status);
        const delayOk =
          fault.delay === undefined || (fault.delay === null ? !now.delay : now.delay?.percent === fault.delay.percent);
        return abortOk && delayOk;
      };
      print(await waitForMesh(admin, service, (d) => wanted(d.route.fault)));
      console.log(pc.dim(`  (${file})`));
    }
    if (!options.weights && Object.keys(fault).length === 0) print(before);
    return 0;
  } catch (error) {
    console.error(pc.red((error as Error).message));
    return 1;
  }
}
