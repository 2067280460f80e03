// SQL for searching products: full-text search ranked by relevance, and a trigram search on names
// that forgives typos. Both page on (rank descending, id).
import { type Pool, type Queryable, withTransaction } from '@emporium/service-kit';
import { type SearchPosition, TYPO_SIMILARITY } from '../domain/listing.js';
import type { Product } from '../domain/product.js';
import { PRODUCT_COLUMNS, type ProductRow, toProduct } from './product-rows.js';
import type { ListFilter } from './product-store.js';

export interface RankedProduct {
  product: Product;
  rank: number;
}

type RankedRow = ProductRow & { rank: number };

/**
 * Full-text search over the weighted vector (name = A, description = B). A product whose name alone
 * matches the whole query ranks one whole point above any that does not, so name hits always come
 * before description hits; ts_rank_cd normalised by rank/(rank+1) (flag 32) orders within each tier.
 * The rank is float8 so that it survives the round trip through a cursor exactly.
 */
export async function searchProductsByText(
  db: Queryable,
  term: string,
  filter: ListFilter,
  after: SearchPosition | undefined,
  limit: number,
): Promise<RankedProduct[]> {
  const { rows } = await db.query<RankedRow>(
    `WITH query AS (SELECT websearch_to_tsquery('english', $1) AS q),
     ranked AS (
       SELECT ${PRODUCT_COLUMNS},
              ((ts_filter(p.search_vector, '{a}') @@ query.q)::int + ts_rank_cd(p.search_vector, query.q, 32))::float8
                AS rank
       FROM products p JOIN categories c ON c.id = p.category_id, query
       WHERE p.search_vector @@ query.q AND (p.active OR $2) AND ($3::text IS NULL OR c.slug = $3)
     )
     ${PAGE_AFTER_RANK}`,
    [term, filter.includeInactive, filter.categorySlug ?? null, after?.rank ?? null, after?.id ?? null, limit],
  );
  return rows.map(toRanked);
}

/**
 * Names similar to the term (pg_trgm word_similarity: the best-matching run of words in the name),
 * for queries the full-text search cannot match, such as misspellings. The `<%` operator can use the
 * trigram index; its threshold is a setting, set for this transaction only.
 */
export async function searchProductsByTypo(
  pool: Pool,
  term: string,
  filter: ListFilter,
  after: SearchPosition | undefined,
  limit: number,
): Promise<RankedProduct[]> {
  return withTransaction(pool, async (tx) => {
    await tx.query("SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)", [String(TYPO_SIMILARITY)]);
    const { rows } = await tx.query<RankedRow>(
      `WITH ranked AS (
         SELECT ${PRODUCT_COLUMNS}, word_similarity($1, p.name)::float8 AS rank
         FROM products p JOIN categories c ON c.id = p.category_id
         WHERE $1 <% p.name AND (p.active OR $2) AND ($3::text IS NULL OR c.slug = $3)
       )
       ${PAGE_AFTER_RANK}`,
      [term, filter.includeInactive, filter.categorySlug ?? null, after?.rank ?? null, after?.id ?? null, limit],
    );
    return rows.map(toRanked);
  });
}

// Keyset paging on (rank DESC, id ASC) over the `ranked` CTE; $4/$5 are the last row seen, $6 the limit.
const PAGE_AFTER_RANK = `SELECT * FROM ranked
  WHERE $4::float8 IS NULL OR rank < $4 OR (rank = $4 AND id > $5::uuid)
  ORDER BY rank DESC, id
  LIMIT $6`;

function toRanked(row: RankedRow): RankedProduct {
  return { product: toProduct(row), rank: row.rank };
}
