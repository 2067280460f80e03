// The life of one request through the mesh: fault injection, the weighted choice of subset, then tries
// against instances (per-try timeout, retryOn, back-off) within the route's overall timeout, each try
// reported to outlier detection; the answer that stands is streamed back to the caller.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MeshMetrics } from '../metrics.js';
import { discard, HOP_BY_HOP, sendTry, type TryOutcome } from './attempt.js';
import type { Destination } from './destination.js';
import { sendLocalReply } from './local-reply.js';
import type { TryResult } from './outlier.js';
import { backoffMs, isIdempotent, retryReason } from './retry-policy.js';

export interface ForwardOptions {
  metrics: MeshMetrics;
  /** Request bodies are buffered (a retry must send them again) up to this size. */
  maxBodyBytes: number;
  random?: () => number;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return chunks.length > 0 ? Buffer.concat(chunks) : undefined;
}

const resultOf = (outcome: TryOutcome): TryResult => {
  if (outcome.kind !== 'response') return 'gateway-error';
  if (outcome.status === 502 || outcome.status === 503 || outcome.status === 504) return 'gateway-error';
  return outcome.status >= 500 ? 'server-error' : 'success';
};

const LOCAL_FAILURE: Record<Exclude<TryOutcome['kind'], 'response'>, [number, string]> = {
  'connect-failure': [
    503,
    'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
  ],
  reset: [503, 'upstream connect error or disconnect/reset before headers. reset reason: connection termination'],
  timeout: [504, 'upstream request timeout'],
};

export async function forward(
  destination: Destination,
  req: IncomingMessage,
  res: ServerResponse,
  options: ForwardOptions,
): Promise<void> {
  const { metrics } = options;
  const random = options.random ?? Math.random;
  const started = performance.now();
  const route = destination.policy.route;
  const callerGone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) callerGone.abort();
  });
  let subsetLabel = 'none';
  const finish = (status: number) => {
    metrics.requests.inc({ destination: destination.name, subset: subsetLabel, code: String(status) });
    metrics.duration.observe({ destination: destination.name }, (performance.now() - started) / 1000);
  };
  const local = (status: number, detail: string, headers: Record<string, string> = {}) => {
    finish(status);
    sendLocalReply(res, status, detail, headers);
  };

  let body: Buffer | undefined;
  try {
    body = await readBody(req, options.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge)
      return local(413, `request bodies are buffered up to ${options.maxBodyBytes} bytes`);
    return; // the caller went away while sending
  }

  const fault = route.fault;
  if (fault?.delay && random() * 100 < fault.delay.percent) {
    metrics.faults.inc({ destination: destination.name, kind: 'delay' });
    await sleep(fault.delay.ms);
  }
  if (fault?.abort && random() * 100 < fault.abort.percent) {
    metrics.faults.inc({ destination: destination.name, kind: 'abort' });
    return local(fault.abort.status, 'fault filter abort', { 'x-mesh-fault': 'abort' });
  }

  const chosen = destination.chooseRoute(random);
  subsetLabel = chosen?.subset ?? 'all';
  const members = destination.membersOf(chosen?.subset);
  const deadline = route.timeoutMs === undefined ? undefined : started + route.timeoutMs;
  const idempotent = isIdempotent(req.method ?? 'GET');
  const tried = new Set<string>();

  for (let attempt = 1; ; attempt++) {
    const instance = destination.pickInstance(members, tried);
    if (!instance)
      return local(503, `no healthy upstream (subset ${subsetLabel} of ${destination.name} has no instances)`);
    if (destination.overflowing()) {
      metrics.upstreamRequests.inc({ destination: destination.name, instance: instance.url, outcome: 'overflow' });
      return local(503, 'upstream connect error or disconnect/reset before headers. reset reason: overflow', {
        'x-envoy-overloaded': 'true',
      });
    }
    const remaining = deadline === undefined ? undefined : deadline - performance.now();
    if (remaining !== undefined && remaining <= 0) return local(504, 'upstream request timeout');
    const perTry = route.retries.perTryTimeoutMs;
    const overallBinds = remaining !== undefined && (perTry === undefined || remaining <= perTry);
    tried.add(instance.url);
    destination.active += 1;
    let released = false;
    const release = () => {
      if (!released) destination.active -= 1;
      released = true;
    };
    const outcome = await sendTry(destination.poolFor(instance), {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body,
      attempt,
      timeoutMs: overallBinds ? remaining : perTry,
      signal: callerGone.signal,
    });
    const label = outcome.kind === 'response' ? String(outcome.status) : outcome.kind.replace('-', '_');
    metrics.upstreamRequests.inc({ destination: destination.name, instance: instance.url, outcome: label });
    if (callerGone.signal.aborted) {
      if (outcome.kind === 'response') discard(outcome.body);
      release();
      return;
    }
    destination.detector.record(instance.url, resultOf(outcome));
    const reason =
      overallBinds && outcome.kind === 'timeout' ? undefined : retryReason(outcome, route.retries, idempotent);
    const timeLeft = deadline === undefined || performance.now() < deadline;
    if (reason && attempt <= route.retries.attempts && timeLeft) {
      if (outcome.kind === 'response') discard(outcome.body);
      release();
      metrics.retries.inc({ destination: destination.name, reason });
      await sleep(backoffMs(attempt, random));
      continue;
    }
    const attemptHeader = { 'x-envoy-attempt-count': String(attempt) };
    if (outcome.kind !== 'response') {
      release();
      const [status, detail] = LOCAL_FAILURE[outcome.kind];
      return local(status, `${detail} (${outcome.detail})`, attemptHeader);
    }
    return deliver(outcome, res, attemptHeader, release, () => finish(outcome.status));
  }
}

async function deliver(
  outcome: Extract<TryOutcome, { kind: 'response' }>,
  res: ServerResponse,
  extra: Record<string, string>,
  release: () => void,
  finish: () => void,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(outcome.headers)) {
    if (value !== undefined && (!HOP_BY_HOP.has(name) || name === 'content-length')) headers[name] = value;
  }
  res.writeHead(outcome.status, { ...headers, ...extra });
  // A streamed answer (no length: an event stream) shows its headers at once; others go out with the body.
  if (headers['content-length'] === undefined) res.flushHeaders();
  finish();
  try {
    await pipeline(outcome.body, res);
  } catch {
    // the caller or the upstream went away mid-body: both sides are closed by pipeline
  } finally {
    release();
  }
}
