// Pino JSON lines (as every Emporium process prints them) → log records. The well-known fields are
// lifted out; the rest stay in `fields`. A line without a time or a service is refused.
import { invalid } from '@emporium/service-kit';
import { LOG_LEVELS, type LogRecord } from '../store/records.js';

const LIFTED = new Set(['time', 'level', 'msg', 'service', 'trace_id', 'span_id', 'request_id', 'reqId']);
const PINO_NUMBERS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

const text = (v: unknown) => (typeof v === 'string' && v ? v : null);

function levelOf(value: unknown): string {
  if (typeof value === 'number') return PINO_NUMBERS[value] ?? 'info';
  if (typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value)) return value;
  return 'info';
}

export function decodeLogLine(line: unknown, index: number): LogRecord {
  const path = `body/items/${index}`;
  if (typeof line !== 'object' || line === null || Array.isArray(line)) {
    throw invalid(`${path} is not a JSON log line`, [{ path, message: 'must be an object' }]);
  }
  const entry = line as Record<string, unknown>;
  const time = typeof entry.time === 'number' ? new Date(entry.time) : new Date(String(entry.time ?? ''));
  if (Number.isNaN(time.getTime()))
    throw invalid(`${path} has no valid time`, [{ path: `${path}/time`, message: 'must be a time' }]);
  const service = text(entry.service);
  if (!service) throw invalid(`${path} names no service`, [{ path: `${path}/service`, message: 'is required' }]);
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) if (!LIFTED.has(key)) fields[key] = value;
  return {
    time: time.toISOString(),
    time_ms: time.getTime(),
    service,
    level: levelOf(entry.level),
    msg: typeof entry.msg === 'string' ? entry.msg : '',
    trace_id: text(entry.trace_id),
    span_id: text(entry.span_id),
    request_id: text(entry.request_id) ?? text(entry.reqId),
    fields,
  };
}
