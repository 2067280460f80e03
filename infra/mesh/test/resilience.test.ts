// The mesh's resilience against real upstream servers: outlier ejection and return, per-try timeouts,
// connection failures, what is (not) retried, overall timeouts and connection pool overflow.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { both, destinationRule, virtualService } from './support/istio-yaml.js';
import { type MeshProcess, startMesh } from './support/mesh-process.js';
import { eventually, send, sendMany } from './support/requests.js';
import { startUpstreams } from './support/upstream.js';

const OUTLIER = `    outlierDetection:
      consecutive5xxErrors: 3
      interval: 100ms
      baseEjectionTime: 5s
      maxEjectionPercent: 50
`;
const POOL = `    connectionPool:
      tcp:
        maxConnections: 1
      http:
        http1MaxPendingRequests: 1
`;
const RETRY_ALL = 'connect-failure,5xx,gateway-error,reset';

describe('the mesh in front of real upstreams', () => {
  let mesh: MeshProcess;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  const u = (name: string) => upstreams.get(name);
  const refusedUrl = 'http://127.0.0.1:9'; // the discard port: nothing listens on it here

  before(async () => {
    upstreams = await startUpstreams(['flakyA', 'flakyB', 'slowA', 'slowB', 'refusedB', 'failing', 'held', 'timed']);
    mesh = await startMesh(
      {
        'flaky.yaml': both(virtualService('flaky', { retries: { attempts: 0 } }), destinationRule('flaky', OUTLIER)),
        'slow.yaml': both(
          virtualService('slow', { retries: { attempts: 2, perTryTimeout: '1s', retryOn: RETRY_ALL } }),
          destinationRule('slow'),
        ),
        'refused.yaml': both(
          virtualService('refused', { retries: { attempts: 2, retryOn: 'connect-failure' } }),
          destinationRule('refused'),
        ),
        'failing.yaml': both(
          virtualService('failing', { retries: { attempts: 3, retryOn: RETRY_ALL } }),
          destinationRule('failing'),
        ),
        'held.yaml': both(virtualService('held', { retries: { attempts: 0 } }), destinationRule('held', POOL)),
        'timed.yaml': both(
          virtualService('timed', { timeout: '300ms', retries: { attempts: 5, retryOn: RETRY_ALL } }),
          destinationRule('timed'),
        ),
      },
      {
        flaky: [{ url: u('flakyA').url }, { url: u('flakyB').url }],
        slow: [{ url: u('slowA').url }, { url: u('slowB').url }],
        refused: [{ url: refusedUrl }, { url: u('refusedB').url }],
        failing: [{ url: u('failing').url }],
        held: [{ url: u('held').url }],
        timed: [{ url: u('timed').url }],
      },
    );
  });
  after(async () => {
    await mesh?.stop();
    await upstreams?.close();
  });

  it('ejects an instance after consecutive 5xx and sends it traffic again after the ejection time', async () => {
    u('flakyA').behave({ kind: 'fail', status: 500 });
    const first = await sendMany(`${mesh.url('flaky')}/items`, 12, 1);
    // Round robin until A has failed 3 times in a row, then only B answers.
    assert.equal(first.filter((a) => a.status === 500).length, 3);
    assert.equal(await mesh.metric('mesh_outlier_ejections_total', { destination: 'flaky' }), 1);
    const whileEjected = await sendMany(`${mesh.url('flaky')}/items`, 10, 2);
    assert.ok(whileEjected.every((a) => a.status === 200 && a.headers.get('x-instance') === 'flakyB'));

    u('flakyA').behave({ kind: 'ok' });
    const seenBefore = u('flakyA').received.length;
    await eventually(
      async () => (await mesh.metric('mesh_outlier_ejected', { destination: 'flaky' })) === 0,
      'A returns',
      10_000,
    );
    const afterReturn = await sendMany(`${mesh.url('flaky')}/items`, 10, 1);
    assert.ok(afterReturn.every((a) => a.status === 200));
    assert.ok(u('flakyA').received.length > seenBefore, 'the returned instance gets requests again');
  });

  it('gives up on a slow instance at the per-try timeout and retries on a healthy one', async () => {
    u('slowA').behave({ kind: 'slow', ms: 10_000 });
    const answers = await sendMany(`${mesh.url('slow')}/items`, 6, 3);
    assert.ok(answers.every((a) => a.status === 200 && a.headers.get('x-instance') === 'slowB'));
    const retried = answers.filter((a) => a.headers.get('x-envoy-attempt-count') === '2');
    assert.ok(retried.length >= 1, 'some requests went to the slow instance first');
    assert.ok(u('slowA').received.length >= 1);
    assert.ok(u('slowB').received.some((r) => r.headers['x-envoy-attempt-count'] === '2'));
    assert.ok((await mesh.metric('mesh_retries_total', { destination: 'slow', reason: 'per_try_timeout' })) >= 1);
  });

  it('retries a refused connection, for a POST too, on the next instance', async () => {
    const gets = await sendMany(`${mesh.url('refused')}/items`, 4, 1);
    const posts = await sendMany(`${mesh.url('refused')}/items`, 4, 1, { method: 'POST', body: '{"a":1}' });
    assert.ok([...gets, ...posts].every((a) => a.status === 200));
    assert.ok((await mesh.metric('mesh_retries_total', { destination: 'refused', reason: 'connect_failure' })) >= 2);
    const retriedPost = u('refusedB').received.find(
      (r) => r.method === 'POST' && r.headers['x-envoy-attempt-count'] === '2',
    );
    assert.equal(retriedPost?.body, '{"a":1}', 'a retried request carries its body again');
  });

  it('does not retry a POST that got a 5xx, but retries a GET up to the attempts', async () => {
    u('failing').behave({ kind: 'fail', status: 503 });
    const post = await send(`${mesh.url('failing')}/orders`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 503);
    assert.equal(u('failing').received.filter((r) => r.method === 'POST').length, 1);

    const get = await send(`${mesh.url('failing')}/orders/1`);
    assert.equal(get.status, 503);
    const attempts = u('failing')
      .received.filter((r) => r.method === 'GET')
      .map((r) => r.headers['x-envoy-attempt-count']);
    assert.deepEqual(attempts, ['1', '2', '3', '4']);
    assert.equal(get.headers.get('x-envoy-attempt-count'), '4');
  });

  it('answers 504 when the overall timeout passes, whatever retries remain', async () => {
    u('timed').behave({ kind: 'slow', ms: 2000 });
    const answer = await send(`${mesh.url('timed')}/slow`);
    assert.equal(answer.status, 504);
    assert.match(answer.headers.get('content-type') ?? '', /application\/problem\+json/);
    assert.equal(u('timed').received.length, 1, 'no retry once the route timeout is spent');
  });

  it('answers 503 overflow beyond maxConnections + http1MaxPendingRequests', async () => {
    u('held').behave({ kind: 'hold' });
    const inFlight = [send(`${mesh.url('held')}/a`), send(`${mesh.url('held')}/b`)];
    await eventually(async () => u('held').received.length === 1, 'the first request reaches the upstream');
    const third = await send(`${mesh.url('held')}/c`);
    assert.equal(third.status, 503);
    assert.equal(third.headers.get('x-envoy-overloaded'), 'true');
    u('held').releaseHeld();
    await eventually(async () => u('held').received.length === 2, 'the pending request gets its turn');
    u('held').releaseHeld();
    assert.deepEqual(
      (await Promise.all(inFlight)).map((a) => a.status),
      [200, 200],
    );
  });

  it('streams an event stream to the caller as the upstream writes it', async () => {
    u('timed').behave({ kind: 'stream' });
    const response = await fetch(`${mesh.url('timed')}/events`);
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const reader = response.body?.getReader();
    const first = await reader?.read();
    assert.equal(Buffer.from(first?.value ?? []).toString(), 'data: first\n\n', 'before the upstream ends it');
    u('timed').releaseHeld();
    const rest = await reader?.read();
    assert.equal(Buffer.from(rest?.value ?? []).toString(), 'data: last\n\n');
  });

  it('passes headers and traceparent through unchanged and adds the attempt count', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await send(`${mesh.url('refused')}/trace?q=1`, { headers: { traceparent, 'x-custom': 'kept' } });
    const got = u('refusedB').received.find((r) => r.url === '/trace?q=1');
    assert.equal(got?.headers.traceparent, traceparent);
    assert.equal(got?.headers['x-custom'], 'kept');
    assert.ok(got?.headers['x-envoy-attempt-count']);
  });
});
