// The order saga (DESIGN.md): reserve stock, take payment, commit the reservation. Each step names the
// command that does it, the replies that end it, and the command that undoes it; the engine
// (saga/engine.ts) runs it and compensates completed steps in reverse when a step fails or times out.
import {
  CommitReservation,
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundSkipped,
  ProcessPayment,
  RefundPayment,
  ReleaseInventory,
  ReserveInventory,
} from '@emporium/contracts';
import type { PoolClient } from '@emporium/service-kit';
import { defineSaga, type SagaDefinition, type SagaOutcome } from '../saga/definition.js';
import type { Money, PricedLine } from './order.js';

/** What the saga carries from the order: enough to send every command without reading the order. */
export interface OrderSagaData {
  order_id: string;
  customer_id: string;
  items: Pick<PricedLine, 'product_id' | 'quantity' | 'unit_price'>[];
  total: Money;
  payment_method: string;
}

export interface OrderSagaSettings {
  reserveTimeoutMs: number;
  paymentTimeoutMs: number;
  /** What happens to the order when the saga ends. */
  onConfirmed(tx: PoolClient, outcome: Omit<SagaOutcome<OrderSagaData>, 'reason'>): Promise<void>;
  onRejected(tx: PoolClient, outcome: SagaOutcome<OrderSagaData>): Promise<void>;
}

export function orderSaga(settings: OrderSagaSettings): SagaDefinition<OrderSagaData> {
  return defineSaga<OrderSagaData>({
    name: 'order',
    source: '/emporium/orders',
    correlate: (event) => (event.data as { order_id: string }).order_id,
    idAttribute: 'emporium.order_id',
    steps: [
      {
        name: 'reserve_inventory',
        invoke: (order) => ({
          definition: ReserveInventory,
          data: {
            order_id: order.order_id,
            items: order.items.map((i) => ({ product_id: i.product_id, quantity: i.quantity })),
          },
        }),
        completesOn: InventoryReserved,
        failsOn: { message: InventoryReservationFailed, reason: (e) => (e.data as { reason: string }).reason },
        compensate: (order, reason) => ({ definition: ReleaseInventory, data: { order_id: order.order_id, reason } }),
        compensatedOn: InventoryReleased,
        timeoutMs: settings.reserveTimeoutMs,
      },
      {
        name: 'process_payment',
        invoke: (order) => ({
          definition: ProcessPayment,
          data: {
            order_id: order.order_id,
            customer_id: order.customer_id,
            amount: order.total,
            payment_method: order.payment_method,
          },
        }),
        completesOn: PaymentCompleted,
        failsOn: { message: PaymentFailed, reason: (e) => (e.data as { reason: string }).reason },
        compensate: (order, reason) => ({ definition: RefundPayment, data: { order_id: order.order_id, reason } }),
        // Money given back, or nothing left to give back (refunded already, never captured, no payment).
        compensatedOn: [PaymentRefunded, PaymentRefundSkipped],
        timeoutMs: settings.paymentTimeoutMs,
      },
      {
        // Fire-and-forget: the stock leaves once payment is captured. Undoing it is the reserve step's
        // release, which gives back committed stock too.
        name: 'commit_reservation',
        invoke: (order) => ({ definition: CommitReservation, data: { order_id: order.order_id } }),
      },
    ],
    onCompleted: settings.onConfirmed,
    onFailed: settings.onRejected,
  });
}
