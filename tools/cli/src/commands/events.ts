// `emporium events tail | dead-letters | replay <id>`: what travels on the bus, what was refused and
// why, and sending a refused message again once its cause is fixed.
import { ALL_MESSAGES, streamOf } from '@emporium/contracts';
import {
  type BusMessage,
  connectBus,
  listDeadLetters,
  type MessageBus,
  readWholeStream,
  replayDeadLetter,
  type StoredMessage,
} from '@emporium/messaging';
import pc from 'picocolors';
import { readState } from '../runtime/state.js';
import type { Settings } from '../settings.js';

const PAGE = 1000;

async function withBus(settings: Settings, work: (bus: MessageBus) => Promise<number>): Promise<number> {
  const state = await readState(settings.dataDir);
  const url = state?.busUrl ?? (settings.infra === 'local' ? settings.busUrl : undefined);
  if (!url) {
    console.error('Emporium is not running (start it with `npm start`).');
    return 1;
  }
  const bus = await connectBus(url, 'emporium-cli');
  try {
    return await work(bus);
  } finally {
    await bus.close();
  }
}

function describe(message: BusMessage): string {
  try {
    const envelope = JSON.parse(Buffer.from(message.data).toString('utf8')) as {
      time?: string;
      subject?: string;
      data?: unknown;
    };
    return `${pc.dim(envelope.time ?? '')} ${pc.cyan(message.subject)} ${pc.dim(envelope.subject ?? '')} ${JSON.stringify(envelope.data)}`;
  } catch {
    return `${pc.cyan(message.subject)} ${pc.red('(not JSON)')} ${Buffer.from(message.data).toString('utf8').slice(0, 200)}`;
  }
}

const STREAMS = [...new Set(ALL_MESSAGES.map((m) => streamOf(m.service).name))];

export function tail(settings: Settings, options: { type?: string; last: number }): Promise<number> {
  return withBus(settings, async (bus) => {
    const next = new Map<string, number>();
    const matches = (m: BusMessage) => !options.type || m.subject.includes(options.type);
    const recent: StoredMessage[] = [];
    for (const stream of STREAMS) {
      const stored = await readWholeStream(bus, stream);
      next.set(stream, (stored.at(-1)?.sequence ?? 0) + 1);
      recent.push(...stored.filter(matches));
    }
    for (const m of recent.slice(-options.last)) console.log(describe(m));
    console.log(pc.dim(`— live (Ctrl-C to stop)${options.type ? `, type contains "${options.type}"` : ''}`));
    let stop = false;
    process.once('SIGINT', () => {
      stop = true;
    });
    while (!stop) {
      for (const stream of STREAMS) {
        const page = await bus.read(stream, next.get(stream) ?? 1, PAGE).catch(() => []);
        for (const m of page) if (matches(m)) console.log(describe(m));
        const last = page.at(-1);
        if (last) next.set(stream, last.sequence + 1);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    return 0;
  });
}

export function deadLetters(settings: Settings): Promise<number> {
  return withBus(settings, async (bus) => {
    const letters = await listDeadLetters(bus);
    if (letters.length === 0) console.log('No dead letters.');
    for (const letter of letters) {
      console.log(
        `${pc.bold(letter.id)}  ${pc.cyan(letter.subject || '?')}  ` +
          `consumer ${letter.consumer || '?'}, ${letter.deliveries} deliveries\n` +
          `  ${pc.red(letter.reason)}`,
      );
    }
    return 0;
  });
}

/** Publishes the dead letter's message again on its original subject (under a new broker id, past dedup). */
export function replay(settings: Settings, id: string): Promise<number> {
  return withBus(settings, async (bus) => {
    const letter = await replayDeadLetter(bus, id);
    if (!letter) {
      console.error(`No dead letter with id ${id} (see \`emporium events dead-letters\`).`);
      return 1;
    }
    console.log(`Replayed ${letter.id} to ${letter.subject}. Consumers that already handled it skip it (inbox).`);
    return 0;
  });
}
