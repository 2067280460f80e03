// How the console writes numbers and picks colours: durations, rates, percentages, and one stable colour
// per service so a service looks the same in the topology, the waterfall and the logs.
export { formatMs } from '../../ui/duration.js';

export function formatRate(rps: number | null | undefined): string {
  if (rps === null || rps === undefined || !Number.isFinite(rps)) return '–';
  if (rps >= 100) return `${Math.round(rps)}/s`;
  if (rps >= 1) return `${rps.toFixed(1)}/s`;
  if (rps > 0) return `${(rps * 60).toFixed(1)}/min`;
  return '0/s';
}

/** A fraction (0.0123) as a percentage ("1.23 %"), with more digits near 100 % where they matter. */
export function formatPercent(fraction: number | null | undefined, digits = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)} %`;
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(11, 23);
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}`;
}

const KNOWN: Record<string, string> = {
  gateway: '#64748b',
  users: '#8b5cf6',
  catalog: '#0ea5e9',
  inventory: '#14b8a6',
  orders: '#f59e0b',
  payments: '#22c55e',
  notifications: '#ec4899',
  analytics: '#6366f1',
};

/** One colour per service: the known ones fixed, any other from a hash of its name. */
export function serviceColour(name: string): string {
  const known = KNOWN[name];
  if (known) return known;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 60% 55%)`;
}

export const HEALTH_COLOUR = { ok: '#22c55e', warn: '#f59e0b', bad: '#ef4444', idle: '#94a3b8' } as const;
