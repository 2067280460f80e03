// A consumer's pact with one provider. Interactions are recorded into a private folder; `settle()`
// then either writes the pact to <root>/pacts (`npm run contracts`, EMPORIUM_PACT_WRITE=1) or checks
// that the committed pact says exactly the same, so a committed pact cannot go stale unnoticed.
import './no-tracking.js';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { PACTS_DIR, type PactFile, pactFileName, readPact } from './pact-files.js';

export interface ConsumerPact {
  consumer: string;
  provider: string;
  pact: PactV4;
  /** Writes the pact to pacts/ (write mode) or asserts the committed one is the same; removes the scratch folder. */
  settle(): Promise<void>;
}

export const writeMode = () => process.env.EMPORIUM_PACT_WRITE === '1';

const promiseOf = ({ metadata: _tools, ...promise }: PactFile) => promise;

export interface ConsumerPactOptions {
  /** Where committed pacts live (tests of this package use their own). */
  pactsDir?: string;
  /** Write the pact instead of checking it; by default EMPORIUM_PACT_WRITE=1 says so. */
  write?: boolean;
}

export function consumerPact(consumer: string, provider: string, options: ConsumerPactOptions = {}): ConsumerPact {
  const pactsDir = options.pactsDir ?? PACTS_DIR;
  const scratch = mkdtempSync(join(tmpdir(), `emporium-pact-${consumer}-${provider}-`));
  const pact = new PactV4({ consumer, provider, dir: scratch, logLevel: 'error' });
  const name = pactFileName(consumer, provider);
  return {
    consumer,
    provider,
    pact,
    async settle() {
      try {
        const produced = join(scratch, name);
        assert.ok(existsSync(produced), `no interaction of ${consumer} with ${provider} was recorded`);
        const committed = join(pactsDir, name);
        if (options.write ?? writeMode()) {
          mkdirSync(pactsDir, { recursive: true });
          copyFileSync(produced, committed);
          return;
        }
        assert.ok(existsSync(committed), `pacts/${name} is not committed: run \`npm run contracts\` and commit it`);
        assert.deepEqual(
          promiseOf(readPact(produced)),
          promiseOf(readPact(committed)),
          `pacts/${name} is stale: ${consumer}'s tests now expect something else of ${provider}; ` +
            'run `npm run contracts` and commit the new pact with the change',
        );
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  };
}
