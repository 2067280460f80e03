// What orders consumes, and why: the replies its saga waits for (from inventory and payments).
import type { MessageHandler } from '@emporium/messaging';
import type { OrderSagaEngine } from '../flows/order-saga-engine.js';

export function orderHandlers(saga: OrderSagaEngine): MessageHandler[] {
  return saga.handlers('the order saga moves on (or compensates) when inventory or payments answer its commands');
}
