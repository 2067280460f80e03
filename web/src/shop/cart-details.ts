// The cart as the shop shows it: each line with the product's current catalog price and its
// available stock, the total, and the lines that cannot be ordered as they are.
import { unwrap } from '../api/problem';
import type { Money, Product } from '../api/types';
import { useSession } from '../session/session';
import { useLoad } from '../ui/useLoad';
import { type CartLine, useCart } from './cart';

export interface DetailedLine extends CartLine {
  /** undefined when the product no longer exists */
  product: Product | undefined;
  available: number;
  lineTotal: Money | undefined;
  /** Why this line cannot be ordered as it is, in words. */
  warning: string | undefined;
}

export function useCartDetails() {
  const { api } = useSession();
  const { lines } = useCart();
  const key = lines.map((l) => `${l.product_id}:${l.quantity}`).join(',');
  const loaded = useLoad(async () => {
    if (lines.length === 0) return { lines: [], total: undefined, orderable: false };
    const ids = lines.map((l) => l.product_id);
    const [products, stock] = await Promise.all([
      Promise.all(
        ids.map((id) =>
          unwrap(api.products.GET('/v1/products/{id}', { params: { path: { id } } })).catch(() => undefined),
        ),
      ),
      unwrap(api.inventory.GET('/v1/stock', { params: { query: { product_ids: ids.join(',') } } })),
    ]);
    const detailed = lines.map((line, i): DetailedLine => {
      const product = products[i];
      const available = stock.items.find((s) => s.product_id === line.product_id)?.available ?? 0;
      return {
        ...line,
        product,
        available,
        lineTotal: product
          ? { amount: product.price.amount * line.quantity, currency: product.price.currency }
          : undefined,
        warning: warningFor(product, line.quantity, available),
      };
    });
    const priced = detailed.filter((l) => l.lineTotal);
    const currency = priced[0]?.lineTotal?.currency ?? 'USD';
    const total: Money = { amount: priced.reduce((sum, l) => sum + (l.lineTotal?.amount ?? 0), 0), currency };
    return { lines: detailed, total, orderable: detailed.every((l) => !l.warning) };
  }, [api, key]);
  return loaded;
}

function warningFor(product: Product | undefined, quantity: number, available: number): string | undefined {
  if (!product?.active) return 'This product is no longer sold. Remove it to check out.';
  if (available <= 0) return 'Out of stock right now.';
  if (available < quantity) return `Only ${available} left in stock: lower the quantity to check out.`;
  return undefined;
}
