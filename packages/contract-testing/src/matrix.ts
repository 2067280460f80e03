// The compatibility matrix without a broker: each committed pact, the versions of its two sides, and
// whether the provider verified exactly that pact at exactly these versions.
import { type PactFile, pactDigest } from './pact-files.js';
import type { VerificationResult } from './verification-results.js';

export type EdgeStatus = 'verified' | 'failed' | 'unverified';

export interface MatrixRow {
  consumer: string;
  consumerVersion: string;
  provider: string;
  providerVersion: string;
  interactions: number;
  status: EdgeStatus;
  /** Why it is not verified, when it is not. */
  reason?: string;
}

export interface MatrixInputs {
  pacts: PactFile[];
  resultOf(consumer: string, provider: string): VerificationResult | undefined;
  versionOf(participant: string): string;
}

export function deploymentMatrix({ pacts, resultOf, versionOf }: MatrixInputs): MatrixRow[] {
  return pacts.map((pact) => {
    const consumer = pact.consumer.name;
    const provider = pact.provider.name;
    const row = {
      consumer,
      consumerVersion: versionOf(consumer),
      provider,
      providerVersion: versionOf(provider),
      interactions: pact.interactions.length,
    };
    const result = resultOf(consumer, provider);
    if (!result) return { ...row, status: 'unverified', reason: 'never verified' };
    if (result.pact !== pactDigest(pact)) {
      return { ...row, status: 'unverified', reason: 'the pact changed since its last verification' };
    }
    if (result.providerVersion !== row.providerVersion || result.consumerVersion !== row.consumerVersion) {
      return {
        ...row,
        status: 'unverified',
        reason: `verified at ${result.consumer}@${result.consumerVersion} × ${result.provider}@${result.providerVersion}`,
      };
    }
    return result.success
      ? { ...row, status: 'verified' }
      : { ...row, status: 'failed', reason: result.failures.join('; ') || 'verification failed' };
  });
}
