// The payment provider simulator as tests drive it: its live settings, and the charges it holds.
import type { ServiceApp } from '@emporium/service-kit';

export interface ProviderCharge {
  id: string;
  amount: number;
  amount_refunded: number;
  reference: string;
}

export interface ProviderControl {
  change(settings: { latency_ms?: number; error_rate?: number; slow_ms?: number }): Promise<void>;
  /** Every charge the provider made for an order (the order id is the charge's reference). */
  chargesFor(orderId: string): Promise<ProviderCharge[]>;
  /** Refunds a charge in full behind payments' back (as someone in the provider's dashboard would). */
  refundBehindTheBack(chargeId: string): Promise<void>;
}

export function providerControl(app: ServiceApp): ProviderControl {
  return {
    async change(settings) {
      const res = await app.inject({ method: 'PUT', url: '/v1/settings', payload: settings });
      if (res.statusCode !== 200) throw new Error(`provider settings refused: ${res.body}`);
    },
    async chargesFor(orderId) {
      const res = await app.inject({ method: 'GET', url: '/v1/charges', query: { reference: orderId } });
      return res.json<{ data: ProviderCharge[] }>().data;
    },
    async refundBehindTheBack(chargeId) {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/refunds',
        headers: { 'idempotency-key': `dashboard-${chargeId}` },
        payload: { charge: chargeId },
      });
      if (res.statusCode !== 201) throw new Error(`the provider refused the refund: ${res.body}`);
    },
  };
}
