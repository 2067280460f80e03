import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { claimPortRange, portRangeBases } from '../src/port-range.js';

const SIZE = 47;

describe('claimPortRange', () => {
  let claims: string;
  beforeEach(async () => {
    claims = await mkdtemp(join(tmpdir(), 'port-range-test-'));
  });
  afterEach(async () => {
    await rm(claims, { recursive: true, force: true });
  });

  it('hands out ranges that never overlap while they are held, and frees them on release', async () => {
    const ranges = [];
    for (let i = 0; i < 30; i++) ranges.push(await claimPortRange(SIZE, { claims }));
    const sorted = ranges.map((r) => r.base).sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      assert.ok((sorted[i] as number) >= (sorted[i - 1] as number) + SIZE + 1, `ranges at ${sorted} overlap`);
    }
    assert.equal((await readdir(claims)).length, 30);
    for (const range of ranges) range.release();
    assert.deepEqual(await readdir(claims), []);
  });

  it('skips every range another live process holds', async () => {
    const bases = portRangeBases(SIZE);
    const left = bases[Math.floor(bases.length / 2)] as number;
    // The parent of this test process stays alive while the test runs.
    for (const base of bases) if (base !== left) await writeFile(join(claims, String(base)), String(process.ppid));
    const range = await claimPortRange(SIZE, { claims });
    assert.equal(range.base, left);
    range.release();
  });

  it('takes over a range whose owner has died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    for (const base of portRangeBases(SIZE)) await writeFile(join(claims, String(base)), dead);
    const range = await claimPortRange(SIZE, { claims });
    assert.ok(portRangeBases(SIZE).includes(range.base));
    range.release();
  });
});
