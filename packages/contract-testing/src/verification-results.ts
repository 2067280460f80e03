// What a provider's verification of a pact found, kept per pact in test-results/pact-verifications/
// (the broker's job, without a broker): can-i-deploy reads them back.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './pact-files.js';

export const RESULTS_DIR = join(ROOT, 'test-results', 'pact-verifications');

export interface VerificationResult {
  consumer: string;
  consumerVersion: string;
  provider: string;
  providerVersion: string;
  /** The digest of the pact that was verified (pactDigest). */
  pact: string;
  success: boolean;
  verifiedAt: string;
  failures: string[];
}

const fileOf = (dir: string, consumer: string, provider: string) => join(dir, `${consumer}-${provider}.json`);

export function recordVerification(result: VerificationResult, dir = RESULTS_DIR): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(fileOf(dir, result.consumer, result.provider), `${JSON.stringify(result, null, 2)}\n`);
}

export function readVerification(
  consumer: string,
  provider: string,
  dir = RESULTS_DIR,
): VerificationResult | undefined {
  const file = fileOf(dir, consumer, provider);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VerificationResult) : undefined;
}
