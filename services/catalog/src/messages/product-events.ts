// What the catalog tells the rest of the shop, through its outbox, in the transaction of each change.
import { ProductCreated, ProductDiscontinued, ProductUpdated } from '@emporium/contracts';
import { publish } from '@emporium/messaging';
import type { Queryable } from '@emporium/service-kit';
import type { Product } from '../domain/product.js';

const SOURCE = '/emporium/catalog';

/** The catalog's events, for the service catalog and the streams it publishes to. */
export const PUBLISHES = [ProductCreated, ProductUpdated, ProductDiscontinued] as const;

function stateOf(product: Product) {
  return {
    product_id: product.id,
    sku: product.sku,
    name: product.name,
    category: product.category.slug,
    price: product.price,
    active: product.active,
  };
}

export function productCreated(tx: Queryable, product: Product) {
  return publish(
    tx,
    ProductCreated,
    { ...stateOf(product), created_at: product.createdAt.toISOString() },
    {
      source: SOURCE,
      subject: product.id,
    },
  );
}

export function productUpdated(tx: Queryable, before: Product, after: Product) {
  const was = { ...stateOf(before), description: before.description, image_url: before.imageUrl };
  const now = { ...stateOf(after), description: after.description, image_url: after.imageUrl };
  const changed = Object.keys(now).filter(
    (key) => JSON.stringify(was[key as keyof typeof was]) !== JSON.stringify(now[key as keyof typeof now]),
  );
  if (changed.length === 0) return Promise.resolve(undefined);
  return publish(
    tx,
    ProductUpdated,
    { ...stateOf(after), changed, updated_at: after.updatedAt.toISOString() },
    {
      source: SOURCE,
      subject: after.id,
    },
  );
}

export function productDiscontinued(tx: Queryable, product: Product) {
  return publish(
    tx,
    ProductDiscontinued,
    { product_id: product.id, sku: product.sku, discontinued_at: new Date().toISOString() },
    { source: SOURCE, subject: product.id },
  );
}
