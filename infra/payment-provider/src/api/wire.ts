// Stored records to their JSON form, and new provider ids.
import { randomUUID } from 'node:crypto';
import type { ChargeRecord, RefundRecord } from '../store/provider-store.js';
import type { Charge, Refund } from './schemas.js';

/** A provider-style id: a type prefix and 32 random hex digits. */
export const newId = (prefix: 'ch' | 're') => `${prefix}_${randomUUID().replaceAll('-', '')}`;

export function toCharge(record: ChargeRecord): Charge {
  return { ...record, status: 'succeeded', refunded: record.amount_refunded >= record.amount };
}

export function toRefund(record: RefundRecord): Refund {
  return { ...record, status: 'succeeded' };
}
