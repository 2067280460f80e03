// `emporium orders <id>`: an order's status history and its saga's step timeline, read through the
// gateway as the admin configured for this runtime.
import pc from 'picocolors';
import { readState } from '../runtime/state.js';
import type { Settings } from '../settings.js';

interface TimelineEntry {
  step: string;
  event: string;
  detail: string | null;
  at: string;
}

export async function adminToken(gateway: string, settings: Settings): Promise<string> {
  if (!settings.admin) throw new Error('no admin is configured: set EMPORIUM_ADMIN_EMAIL and EMPORIUM_ADMIN_PASSWORD');
  const res = await fetch(`${gateway}/api/users/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: settings.admin.email, password: settings.admin.password }),
  });
  if (!res.ok) throw new Error(`signing in as ${settings.admin.email} failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as T & { detail?: string };
  if (!res.ok) throw new Error(body.detail ?? `${url} answered ${res.status}`);
  return body;
}

const time = (at: string) => at.replace('T', ' ').replace('Z', '');

export async function showOrder(settings: Settings, id: string): Promise<number> {
  const state = await readState(settings.dataDir);
  if (!state) {
    console.error('Emporium is not running (start it with `npm start`).');
    return 1;
  }
  try {
    const token = await adminToken(state.gateway, settings);
    const base = `${state.gateway}/api/orders/v1/orders/${encodeURIComponent(id)}`;
    const order = await getJson<{
      status: string;
      reason?: string;
      total: { amount: number; currency: string };
      status_history: Array<{ status: string; at: string; reason?: string }>;
    }>(base, token);
    const saga = await getJson<{ status: string; awaiting_compensation: string[]; timeline: TimelineEntry[] }>(
      `${base}/saga`,
      token,
    );
    const total = `${(order.total.amount / 100).toFixed(2)} ${order.total.currency}`;
    console.log(`${pc.bold(`order ${id}`)}  ${order.status}${order.reason ? ` (${order.reason})` : ''}  ${total}`);
    console.log(pc.bold('\nstatus history'));
    for (const h of order.status_history)
      console.log(`  ${time(h.at)}  ${h.status}${h.reason ? `  ${pc.dim(h.reason)}` : ''}`);
    const awaiting =
      saga.awaiting_compensation.length > 0 ? `, awaiting undo of ${saga.awaiting_compensation.join(', ')}` : '';
    console.log(pc.bold(`\nsaga: ${saga.status}${awaiting}`));
    for (const e of saga.timeline) {
      const colour =
        e.event === 'failed' || e.event === 'timed_out'
          ? pc.red
          : e.event.startsWith('compensat')
            ? pc.yellow
            : (s: string) => s;
      console.log(`  ${time(e.at)}  ${e.step.padEnd(20)} ${colour(e.event)}${e.detail ? `  ${pc.dim(e.detail)}` : ''}`);
    }
    return 0;
  } catch (error) {
    console.error(pc.red((error as Error).message));
    return 1;
  }
}
