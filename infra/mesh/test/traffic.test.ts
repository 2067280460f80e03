// Weighted routing between version subsets over many requests, live reload of the files (and the
// refusal of a broken edit), and fault injection at the configured rates.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { both, destinationRule, virtualService } from './support/istio-yaml.js';
import { type MeshProcess, startMesh } from './support/mesh-process.js';
import { eventually, sendMany } from './support/requests.js';
import { startUpstreams } from './support/upstream.js';

const REQUESTS = 1000;

/** Whether `count` of `n` is within 5 standard deviations of a binomial with probability `p`. */
function withinTolerance(count: number, n: number, p: number): boolean {
  const sd = Math.sqrt(n * p * (1 - p));
  return Math.abs(count - n * p) <= 5 * sd;
}

const weightsOf = async (mesh: MeshProcess, name: string) =>
  (await mesh.config()).destinations.find((d) => d.name === name)?.route.destinations.map((d) => d.weight);

describe('traffic splitting, reload and fault injection', () => {
  let mesh: MeshProcess;
  let upstreams: Awaited<ReturnType<typeof startUpstreams>>;
  const u = (name: string) => upstreams.get(name);

  before(async () => {
    upstreams = await startUpstreams(['v1', 'v2', 'plain']);
    mesh = await startMesh(
      {
        'shop.yaml': both(virtualService('shop', { weights: { v1: 90, v2: 10 } }), destinationRule('shop')),
        'chaos.yaml': both(
          virtualService('chaos', {
            retries: { attempts: 0 },
            fault: `      fault:
        delay:
          percentage:
            value: 50
          fixedDelay: 5ms
        abort:
          percentage:
            value: 30
          httpStatus: 418
`,
          }),
          destinationRule('chaos'),
        ),
      },
      {
        shop: [
          { url: u('v1').url, version: 'v1' },
          { url: u('v2').url, version: 'v2' },
        ],
        chaos: [{ url: u('plain').url }],
      },
    );
  });
  after(async () => {
    await mesh?.stop();
    await upstreams?.close();
  });

  it('splits 90/10 between the version subsets, then 50/50 after the file changes', async () => {
    const first = await sendMany(`${mesh.url('shop')}/x`, REQUESTS, 20);
    assert.ok(first.every((a) => a.status === 200));
    const canary = first.filter((a) => a.headers.get('x-instance') === 'v2').length;
    assert.ok(withinTolerance(canary, REQUESTS, 0.1), `v2 got ${canary} of ${REQUESTS} at 10%`);

    await mesh.writeConfig(
      'shop.yaml',
      both(virtualService('shop', { weights: { v1: 50, v2: 50 } }), destinationRule('shop')),
    );
    await eventually(async () => (await weightsOf(mesh, 'shop'))?.join('/') === '50/50', 'the mesh reloads');
    const second = await sendMany(`${mesh.url('shop')}/x`, REQUESTS, 20);
    const half = second.filter((a) => a.headers.get('x-instance') === 'v2').length;
    assert.ok(withinTolerance(half, REQUESTS, 0.5), `v2 got ${half} of ${REQUESTS} at 50%`);
  });

  it('refuses an edit with errors and keeps the running routes', async () => {
    const refusedBefore = await mesh.metric('mesh_config_reloads_total', { outcome: 'refused' });
    await mesh.writeConfig(
      'shop.yaml',
      both(virtualService('shop', { weights: { v1: 60, v2: 60 } }), destinationRule('shop')),
    );
    await eventually(
      async () => (await mesh.metric('mesh_config_reloads_total', { outcome: 'refused' })) > refusedBefore,
      'the mesh refuses the file',
    );
    assert.equal((await weightsOf(mesh, 'shop'))?.join('/'), '50/50');
    // Its log line reaches the test through a pipe, possibly just after the metric moved.
    await eventually(
      async () => /weights must add up to 100 \(they add up to 120\)/.test(mesh.output()),
      'the reason in the mesh log',
    );
  });

  it('injects aborts and delays at the configured percentages', async () => {
    const answers = await sendMany(`${mesh.url('chaos')}/x`, REQUESTS, 20);
    const aborted = answers.filter((a) => a.status === 418);
    assert.ok(withinTolerance(aborted.length, REQUESTS, 0.3), `${aborted.length} of ${REQUESTS} aborted at 30%`);
    assert.ok(aborted.every((a) => a.headers.get('x-mesh-fault') === 'abort'));
    assert.equal(
      answers.length - aborted.length,
      u('plain').received.length,
      'aborted requests never reach the service',
    );
    const delayed = await mesh.metric('mesh_faults_injected_total', { destination: 'chaos', kind: 'delay' });
    assert.ok(withinTolerance(delayed, REQUESTS, 0.5), `${delayed} of ${REQUESTS} delayed at 50%`);
  });
});
