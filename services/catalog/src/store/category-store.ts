// SQL for categories.
import type { Queryable } from '@emporium/service-kit';

export interface CategorySummary {
  id: string;
  slug: string;
  name: string;
  description: string;
  /** Active products only: what a shopper would find in the category. */
  productCount: number;
}

export async function listCategories(db: Queryable): Promise<CategorySummary[]> {
  const { rows } = await db.query<CategorySummary>(
    `SELECT c.id, c.slug, c.name, c.description, count(p.id)::int AS "productCount"
     FROM categories c LEFT JOIN products p ON p.category_id = c.id AND p.active
     GROUP BY c.id
     ORDER BY c.name`,
  );
  return rows;
}
