// `emporium mail`: what the shop sent, as the local notification sink received it (email, SMS, push).
import pc from 'picocolors';
import { readState } from '../runtime/state.js';
import type { Settings } from '../settings.js';

interface SinkMessage {
  channel: string;
  to: string;
  subject?: string;
  text: string;
  received_at: string;
}

export async function listMail(
  settings: Settings,
  options: { to?: string; channel: string; limit: number },
): Promise<number> {
  const state = await readState(settings.dataDir);
  const sink = state?.services.find((s) => s.name === 'notification-sink');
  if (!sink) {
    console.error('Emporium is not running (start it with `npm start`).');
    return 1;
  }
  const query = new URLSearchParams({ channel: options.channel, limit: String(options.limit) });
  if (options.to) query.set('to', options.to);
  const res = await fetch(`${sink.url}/v1/messages?${query}`);
  if (!res.ok) {
    console.error(pc.red(`the notification sink answered ${res.status}`));
    return 1;
  }
  const { items } = (await res.json()) as { items: SinkMessage[] };
  if (items.length === 0) console.log(pc.dim(`no ${options.channel} messages yet`));
  for (const m of items) {
    const heading = m.subject ?? m.text.split('\n')[0] ?? '';
    console.log(`${pc.dim(m.received_at.replace('T', ' ').replace('Z', ''))}  ${m.to.padEnd(32)}  ${heading}`);
  }
  return 0;
}
