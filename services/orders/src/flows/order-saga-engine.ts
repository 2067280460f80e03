// The order saga wired to the order: confirmed when every step completed, rejected with the reason
// when one failed or timed out (its completed steps already being compensated by the engine).

import { type OrderSagaData, orderSaga } from '../domain/order-saga.js';
import { orderConfirmed, orderRejected } from '../messages/order-events.js';
import { createSagaEngine, type SagaEngine } from '../saga/engine.js';
import { changeStatus, lockOrder } from '../store/order-store.js';

export type OrderSagaEngine = SagaEngine<OrderSagaData>;

export function createOrderSagaEngine(timeouts: {
  reserveTimeoutMs: number;
  paymentTimeoutMs: number;
}): OrderSagaEngine {
  return createSagaEngine(
    orderSaga({
      ...timeouts,
      async onConfirmed(tx, { sagaId, cause }) {
        const order = await lockOrder(tx, sagaId);
        if (order?.status !== 'pending') return; // cancelled meanwhile: the cancel compensates
        await orderConfirmed(tx, await changeStatus(tx, sagaId, 'confirmed'), cause);
      },
      async onRejected(tx, { sagaId, reason, cause }) {
        const order = await lockOrder(tx, sagaId);
        if (order?.status !== 'pending') return;
        await orderRejected(tx, await changeStatus(tx, sagaId, 'rejected', reason), reason, cause);
      },
    }),
  );
}
