// The simulator's durable state in one LMDB environment: charges, refunds, and the response stored
// under each idempotency key. An effect and its key's response commit in one transaction, so after a
// restart (even a kill) a replay finds exactly what was done.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, open } from 'lmdb';
import type { ProviderResponse } from '../domain/responses.js';

export interface ChargeRecord {
  id: string;
  amount: number;
  currency: string;
  payment_method: string;
  reference: string;
  amount_refunded: number;
  /** RFC 3339, UTC. */
  created: string;
}

export interface RefundRecord {
  id: string;
  charge: string;
  amount: number;
  created: string;
}

interface IdempotencyRecord {
  /** What the first request asked, hashed: a replay must ask the same. */
  fingerprint: string;
  response: ProviderResponse;
  created: string;
}

/** What an effect may read and write inside its transaction. */
export interface StoreWrites {
  charge(id: string): ChargeRecord | undefined;
  addCharge(charge: ChargeRecord): void;
  addRefund(refund: RefundRecord, chargeAfter: ChargeRecord): void;
}

export type Effect = (writes: StoreWrites) => ProviderResponse;

export interface ProviderStore {
  charge(id: string): ChargeRecord | undefined;
  chargesFor(reference: string): ChargeRecord[];
  refundsOf(chargeId: string): RefundRecord[];
  storedResponse(key: string): IdempotencyRecord | undefined;
  /** Runs `effect` and stores its response under `key`, in one committed transaction. */
  commit(key: string, fingerprint: string, effect: Effect): Promise<ProviderResponse>;
  close(): Promise<void>;
}

// Upper bound of an id within an index key range ([reference, id] or [charge, id]).
const LAST_ID = '\uffff';
const byCreated = (a: { created: string }, b: { created: string }) => a.created.localeCompare(b.created);

export function openProviderStore(dataDir: string): ProviderStore {
  mkdirSync(dataDir, { recursive: true });
  const root = open({ path: join(dataDir, 'provider.mdb'), maxDbs: 6 });
  const charges: Database<ChargeRecord, string> = root.openDB({ name: 'charges' });
  const refunds: Database<RefundRecord, string> = root.openDB({ name: 'refunds' });
  const chargesByReference: Database<true, [string, string]> = root.openDB({ name: 'charges_by_reference' });
  const refundsByCharge: Database<true, [string, string]> = root.openDB({ name: 'refunds_by_charge' });
  const keys: Database<IdempotencyRecord, string> = root.openDB({ name: 'idempotency_keys' });

  const writes: StoreWrites = {
    charge: (id) => charges.get(id),
    addCharge(charge) {
      charges.put(charge.id, charge);
      chargesByReference.put([charge.reference, charge.id], true);
    },
    addRefund(refund, chargeAfter) {
      refunds.put(refund.id, refund);
      refundsByCharge.put([refund.charge, refund.id], true);
      charges.put(chargeAfter.id, chargeAfter);
    },
  };

  const idsIn = (index: Database<true, [string, string]>, prefix: string) =>
    index.getKeys({ start: [prefix, ''], end: [prefix, LAST_ID] }).map(([, id]) => id);

  return {
    charge: (id) => charges.get(id),
    chargesFor: (reference) =>
      [...idsIn(chargesByReference, reference)]
        .map((id) => charges.get(id))
        .filter((c) => c !== undefined)
        .sort(byCreated),
    refundsOf: (chargeId) =>
      [...idsIn(refundsByCharge, chargeId)]
        .map((id) => refunds.get(id))
        .filter((r) => r !== undefined)
        .sort(byCreated),
    storedResponse: (key) => keys.get(key),
    commit: (key, fingerprint, effect) =>
      root.transaction(() => {
        const response = effect(writes);
        keys.put(key, { fingerprint, response, created: new Date().toISOString() });
        return response;
      }),
    close: () => root.close(),
  };
}
