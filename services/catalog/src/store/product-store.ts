// SQL for reading, browsing and writing products.
import type { Queryable } from '@emporium/service-kit';
import type { BrowsePosition } from '../domain/listing.js';
import type { Product, ProductFields } from '../domain/product.js';
import { PRODUCT_COLUMNS, type ProductRow, toProduct } from './product-rows.js';

const FROM_PRODUCTS = 'FROM products p JOIN categories c ON c.id = p.category_id';

export interface ListFilter {
  categorySlug: string | undefined;
  includeInactive: boolean;
}

export async function findProductById(db: Queryable, id: string): Promise<Product | undefined> {
  const { rows } = await db.query<ProductRow>(`SELECT ${PRODUCT_COLUMNS} ${FROM_PRODUCTS} WHERE p.id = $1`, [id]);
  return rows[0] && toProduct(rows[0]);
}

export async function findProductBySku(db: Queryable, sku: string): Promise<Product | undefined> {
  const { rows } = await db.query<ProductRow>(`SELECT ${PRODUCT_COLUMNS} ${FROM_PRODUCTS} WHERE p.sku = $1`, [sku]);
  return rows[0] && toProduct(rows[0]);
}

/** Reads a product and locks its row until the transaction `tx` ends. */
export async function lockProduct(tx: Queryable, id: string): Promise<Product | undefined> {
  const { rows } = await tx.query<ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} ${FROM_PRODUCTS} WHERE p.id = $1 FOR UPDATE OF p`,
    [id],
  );
  return rows[0] && toProduct(rows[0]);
}

/** Up to `limit` products ordered by (name, id), after `after` when given. */
export async function browseProducts(
  db: Queryable,
  filter: ListFilter,
  after: BrowsePosition | undefined,
  limit: number,
): Promise<Product[]> {
  const { rows } = await db.query<ProductRow>(
    `SELECT ${PRODUCT_COLUMNS} ${FROM_PRODUCTS}
     WHERE (p.active OR $1) AND ($2::text IS NULL OR c.slug = $2)
       AND ($3::text IS NULL OR (p.name, p.id) > ($3, $4::uuid))
     ORDER BY p.name, p.id
     LIMIT $5`,
    [filter.includeInactive, filter.categorySlug ?? null, after?.name ?? null, after?.id ?? null, limit],
  );
  return rows.map(toProduct);
}

/** Inserts a product in the category with the given slug; undefined when no such category exists. */
export async function insertProduct(db: Queryable, id: string, fields: ProductFields): Promise<Product | undefined> {
  const { rows } = await db.query<ProductRow>(
    `WITH inserted AS (
       INSERT INTO products (id, sku, name, description, category_id, price_amount, price_currency, image_url, active)
       SELECT $1, $2, $3, $4, c.id, $6, $7, $8, $9 FROM categories c WHERE c.slug = $5
       RETURNING *
     )
     SELECT ${PRODUCT_COLUMNS} FROM inserted p JOIN categories c ON c.id = p.category_id`,
    [id, ...fieldValues(fields)],
  );
  return rows[0] && toProduct(rows[0]);
}

/** Replaces a product's fields and bumps updated_at; undefined when the product or the category does not exist. */
export async function updateProduct(db: Queryable, id: string, fields: ProductFields): Promise<Product | undefined> {
  const { rows } = await db.query<ProductRow>(
    `UPDATE products p
     SET sku = $2, name = $3, description = $4, category_id = c.id, price_amount = $6, price_currency = $7,
         image_url = $8, active = $9, updated_at = now()
     FROM categories c
     WHERE p.id = $1 AND c.slug = $5
     RETURNING ${PRODUCT_COLUMNS}`,
    [id, ...fieldValues(fields)],
  );
  return rows[0] && toProduct(rows[0]);
}

/** Soft-deletes: the product stays readable by id but is no longer listed. False when it does not exist. */
export async function deactivateProduct(db: Queryable, id: string): Promise<boolean> {
  // Deleting twice is not a change, so updated_at only moves the first time.
  const { rowCount } = await db.query(
    `UPDATE products SET active = false, updated_at = CASE WHEN active THEN now() ELSE updated_at END
     WHERE id = $1`,
    [id],
  );
  return rowCount === 1;
}

/** Values for $2..$9 of the insert and update statements. */
function fieldValues(f: ProductFields): unknown[] {
  return [f.sku, f.name, f.description, f.categorySlug, f.price.amount, f.price.currency, f.imageUrl, f.active];
}
