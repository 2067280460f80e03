// `emporium up`: PostgreSQL first, then every service as its own process, then the gateway;
// waits for each to be ready, prints where everything is, and stops it all on Ctrl-C.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import pc from 'picocolors';
import { canarySpecs } from '../canaries.js';
import { isMeshed, MESH_ADMIN_OFFSET, meshListenerOffset } from '../mesh-routing.js';
import { type RuntimeBroker, startBroker } from '../runtime/broker.js';
import { type RuntimeDatabase, startDatabase } from '../runtime/database.js';
import { formatLogLine, prefixer } from '../runtime/log-lines.js';
import { startLogShipper } from '../runtime/log-shipper.js';
import { meshConfigDir, prepareMeshConfig } from '../runtime/mesh-config.js';
import { RestartBudget } from '../runtime/restart-budget.js';
import { clearState, writeState } from '../runtime/state.js';
import { type ManagedProcess, spawnManaged, stopManaged, waitUntilReady } from '../runtime/supervisor.js';
import { type Addresses, entryPath, SERVICES, type ServiceSpec } from '../services.js';
import type { Settings } from '../settings.js';
import { printReadyTable } from './ready-table.js';

const READY_TIMEOUT_MS = 30_000;
/** The runtime's own infrastructure processes (not in SERVICES): services wait for them to come back. */
const isInfrastructure = (name: string) => name === 'postgres' || name === 'broker';
const STOP_GRACE_MS = 10_000;
const RESTART_DELAY_MS = 500;
const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS = 5;

const portOf = (s: Settings, spec: ServiceSpec) =>
  spec.role === 'gateway' ? s.gatewayPort : s.portBase + spec.portOffset;
const urlOf = (s: Settings, spec: ServiceSpec) => `http://${s.host}:${portOf(s, spec)}`;

function addressesOf(settings: Settings): Addresses {
  const spec = (name: string) => {
    const found = SERVICES.find((s) => s.name === name);
    if (!found) throw new Error(`no process named ${name}`);
    return found;
  };
  const canaries = canarySpecs(settings.canaries, SERVICES);
  return {
    url: (name) => urlOf(settings, spec(name)),
    portAt: (offset) => settings.portBase + offset,
    dataDir: settings.dataDir,
    host: settings.host,
    meshUrl: (name) => `http://${settings.host}:${settings.portBase + meshListenerOffset(spec(name))}`,
    instancesOf: (name) => [
      { url: urlOf(settings, spec(name)), version: 'v1' },
      ...canaries
        .filter((c) => c.instanceOf === name)
        .map((c) => ({ url: urlOf(settings, c), version: c.version ?? 'v1' })),
    ],
  };
}

