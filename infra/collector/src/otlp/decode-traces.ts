// OTLP/HTTP JSON (ExportTraceServiceRequest) → span records. Ids may be hex (the JSON encoding the
// OTLP spec asks for) or base64 (what a protobuf-to-JSON mapping gives); times may be strings, numbers
// or {low, high} long bits. Anything else malformed is refused as a whole, with the path that is wrong.
import { invalid } from '@emporium/service-kit';
import type { AttributeValue, SpanKind, SpanRecord, StatusCode } from '../store/records.js';

const KINDS: SpanKind[] = ['internal', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUS: StatusCode[] = ['unset', 'ok', 'error'];
const HEX = /^[0-9a-fA-F]+$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const listAt = (v: unknown, path: string): unknown[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw invalid(`${path} must be an array`, [{ path, message: 'must be an array' }]);
  return v;
};

function hexId(value: unknown, bytes: number, path: string, optional = false): string | null {
  if (optional && (value === undefined || value === null || value === '')) return null;
  if (typeof value === 'string') {
    if (value.length === bytes * 2 && HEX.test(value)) return value.toLowerCase();
    const decoded = Buffer.from(value, 'base64');
    if (decoded.length === bytes && /^[A-Za-z0-9+/]+=*$/.test(value)) return decoded.toString('hex');
  }
  throw invalid(`${path} is not a ${bytes}-byte id`, [{ path, message: `must be ${bytes * 2} hex digits` }]);
}

function nanos(value: unknown, path: string): bigint {
  if (typeof value === 'string' && /^\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return BigInt(Math.round(value));
  if (isObject(value) && typeof value.low === 'number' && typeof value.high === 'number') {
    return (BigInt(value.high >>> 0) << 32n) + BigInt(value.low >>> 0);
  }
  throw invalid(`${path} is not a time in nanoseconds`, [{ path, message: 'must be unix nanoseconds' }]);
}

function attributeValue(value: unknown): AttributeValue {
  if (!isObject(value)) return null;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  if (typeof value.doubleValue === 'number') return value.doubleValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (isObject(value.arrayValue) && Array.isArray(value.arrayValue.values)) {
    return value.arrayValue.values
      .map(attributeValue)
      .filter((v): v is string | number | boolean => v !== null && !Array.isArray(v));
  }
  return null;
}

function attributes(list: unknown, path: string): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [i, entry] of listAt(list, path).entries()) {
    if (!isObject(entry) || typeof entry.key !== 'string') {
      throw invalid(`${path}[${i}] is not an attribute`, [{ path: `${path}/${i}`, message: 'needs a key' }]);
    }
    out[entry.key] = attributeValue(entry.value);
  }
  return out;
}

function decodeSpan(span: unknown, service: string, path: string): SpanRecord {
  if (!isObject(span)) throw invalid(`${path} is not a span`, [{ path, message: 'must be an object' }]);
  const start = nanos(span.startTimeUnixNano, `${path}/startTimeUnixNano`);
  const end = nanos(span.endTimeUnixNano, `${path}/endTimeUnixNano`);
  const status = isObject(span.status) ? span.status : {};
  const code = STATUS[Number(status.code ?? 0)] ?? 'unset';
  const startMs = Number(start / 1_000_000n);
  return {
    trace_id: hexId(span.traceId, 16, `${path}/traceId`) as string,
    span_id: hexId(span.spanId, 8, `${path}/spanId`) as string,
    parent_span_id: hexId(span.parentSpanId, 8, `${path}/parentSpanId`, true),
    name: typeof span.name === 'string' ? span.name : '',
    service,
    kind: KINDS[Number(span.kind ?? 0)] ?? 'internal',
    start_time: new Date(startMs).toISOString(),
    start_unix_nano: start.toString(),
    start_ms: startMs,
    duration_ms: end > start ? Number(end - start) / 1e6 : 0,
    status: typeof status.message === 'string' && status.message ? { code, message: status.message } : { code },
    attributes: attributes(span.attributes, `${path}/attributes`),
    links: listAt(span.links, `${path}/links`).map((link, i) => {
      const l = isObject(link) ? link : {};
      return {
        trace_id: hexId(l.traceId, 16, `${path}/links/${i}/traceId`) as string,
        span_id: hexId(l.spanId, 8, `${path}/links/${i}/spanId`) as string,
      };
    }),
  };
}

export function decodeTraces(body: unknown): SpanRecord[] {
  if (!isObject(body)) throw invalid('The body must be an OTLP ExportTraceServiceRequest object');
  const spans: SpanRecord[] = [];
  for (const [r, resourceSpans] of listAt(body.resourceSpans, 'body/resourceSpans').entries()) {
    const rPath = `body/resourceSpans/${r}`;
    if (!isObject(resourceSpans)) throw invalid(`${rPath} is not an object`);
    const resource = isObject(resourceSpans.resource) ? resourceSpans.resource : {};
    const service = attributes(resource.attributes, `${rPath}/resource/attributes`)['service.name'];
    const name = typeof service === 'string' && service ? service : 'unknown_service';
    for (const [s, scopeSpans] of listAt(resourceSpans.scopeSpans, `${rPath}/scopeSpans`).entries()) {
      const sPath = `${rPath}/scopeSpans/${s}`;
      if (!isObject(scopeSpans)) throw invalid(`${sPath} is not an object`);
      for (const [i, span] of listAt(scopeSpans.spans, `${sPath}/spans`).entries()) {
        spans.push(decodeSpan(span, name, `${sPath}/spans/${i}`));
      }
    }
  }
  return spans;
}
