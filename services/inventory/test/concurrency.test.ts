// Stock under contention: hundreds of orders at once never reserve more than is on hand, never
// deadlock, and get exactly one answer each; a mix of every kind of change keeps the books balanced.
import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { InventoryReleased, InventoryReservationFailed, InventoryReserved } from '@emporium/contracts';
import { createPool, type Pool } from '@emporium/service-kit';
import {
  commit,
  type Items,
  release,
  reserve,
  startTestInventory,
  stockedProduct,
  type TestInventory,
} from './support/inventory.js';

const OUTCOMES = [InventoryReserved.type, InventoryReservationFailed.type];
const FATES = ['commit', 'release', 'commit-then-release', 'release-races-reserve', 'duplicates', 'hold'] as const;

describe('stock under concurrency', () => {
  let inventory: TestInventory;
  let handlers: Pool; // what the consumer's transactions run on: many at once
  before(async () => {
    inventory = await startTestInventory('inventory_concurrency');
    handlers = createPool(inventory.databaseUrl, 20, 'inventory-concurrency-test');
  });
  after(async () => {
    await handlers.end();
    await inventory.close();
  });

  /** Runs `work` while sampling the lowest available of any product; returns the lowest it saw. */
  const lowestAvailableDuring = async (work: () => Promise<unknown>): Promise<number> => {
    let lowest = Number.POSITIVE_INFINITY;
    let running = true;
    const sampling = (async () => {
      while (running) {
        const { rows } = await inventory.pool.query('SELECT min(on_hand - reserved)::int AS lowest FROM stock');
        lowest = Math.min(lowest, rows[0]?.lowest ?? lowest);
      }
    })();
    try {
      await work();
    } finally {
      running = false;
      await sampling;
    }
    return lowest;
  };

  const outcomesByOrder = async (orderIds: string[]) => {
    const { rows } = await inventory.pool.query<{ aggregate: string; subject: string; envelope: string }>(
      'SELECT aggregate, subject, envelope FROM outbox WHERE aggregate = ANY($1) ORDER BY sequence',
      [orderIds],
    );
    const byOrder = new Map(orderIds.map((id) => [id, [] as { type: string; data: Record<string, unknown> }[]]));
    for (const row of rows)
      byOrder.get(row.aggregate)?.push({ type: row.subject, data: JSON.parse(row.envelope).data });
    return byOrder;
  };

  test('300 concurrent reservations of 5 units (1-2 each) reserve at most 5, each order answered once', async () => {
    const scarce = await stockedProduct(inventory.pool, { onHand: 5 });
    const orders = Array.from({ length: 300 }, () => ({ id: randomUUID(), quantity: randomInt(1, 3) }));
    const lowest = await lowestAvailableDuring(() =>
      Promise.all(orders.map((o) => reserve(handlers, o.id, [{ product_id: scarce, quantity: o.quantity }]))),
    );
    assert.ok(lowest >= 0, 'available never went negative');

    const { rows: stock } = await inventory.pool.query('SELECT on_hand, reserved FROM stock WHERE product_id = $1', [
      scarce,
    ]);
    const { on_hand, reserved } = stock[0];
    assert.equal(on_hand, 5);
    assert.ok(reserved <= 5, `reserved ${reserved} of 5`);

    const { rows: held } = await inventory.pool.query<{ order_id: string; quantity: number }>(
      `SELECT r.order_id, l.quantity FROM reservations r JOIN reservation_lines l USING (order_id)
       WHERE r.status = 'reserved' AND l.product_id = $1`,
      [scarce],
    );
    const outcomes = await outcomesByOrder(orders.map((o) => o.id));
    const succeeded = orders.filter((o) => outcomes.get(o.id)?.[0]?.type === InventoryReserved.type);
    assert.deepEqual(held.map((h) => h.order_id).toSorted(), succeeded.map((o) => o.id).toSorted());
    assert.equal(
      held.reduce((sum, h) => sum + h.quantity, 0),
      reserved,
      'reserved is exactly what the successful orders hold',
    );
    for (const order of orders) {
      const answers = outcomes.get(order.id) ?? [];
      assert.equal(answers.length, 1, `order ${order.id} got one answer`);
      assert.ok(OUTCOMES.includes(answers[0]?.type ?? ''));
    }
    // Available only falls here, so every refused order asked for more than what is left at the end.
    for (const order of orders.filter((o) => !succeeded.includes(o))) {
      assert.ok(order.quantity > on_hand - reserved, `order for ${order.quantity} was refused with units to spare`);
    }
  });

  test('orders over several products, lines in any order, do not deadlock and stay all-or-none', async () => {
    const products = [
      await stockedProduct(inventory.pool, { onHand: 6 }),
      await stockedProduct(inventory.pool, { onHand: 6 }),
      await stockedProduct(inventory.pool, { onHand: 200 }),
    ];
    const orders = Array.from({ length: 200 }, () => ({
      id: randomUUID(),
      items: products
        .filter(() => randomInt(2) === 0)
        .concat(products[randomInt(3)] as string)
        .map((product_id) => ({ product_id, quantity: randomInt(1, 3) }))
        .toSorted(() => randomInt(3) - 1),
    }));
    await Promise.all(orders.map((o) => reserve(handlers, o.id, o.items)));

    const { rows } = await inventory.pool.query<{ product_id: string; reserved: number; held: number }>(
      `SELECT s.product_id, s.reserved,
              coalesce((SELECT sum(l.quantity) FROM reservation_lines l WHERE l.product_id = s.product_id), 0)::int AS held
       FROM stock s WHERE s.product_id = ANY($1)`,
      [products],
    );
    for (const row of rows) assert.equal(row.reserved, row.held, `reserved of ${row.product_id} matches its lines`);
    const outcomes = await outcomesByOrder(orders.map((o) => o.id));
    for (const order of orders) {
      const [answer, ...more] = outcomes.get(order.id) ?? [];
      assert.equal(more.length, 0);
      const { rows: lines } = await inventory.pool.query('SELECT 1 FROM reservation_lines WHERE order_id = $1', [
        order.id,
      ]);
      const distinct = new Set(order.items.map((i) => i.product_id)).size;
      assert.equal(lines.length, answer?.type === InventoryReserved.type ? distinct : 0, 'all lines or none');
    }
  });

  /** One order's life through the saga, chosen by `fate`, each command in its own transaction. */
  const live = async (fate: (typeof FATES)[number], items: Items) => {
    const order = randomUUID();
    switch (fate) {
      case 'commit':
        await reserve(handlers, order, items);
        return commit(handlers, order);
      case 'release':
        await reserve(handlers, order, items);
        return release(handlers, order);
      case 'commit-then-release':
        await reserve(handlers, order, items);
        await commit(handlers, order);
        return release(handlers, order, 'cancelled');
      case 'release-races-reserve':
        return Promise.all([release(handlers, order, 'timeout'), reserve(handlers, order, items)]);
      case 'duplicates':
        await Promise.all([reserve(handlers, order, items), reserve(handlers, order, items)]);
        return Promise.all([release(handlers, order), release(handlers, order)]);
      case 'hold':
        return reserve(handlers, order, items);
    }
  };

  /** Totals over these products: the stock columns, and what reservations and the adjustment log account for. */
  const booksOf = async (products: string[]) => {
    const linesIn = (status: string) =>
      `(SELECT coalesce(sum(l.quantity), 0) FROM reservation_lines l JOIN reservations r USING (order_id)
        WHERE l.product_id = ANY($1) AND r.status = '${status}')::int`;
    const { rows } = await inventory.pool.query<Record<'on_hand' | 'reserved' | 'held' | 'sold' | 'adjusted', number>>(
      `SELECT sum(s.on_hand)::int AS on_hand, sum(s.reserved)::int AS reserved,
         ${linesIn('reserved')} AS held, ${linesIn('committed')} AS sold,
         (SELECT coalesce(sum(delta), 0) FROM stock_adjustments WHERE product_id = ANY($1))::int AS adjusted
       FROM stock s WHERE s.product_id = ANY($1)`,
      [products],
    );
    if (!rows[0]) throw new Error('no books');
    return rows[0];
  };

  test('a concurrent mix of reserves, duplicates, commits, releases and admin adjustments keeps the books', async () => {
    const products = [
      await stockedProduct(inventory.pool, { onHand: 15 }),
      await stockedProduct(inventory.pool, { onHand: 15 }),
    ];
    const pick = () => products[randomInt(products.length)] as string;
    const adjust = () =>
      inventory.app.inject({
        method: 'POST',
        url: `/v1/stock/${pick()}/adjustments`,
        headers: inventory.admin,
        payload: { delta: randomInt(-4, 6) || 1, reason: 'cycle count' },
      });
    const statuses: number[] = [];
    const lowest = await lowestAvailableDuring(() =>
      Promise.all([
        ...Array.from({ length: 150 }, (_, n) =>
          live(FATES[n % FATES.length] ?? 'hold', [{ product_id: pick(), quantity: randomInt(1, 4) }]),
        ),
        ...Array.from({ length: 40 }, async () => statuses.push((await adjust()).statusCode)),
      ]),
    );
    assert.ok(lowest >= 0, 'available never went negative');
    assert.ok(
      statuses.every((status) => status === 200 || status === 409),
      statuses.join(),
    );

    const books = await booksOf(products);
    assert.equal(books.reserved, books.held, 'reserved units are exactly those of held reservations');
    assert.equal(books.on_hand, 30 + books.adjusted - books.sold, 'on hand = start + adjustments - sales');
    const { rows: released } = await inventory.pool.query<{ order_id: string; n: number }>(
      `SELECT r.order_id, (SELECT count(*) FROM outbox o WHERE o.aggregate = r.order_id::text AND o.subject = $1)::int AS n
       FROM reservations r WHERE r.status = 'released'`,
      [InventoryReleased.type],
    );
    assert.ok(released.length > 0);
    for (const r of released) assert.equal(r.n, 1, `order ${r.order_id} announced InventoryReleased once`);
  });
});
