// Order rules: which status changes are allowed, and pricing the requested lines with catalog prices.
import { conflict, invalid } from '@emporium/service-kit';

export type OrderStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled' | 'shipped';
export const FINAL_STATUSES: readonly OrderStatus[] = ['rejected', 'cancelled', 'shipped'];

export interface Money {
  amount: number;
  currency: string;
}

export interface RequestedLine {
  product_id: string;
  quantity: number;
}

/** What the catalog says about a product at order time. */
export interface CatalogProduct {
  id: string;
  sku: string;
  name: string;
  price: Money;
  active: boolean;
}

export interface PricedLine {
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price: Money;
}

export const MAX_QUANTITY_PER_PRODUCT = 10_000;

/** Lines for the same product are one line with the quantities added. */
export function mergeLines(items: RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.product_id, (merged.get(item.product_id) ?? 0) + item.quantity);
  return [...merged].map(([product_id, quantity]) => {
    if (quantity > MAX_QUANTITY_PER_PRODUCT) {
      throw invalid('Too many units of one product', [
        { path: 'body/items', message: `at most ${MAX_QUANTITY_PER_PRODUCT} units of ${product_id}` },
      ]);
    }
    return { product_id, quantity };
  });
}

/** Prices every line from the catalog; unknown or withdrawn products and mixed currencies are refused. */
export function priceLines(
  lines: RequestedLine[],
  products: Map<string, CatalogProduct | undefined>,
): { lines: PricedLine[]; total: Money } {
  const errors = lines.flatMap((line, i) => {
    const product = products.get(line.product_id);
    if (!product) return [{ path: `body/items/${i}/product_id`, message: 'no such product' }];
    if (!product.active) return [{ path: `body/items/${i}/product_id`, message: 'this product is no longer sold' }];
    return [];
  });
  if (errors.length > 0) throw invalid('Some items cannot be ordered', errors);
  const priced = lines.map((line) => {
    const product = products.get(line.product_id) as CatalogProduct;
    return {
      product_id: line.product_id,
      sku: product.sku,
      name: product.name,
      quantity: line.quantity,
      unit_price: product.price,
    };
  });
  const currencies = new Set(priced.map((l) => l.unit_price.currency));
  if (currencies.size > 1) throw invalid('All items of an order must be priced in one currency');
  const amount = priced.reduce((sum, l) => sum + l.unit_price.amount * l.quantity, 0);
  if (!Number.isSafeInteger(amount)) throw invalid('The order total is too large');
  return { lines: priced, total: { amount, currency: priced[0]?.unit_price.currency ?? 'USD' } };
}

export function assertCancellable(status: OrderStatus): void {
  if (status === 'shipped') throw conflict('A shipped order can no longer be cancelled');
  if (status === 'rejected' || status === 'cancelled') throw conflict(`The order is already ${status}`);
}

export function assertShippable(status: OrderStatus): void {
  if (status !== 'confirmed') throw conflict(`Only a confirmed order can be shipped; this one is ${status}`);
}
