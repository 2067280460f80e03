// The embedded PostgreSQL server as a process of the local runtime: the CLI starts it in its own
// process group (so Ctrl-C reaches only the CLI, which stops the services first), and it shuts the
// server down on SIGTERM/SIGINT or when the CLI that started it goes away.
// Settings come from the environment; it prints one JSON line {"ready": true} once accepting connections.
import { startEmbeddedPostgres } from './embedded.js';

const dataDir = process.env.PG_DATA_DIR;
const port = Number(process.env.PG_PORT);
const password = process.env.PG_SUPERUSER_PASSWORD;
if (!dataDir || !Number.isInteger(port) || !password) {
  process.stderr.write('PG_DATA_DIR, PG_PORT and PG_SUPERUSER_PASSWORD must be set\n');
  process.exit(78);
}

const server = await startEmbeddedPostgres({
  dataDir,
  port,
  superuserPassword: password,
  onLog: (line) => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
// The postmaster dying on its own (kill -9, OOM killer) ends this process too, so the CLI sees it and restarts it.
void server.died.then((pid) => {
  if (stopping) return;
  process.stderr.write(`FATAL: the PostgreSQL server (postmaster pid ${pid}) died unexpectedly\n`);
  process.exit(70);
});
process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
