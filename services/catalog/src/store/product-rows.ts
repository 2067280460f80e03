// How a product is read from SQL: the columns every product query selects, and the row → Product mapping.
import type { Product } from '../domain/product.js';

/** Select list for `products p JOIN categories c ON c.id = p.category_id`. */
export const PRODUCT_COLUMNS = `p.id, p.sku, p.name, p.description, c.slug AS category_slug, c.name AS category_name,
  p.price_amount, p.price_currency, p.image_url, p.active, p.created_at, p.updated_at`;

export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string;
  category_slug: string;
  category_name: string;
  price_amount: number;
  price_currency: string;
  image_url: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    category: { slug: row.category_slug, name: row.category_name },
    price: { amount: row.price_amount, currency: row.price_currency },
    imageUrl: row.image_url,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
