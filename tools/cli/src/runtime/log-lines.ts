// Turns a child's JSON log line into one readable, coloured, prefixed line for the terminal.
import pc from 'picocolors';

const PALETTE = [pc.cyan, pc.magenta, pc.blue, pc.yellow, pc.green, pc.red, pc.white];
const LEVEL_COLOUR: Record<string, (s: string) => string> = {
  fatal: pc.red,
  error: pc.red,
  warn: pc.yellow,
  info: pc.green,
  debug: pc.gray,
  trace: pc.gray,
};
const HIDDEN = new Set(['level', 'time', 'msg', 'service', 'version', 'pid', 'hostname']);

export function prefixer(names: string[]) {
  const width = Math.max(...names.map((n) => n.length));
  return (name: string) => {
    const colour = PALETTE[names.indexOf(name) % PALETTE.length] ?? pc.white;
    return colour(name.padEnd(width));
  };
}

export function formatLogLine(prefix: string, raw: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return `${prefix} ${pc.dim('│')} ${raw}`;
  }
  if (typeof entry !== 'object' || entry === null) return `${prefix} ${pc.dim('│')} ${raw}`;
  const level = String(entry.level ?? 'info');
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const extra = Object.entries(entry)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const colour = LEVEL_COLOUR[level] ?? pc.white;
  return `${prefix} ${pc.dim(`│ ${time}`)} ${colour(level.padEnd(5))} ${String(entry.msg ?? '')} ${pc.dim(extra)}`;
}
