#!/usr/bin/env node
// `emporium`: the command line of the local runtime.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { down } from './commands/down.js';
import { deadLetters, replay, tail } from './commands/events.js';
import { listMail } from './commands/mail.js';
import { showOrder } from './commands/orders.js';
import { status } from './commands/status.js';
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

const program = new Command('emporium').description('Run and inspect the Emporium shop on this machine');

program
  .command('up')
  .description('start PostgreSQL, every service and the gateway; Ctrl-C stops them')
  .option('--port <port>', 'gateway port (EMPORIUM_GATEWAY_PORT, default 8080)')
  .option('--data-dir <dir>', 'where the embedded mode keeps its data (EMPORIUM_DATA_DIR, default .data)')
  .action((opts: { port?: string; dataDir?: string }) =>
    run(up, {
      ...(opts.port ? { gatewayPort: Number(opts.port) } : {}),
      ...(opts.dataDir ? { dataDir: resolve(opts.dataDir) } : {}),
    }),
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

await program.parseAsync();
