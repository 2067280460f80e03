// How money and times read on the page.
import type { Money } from '../api/types';

export function formatMoney(money: Money): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency }).format(money.amount / 100);
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function shortId(id: string): string {
  return id.slice(-8).toUpperCase();
}

/** With seconds, for timelines whose steps happen within the same minute. */
export function formatTimeExact(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
