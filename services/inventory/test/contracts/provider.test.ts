// Inventory honours every pact that names it: the storefront's stock query (HTTP, through the real
// gateway, against the real app on its own database), and the replies and alerts orders and analytics
// consume - produced by inventory's own handlers running the saga's commands, read from the outbox.
import { randomUUID } from 'node:crypto';
import { after, before, describe } from 'node:test';
import { itHonoursEveryPact, outboxOf, type ServedProvider, serveWithGateway } from '@emporium/contract-testing';
import { release, reserve, startTestInventory, stockedProduct, type TestInventory } from '../support/inventory.js';

describe('inventory: provider verification', () => {
  let inventory: TestInventory;
  let served: ServedProvider;
  before(async () => {
    inventory = await startTestInventory('inventory_pacts');
    served = await serveWithGateway(inventory.app, 'inventory', inventory.tokens.verifier);
  });
  after(async () => {
    await served.close();
    await inventory.close();
  });

  /** Reserves `quantity` of a product stocked with `onHand` for a new order; returns both ids. */
  const order = async (onHand: number, quantity: number, threshold = 0) => {
    const productId = await stockedProduct(inventory.pool, { onHand, threshold });
    const orderId = randomUUID();
    await reserve(inventory.pool, orderId, [{ product_id: productId, quantity }]);
    return { orderId, productId };
  };

  itHonoursEveryPact({
    provider: 'inventory',
    baseUrlFor: () => served.gatewayUrl,
    states: {
      'an admin is signed in': async () => ({ adminToken: inventory.admin.authorization.replace(/^Bearer /, '') }),
      'a product is in stock': async () => ({ productId: await stockedProduct(inventory.pool, { onHand: 12 }) }),
    },
    publishes: {
      'stock covers an order': async () => outboxOf(inventory.pool, (await order(10, 2)).orderId),
      'stock falls short of an order': async () => outboxOf(inventory.pool, (await order(1, 2)).orderId),
      "an order's reservation is released": async () => {
        const { orderId } = await order(10, 2);
        await release(inventory.pool, orderId);
        return outboxOf(inventory.pool, orderId);
      },
      'a reservation takes stock below its threshold': async () => {
        const { productId } = await order(6, 3, 5);
        return outboxOf(inventory.pool, productId);
      },
    },
  });
});
