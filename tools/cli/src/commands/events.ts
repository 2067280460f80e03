// `emporium events tail | dead-letters | replay <id>`: what travels on the bus, what was refused and
// why, and sending a refused message again once its cause is fixed.
import { ALL_MESSAGES, streamOf } from '@emporium/contracts';
import {
  type BusMessage,
  connectBus,
  DEAD_LETTER_HEADERS,
  DEAD_LETTER_STREAM,
  type MessageBus,
} from '@emporium/messaging';
import pc from 'picocolors';
import { readState } from '../runtime/state.js';
import type { Settings } from '../settings.js';

type Stored = BusMessage & { sequence: number };
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

async function readAll(bus: MessageBus, stream: string): Promise<Stored[]> {
  const all: Stored[] = [];
  for (let from = 1; ; ) {
    const page = await bus.read(stream, from, PAGE).catch(() => []);
    all.push(...page);
    const last = page.at(-1);
    if (!last || page.length < PAGE) return all;
    from = last.sequence + 1;
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
    const recent: Stored[] = [];
    for (const stream of STREAMS) {
      const stored = await readAll(bus, stream);
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
    const letters = await readAll(bus, DEAD_LETTER_STREAM);
    if (letters.length === 0) console.log('No dead letters.');
    for (const letter of letters) {
      const h = letter.headers ?? {};
      console.log(
        `${pc.bold(h[DEAD_LETTER_HEADERS.originalId] ?? letter.id)}  ${pc.cyan(h[DEAD_LETTER_HEADERS.subject] ?? '?')}  ` +
          `consumer ${h[DEAD_LETTER_HEADERS.consumer] ?? '?'}, ${h[DEAD_LETTER_HEADERS.deliveries] ?? '?'} deliveries\n` +
          `  ${pc.red(h[DEAD_LETTER_HEADERS.reason] ?? 'no reason recorded')}`,
      );
    }
    return 0;
  });
}

/** Publishes the dead letter's message again on its original subject (under a new broker id, past dedup). */
export function replay(settings: Settings, id: string): Promise<number> {
  return withBus(settings, async (bus) => {
    const letters = await readAll(bus, DEAD_LETTER_STREAM);
    const letter = letters.findLast((l) => l.headers?.[DEAD_LETTER_HEADERS.originalId] === id || l.id === id);
    const subject = letter?.headers?.[DEAD_LETTER_HEADERS.subject];
    if (!letter || !subject) {
      console.error(`No dead letter with id ${id} (see \`emporium events dead-letters\`).`);
      return 1;
    }
    const originalId = letter.headers?.[DEAD_LETTER_HEADERS.originalId] ?? id;
    await bus.publish({ subject, id: `${originalId}:replay:${Date.now()}`, data: letter.data });
    console.log(`Replayed ${originalId} to ${subject}. Consumers that already handled it skip it (inbox).`);
    return 0;
  });
}
