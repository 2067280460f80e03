// `emporium up`: PostgreSQL first, then every service as its own process, then the gateway;
// waits for each to be ready, prints where everything is, and stops it all on Ctrl-C.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pc from 'picocolors';
import { canarySpecs } from '../canaries.js';
import { MESH_ADMIN_OFFSET } from '../mesh-routing.js';
import { type RuntimeBroker, startBroker } from '../runtime/broker.js';
import { type RuntimeDatabase, startDatabase } from '../runtime/database.js';
import { formatLogLine, prefixer } from '../runtime/log-lines.js';
import { startLogShipper } from '../runtime/log-shipper.js';
import { meshConfigDir, prepareMeshConfig } from '../runtime/mesh-config.js';
import { envFor, urlOf } from '../runtime/process-env.js';
import { Restarts } from '../runtime/restarts.js';
import { clearState, writeState } from '../runtime/state.js';
import { type ManagedProcess, spawnManaged, stopManaged, waitUntilReady } from '../runtime/supervisor.js';
import { entryPath, SERVICES, type ServiceSpec } from '../services.js';
import type { Settings } from '../settings.js';
import { printReadyTable } from './ready-table.js';

// A process that is not ready by then is reported with its last lines; generous, as the services start
// all at once and share the machine's cores (on two cores under load, 25 s has been seen).
const READY_TIMEOUT_MS = 90_000;
/** The runtime's own infrastructure processes (not in SERVICES): services wait for them to come back. */
const isInfrastructure = (name: string) => name === 'postgres' || name === 'broker';
const STOP_GRACE_MS = 10_000;
const RESTART_POLICY = { max: 5, windowMs: 60_000, delayMs: 500 };

