// Product names for the reports, from the catalog's events: the state with the newest timestamp wins,
// so ProductCreated and ProductUpdated give the same row in any arrival order.
import type { Queryable } from '@emporium/service-kit';

export interface ProductNaming {
  productId: string;
  sku: string;
  name: string;
  /** When this state was true: the event's created_at or updated_at. */
  asOf: string;
}

export async function recordProductName(tx: Queryable, product: ProductNaming): Promise<void> {
  await tx.query(
    `INSERT INTO product_names (product_id, sku, name, as_of) VALUES ($1, $2, $3, $4)
     ON CONFLICT (product_id) DO UPDATE SET sku = EXCLUDED.sku, name = EXCLUDED.name, as_of = EXCLUDED.as_of
     WHERE product_names.as_of IS NULL OR product_names.as_of <= EXCLUDED.as_of`,
    [product.productId, product.sku, product.name, product.asOf],
  );
}

/** Records a SKU for a product not named yet (ProductDiscontinued carries no name). */
export async function recordProductSku(tx: Queryable, productId: string, sku: string): Promise<void> {
  await tx.query('INSERT INTO product_names (product_id, sku) VALUES ($1, $2) ON CONFLICT (product_id) DO NOTHING', [
    productId,
    sku,
  ]);
}
