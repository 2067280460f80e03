// Small factories and readers for product test data.
import { randomBytes } from 'node:crypto';
import type { ServiceApp } from '@emporium/service-kit';
import type { CreateProductBody, ProductJson, ProductPage } from '../../src/api/product-schemas.js';

/** A valid create-product body with a unique SKU; override any field. */
export function productBody(overrides: Partial<CreateProductBody> = {}): CreateProductBody {
  return {
    sku: `TST-${randomBytes(3).toString('hex').toUpperCase()}`,
    name: 'Enamel Camping Mug',
    description: 'A speckled enamel mug for coffee by the campfire.',
    category: 'outdoor',
    price: { amount: 1299, currency: 'USD' },
    ...overrides,
  };
}

/** Follows next_cursor from the first page to the last, returning every page. */
export async function walkPages(app: ServiceApp, query: Record<string, string>): Promise<ProductPage[]> {
  const pages: ProductPage[] = [];
  let cursor: string | null = null;
  do {
    const res: { statusCode: number; body: string; json<T>(): T } = await app.inject({
      url: '/v1/products',
      query: { ...query, ...(cursor ? { cursor } : {}) },
    });
    if (res.statusCode !== 200) throw new Error(`page ${pages.length + 1} answered ${res.statusCode}: ${res.body}`);
    const page: ProductPage = res.json<ProductPage>();
    pages.push(page);
    cursor = page.next_cursor;
  } while (cursor && pages.length < 100);
  return pages;
}

export const skus = (items: ProductJson[]) => items.map((p) => p.sku);