export async function up(settings: Settings): Promise<number> {
  const started = performance.now();
  const missing = SERVICES.filter((s) => !existsSync(entryPath(settings.root, s)));
  if (missing.length > 0) {
    console.error(pc.red(`not built: ${missing.map((s) => s.entry).join(', ')} (run npm run build)`));
    return 1;
  }
  let processes: ServiceSpec[];
  try {
    processes = [...SERVICES, ...canarySpecs(settings.canaries, SERVICES)];
  } catch (error) {
    console.error(pc.red((error as Error).message));
    return 64;
  }
  await mkdir(settings.dataDir, { recursive: true });
  await prepareMeshConfig(settings.root, settings.dataDir);
  const label = prefixer(['postgres', 'broker', ...processes.map((s) => s.name)]);
  const collectorSpec = SERVICES.find((s) => s.name === 'collector');
  const logs = collectorSpec ? startLogShipper(urlOf(settings, collectorSpec)) : undefined;
  const print = (name: string, line: string) => {
    logs?.ship(name, line);
    console.log(formatLogLine(label(name), line));
  };
  const step = (text: string) => console.log(pc.bold(`▸ ${text}`));

  const running: ManagedProcess[] = [];
  let launch: (spec: ServiceSpec) => Promise<void> = async () => {};
  let database: RuntimeDatabase | undefined;
  let broker: RuntimeBroker | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = () => {
    stopping ??= (async () => {
      step('stopping');
      for (const proc of [...running].reverse()) {
        const how = await stopManaged(proc, STOP_GRACE_MS);
        if (how === 'killed') console.log(pc.yellow(`  ${proc.name} did not stop in time and was killed`));
      }
      await logs?.stop();
      await broker?.stop();
      await database?.stop();
      await clearState(settings.dataDir);
      step('stopped');
    })();
    return stopping;
  };

  try {
    step(
      settings.infra === 'embedded' ? `starting PostgreSQL on port ${settings.pgPort}` : 'using the machine PostgreSQL',
    );
    database = await startDatabase(settings, print);
    if (database.process) running.push(database.process);
    step(settings.infra === 'embedded' ? 'starting the embedded broker' : `using NATS at ${settings.busUrl}`);
    broker = await startBroker(settings, print);
    if (broker.process) running.push(broker.process);
    launch = async (spec: ServiceSpec) => {
      const dbUrl = spec.database ? await database?.urlFor(spec.instanceOf ?? spec.name) : undefined;
      const t = performance.now();
      const proc = spawnManaged({
        name: spec.name,
        script: entryPath(settings.root, spec),
        env: envFor(settings, spec, dbUrl, broker?.url ?? ''),
        onLine: print,
      });
      running.push(proc);
      try {
        await waitUntilReady(proc, `${urlOf(settings, spec)}/readyz`, READY_TIMEOUT_MS);
      } catch (error) {
        console.error(pc.red(`✖ ${(error as Error).message}; its last lines:`));
        for (const line of proc.tail) console.error(`  ${line}`);
        throw error;
      }
      step(`${spec.name} ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    };
    for (const role of ['infra', 'service', 'gateway'] as const) {
      step(`starting ${role === 'infra' ? 'local infrastructure' : role === 'service' ? 'services' : 'the gateway'}`);
      await Promise.all(processes.filter((s) => s.role === role).map(launch));
    }
  } catch (error) {
    console.error(pc.red(`✖ start failed: ${(error as Error).message}`));
    await stopAll();
    return 1;
  }

  const seconds = (performance.now() - started) / 1000;
  const gateway = `http://localhost:${settings.gatewayPort}`;
  const table = () =>
    processes.map((spec) => ({
      name: spec.name,
      url: urlOf(settings, spec),
      pid: running.find((p) => p.name === spec.name)?.child.pid,
    }));
  const saveState = () =>
    writeState(settings.dataDir, {
      pid: process.pid,
      infra: settings.infra,
      startedAt: new Date().toISOString(),
      gateway,
      busUrl: broker?.url ?? '',
      mesh: {
        admin: `http://${settings.host}:${settings.portBase + MESH_ADMIN_OFFSET}`,
        configDir: meshConfigDir(settings.dataDir),
      },
      services: table(),
      infrastructure: running
        .filter((p) => isInfrastructure(p.name))
        .map((p) => ({ name: p.name, pid: p.child.pid, dataDir: join(settings.dataDir, p.name) })),
    });
  await saveState(); // before "ready" is printed: whoever waits for that line may read the state next
  printReadyTable(settings, gateway, broker?.url ?? '', seconds, table());

  let giveUp: () => void = () => {};
  const gaveUp = new Promise<'gave up'>((resolve) => {
    giveUp = () => resolve('gave up');
  });
  /** Starts `old`'s process again where it was in `running` (the stop order stays). */
  const relaunch = async (old: ManagedProcess): Promise<ManagedProcess | undefined> => {
    // After a failed try, the process of that name in `running` is the one that failed.
    const current = running.find((p) => p.name === old.name) ?? old;
    if (current.child.exitCode === null && current.child.signalCode === null) await stopManaged(current, STOP_GRACE_MS);
    const at = running.indexOf(current);
    if (!isInfrastructure(current.name)) {
      const spec = processes.find((s) => s.name === current.name);
      if (!spec) return undefined;
      if (at >= 0) running.splice(at, 1);
      await launch(spec);
      return running.find((p) => p.name === spec.name);
    }
    let fresh: ManagedProcess | undefined;
    if (current.name === 'postgres') {
      database = await startDatabase(settings, print);
      fresh = database.process;
    } else {
      broker = await startBroker(settings, print);
      fresh = broker.process;
    }
    if (fresh) {
      if (at >= 0) running[at] = fresh;
      else running.unshift(fresh);
    }
    return fresh;
  };
  const restarts = new Restarts(RESTART_POLICY, {
    relaunch,
    isInfrastructure,
    describe: (name) =>
      name === 'postgres' && settings.infra === 'embedded'
        ? `PostgreSQL (port ${settings.pgPort}, data in ${join(settings.dataDir, 'postgres')})`
        : name === 'broker' && broker
          ? `the broker (${broker.url}, data in ${join(settings.dataDir, 'broker')})`
          : name,
    stopping: () => stopping !== undefined,
    restarted: async (name, seconds) => {
      await saveState();
      step(`${name} restarted in ${seconds.toFixed(1)} s`);
    },
    giveUp,
  });
  for (const proc of running) restarts.watch(proc);
  const ended = await Promise.race([
    gaveUp,
    new Promise<'signal'>((resolve) => {
      process.once('SIGINT', () => resolve('signal'));
      process.once('SIGTERM', () => resolve('signal'));
    }),
  ]);
  await stopAll();
  return ended === 'gave up' ? 1 : 0;
}
