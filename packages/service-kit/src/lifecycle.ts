// Runs a built service: listens, and on SIGTERM/SIGINT stops accepting, lets in-flight requests
// finish, closes the database, and exits. A shutdown that hangs is cut short.
import type { ServiceApp } from './server.js';

export interface ListenOptions {
  port: number;
  host: string;
  shutdownTimeoutMs?: number;
}

export async function runService(app: ServiceApp, options: ListenOptions): Promise<void> {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, options.shutdownTimeoutMs ?? 10_000);
    timer.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // Started by a supervisor with an IPC channel (the emporium CLI): if it dies, do not linger. It may have
  // gone while this process was still starting, before anyone listened for 'disconnect' (which is not
  // emitted again): then the channel is already closed.
  if (process.send) {
    process.once('disconnect', () => void stop('supervisor went away'));
    if (!process.connected) void stop('supervisor went away');
  }
  process.on('unhandledRejection', (reason) => {
    app.log.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
  await app.listen({ port: options.port, host: options.host });
}

/** For main.ts: a failure before the service is listening is printed as one line and exits non-zero. */
export function startOrExit(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
