import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProductCreated, ProductDiscontinued, ProductUpdated } from '@emporium/contracts';
import { startTestCatalog, type TestCatalog } from './support/catalog.js';
import { productBody } from './support/products.js';

describe('catalog: events through the outbox', () => {
  let catalog: TestCatalog;
  before(async () => {
    catalog = await startTestCatalog('catalog_events');
  });
  after(() => catalog.close());

  const eventsOf = async (productId: string) =>
    (
      await catalog.pool.query<{ subject: string; envelope: string }>(
        'SELECT subject, envelope FROM outbox WHERE aggregate = $1 ORDER BY sequence',
        [productId],
      )
    ).rows.map((r) => ({ subject: r.subject, data: JSON.parse(r.envelope).data }));

  const create = async () => {
    const res = await catalog.app.inject({
      method: 'POST',
      url: '/v1/products',
      headers: catalog.admin,
      payload: productBody(),
    });
    assert.equal(res.statusCode, 201);
    return res.json() as { id: string; sku: string };
  };

  it('records ProductCreated with the new product', async () => {
    const product = await create();
    const events = await eventsOf(product.id);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.subject, ProductCreated.type);
    assert.ok(ProductCreated.validator.Check(events[0]?.data));
    assert.equal(events[0]?.data.sku, product.sku);
  });

  it('records ProductUpdated naming what changed, and nothing for a change that changes nothing', async () => {
    const product = await create();
    const patch = (payload: object) =>
      catalog.app.inject({ method: 'PATCH', url: `/v1/products/${product.id}`, headers: catalog.admin, payload });
    assert.equal((await patch({ price: { amount: 4321, currency: 'USD' }, name: 'Renamed' })).statusCode, 200);
    assert.equal((await patch({ name: 'Renamed' })).statusCode, 200);
    const events = await eventsOf(product.id);
    assert.deepEqual(
      events.map((e) => e.subject),
      [ProductCreated.type, ProductUpdated.type],
    );
    assert.deepEqual(events[1]?.data.changed.sort(), ['name', 'price']);
    assert.equal(events[1]?.data.price.amount, 4321);
  });

  it('records ProductDiscontinued once, however often the product is deleted', async () => {
    const product = await create();
    const remove = () =>
      catalog.app.inject({ method: 'DELETE', url: `/v1/products/${product.id}`, headers: catalog.admin });
    assert.equal((await remove()).statusCode, 204);
    assert.equal((await remove()).statusCode, 204);
    const events = await eventsOf(product.id);
    assert.deepEqual(
      events.map((e) => e.subject),
      [ProductCreated.type, ProductDiscontinued.type],
    );
  });

  it('records nothing when a write is refused', async () => {
    const before = (await catalog.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    const bad = await catalog.app.inject({
      method: 'POST',
      url: '/v1/products',
      headers: catalog.admin,
      payload: productBody({ category: 'no-such-category' }),
    });
    assert.equal(bad.statusCode, 400);
    assert.equal((await catalog.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n, before);
  });
});