function envFor(
  settings: Settings,
  spec: ServiceSpec,
  databaseUrl: string | undefined,
  busUrl: string,
): Record<string, string> {
  const env: Record<string, string> = {
    PORT: String(portOf(settings, spec)),
    HOST: settings.host,
    LOG_LEVEL: settings.logLevel,
    SERVICE_VERSION: spec.version ?? 'v1',
    // The token keys are fetched from users through the mesh, like every other call between services.
    JWKS_URL: `${addressesOf(settings).meshUrl('users')}/.well-known/jwks.json`,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  if (databaseUrl || spec.bus) env.BUS_URL = busUrl;
  // Every process sends its spans to the local collector (OTEL_SDK_DISABLED=true in our env turns it off).
  const collector = SERVICES.find((s) => s.name === 'collector');
  if (collector && spec.name !== 'collector') env.OTEL_EXPORTER_OTLP_ENDPOINT = urlOf(settings, collector);
  Object.assign(env, spec.env?.(addressesOf(settings)));
  // The embedded broker (an http:// BUS_URL) serves /metrics too; the collector scrapes it with the rest.
  if (spec.name === 'collector' && busUrl.startsWith('http')) env.COLLECTOR_SCRAPE_TARGETS += `,broker=${busUrl}`;
  if (spec.name === 'users' && settings.admin) {
    env.EMPORIUM_ADMIN_EMAIL = settings.admin.email;
    env.EMPORIUM_ADMIN_PASSWORD = settings.admin.password;
  }
  if (spec.role === 'gateway') {
    // Through the mesh: its routes (weights, canaries), retries and outlier detection apply to the gateway too.
    const at = addressesOf(settings);
    env.UPSTREAMS = SERVICES.filter((s) => s.route)
      .map((s) => `${s.route}=${isMeshed(s) ? at.meshUrl(s.name) : at.url(s.name)}`)
      .join(',');
  }
  return env;
}

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

  // A supervisor restarts what crashes (as systemd or Kubernetes would), PostgreSQL and the broker too:
  // a crash loses nothing that was committed (PostgreSQL recovers from its WAL, the broker from its store),
  // and the services reconnect and resume from their database and the broker. A process that crashes
  // too often stops the whole shop, in order, rather than leaving it half alive.
  const budget = new RestartBudget(MAX_RESTARTS, RESTART_WINDOW_MS);
  let giveUp: () => void = () => {};
  const gaveUp = new Promise<'gave up'>((resolve) => {
    giveUp = () => resolve('gave up');
  });
  const describe = (name: string) =>
    name === 'postgres' && settings.infra === 'embedded'
      ? `PostgreSQL (port ${settings.pgPort}, data in ${join(settings.dataDir, 'postgres')})`
      : name === 'broker' && broker
        ? `the broker (${broker.url}, data in ${join(settings.dataDir, 'broker')})`
        : name;
  // While PostgreSQL or the broker is being restarted, services that crashed with it wait for it rather
  // than use up their restarts failing to connect.
  const infraRestarts = new Set<Promise<void>>();
  const infraBack = () => Promise.all([...infraRestarts]);
  /** Starts `name` again and puts the new process where the old one was (the stop order stays). */
  const relaunch = async (old: ManagedProcess): Promise<ManagedProcess | undefined> => {
    if (!isInfrastructure(old.name)) await infraBack();
    if (stopping) return undefined;
    if (old.child.exitCode === null && old.child.signalCode === null) await stopManaged(old, STOP_GRACE_MS);
    const at = running.indexOf(old);
    let fresh: ManagedProcess | undefined;
    if (isInfrastructure(old.name)) {
      fresh = await (old.name === 'postgres'
        ? startDatabase(settings, print).then((started) => {
            database = started;
            return started.process;
          })
        : startBroker(settings, print).then((started) => {
            broker = started;
            return started.process;
          }));
    } else {
      const spec = processes.find((s) => s.name === old.name);
      if (!spec) return undefined;
      if (at >= 0) running.splice(at, 1);
      await launch(spec);
      return running.find((p) => p.name === spec.name);
    }
    if (fresh) {
      if (at >= 0) running[at] = fresh;
      else running.unshift(fresh);
    }
    return fresh;
  };
  const supervise = (proc: ManagedProcess) => {
    void proc.exited.then(async (code) => {
      if (stopping) return;
      const signal = proc.child.signalCode ? ` (${proc.child.signalCode})` : '';
      console.error(pc.red(`✖ ${describe(proc.name)} exited unexpectedly with code ${code}${signal}`));
      let back: () => void = () => {};
      if (isInfrastructure(proc.name)) {
        const restarted = new Promise<void>((resolve) => {
          back = resolve;
        });
        infraRestarts.add(restarted);
        void restarted.then(() => infraRestarts.delete(restarted));
      }
      try {
        await restartUntilUp(proc);
      } finally {
        back();
      }
    });
  };
  const restartUntilUp = async (proc: ManagedProcess) => {
    let current = proc;
    for (;;) {
      if (!budget.take(proc.name)) {
        console.error(
          pc.red(
            `✖ ${proc.name} crashed ${budget.used(proc.name)} times within a minute; giving up on it and stopping the shop`,
          ),
        );
        giveUp();
        return;
      }
      const t = performance.now();
      console.error(
        pc.yellow(
          `▸ restarting ${describe(proc.name)} (restart ${budget.used(proc.name)} of ${MAX_RESTARTS} this minute)`,
        ),
      );
      // Backs off (0.5 s, 1 s, 2 s, ...) so a process that cannot start does not use its budget up at once.
      await new Promise((r) => setTimeout(r, RESTART_DELAY_MS * 2 ** (budget.used(proc.name) - 1)));
      if (stopping) return;
      try {
        const fresh = await relaunch(current);
        if (stopping) return;
        if (!fresh) return;
        supervise(fresh);
        await saveState();
        step(`${proc.name} restarted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
        return;
      } catch (error) {
        console.error(pc.red(`✖ restarting ${proc.name} failed: ${(error as Error).message}`));
        current = running.find((p) => p.name === proc.name) ?? current;
      }
    }
  };
  for (const proc of running) supervise(proc);
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
