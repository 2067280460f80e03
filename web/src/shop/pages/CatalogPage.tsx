// Browsing: every product, one category's, or the ranked results of a search, a page at a time.
import { useEffect, useState } from 'react';
import { PAGE_SIZES } from '../../api/page-sizes';
import { problemOf, unwrap } from '../../api/problem';
import type { Problem, Product } from '../../api/types';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { Empty, Loading } from '../../ui/Page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { useLoad } from '../../ui/useLoad';
import { useTitle } from '../../ui/useTitle';
import { ProductCard } from '../ProductCard';

const PAGE_SIZE = PAGE_SIZES.catalog;

export function CatalogPage({ category, q }: { category?: string; q?: string }) {
  const { api } = useSession();
  const [products, setProducts] = useState<Product[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem>();
  const [available, setAvailable] = useState<Record<string, number>>({});
  const categories = useLoad(() => unwrap(api.products.GET('/v1/categories')), [api]);
  const about = categories.data?.items.find((c) => c.slug === category);
  useTitle(q !== undefined ? `Search: ${q}` : category ? (about?.name ?? category) : undefined);

  const load = async (after: string | null, replace: boolean) => {
    setLoading(true);
    setProblem(undefined);
    try {
      const query = { limit: PAGE_SIZE, ...(q ? { q } : {}), ...(category ? { category } : {}) };
      const page = await unwrap(
        api.products.GET('/v1/products', { params: { query: after ? { ...query, cursor: after } : query } }),
      );
      setProducts((current) => (replace ? page.items : [...current, ...page.items]));
      setCursor(page.next_cursor);
      void loadStock(page.items.map((p) => p.id));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setLoading(false);
    }
  };

  // Availability is a hint on the cards: without it the grid still shows, so a failure is not shown.
  const loadStock = async (ids: string[]) => {
    if (ids.length === 0) return;
    const stock = await unwrap(
      api.inventory.GET('/v1/stock', { params: { query: { product_ids: ids.join(',') } } }),
    ).catch(() => undefined);
    if (stock)
      setAvailable((current) => ({
        ...current,
        ...Object.fromEntries(stock.items.map((s) => [s.product_id, s.available])),
      }));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new category or query starts over
  useEffect(() => {
    setProducts([]);
    void load(null, true);
  }, [api, category, q]);

  return (
    <>
      {q !== undefined ? (
        <div className="page-title">
          <h1>{q ? `Results for “${q}”` : 'Search'}</h1>
        </div>
      ) : category ? (
        <div className="page-title">
          <div>
            <h1>{about?.name ?? category}</h1>
            {about?.description ? <p className="muted">{about.description}</p> : null}
          </div>
        </div>
      ) : (
        <section className="hero">
          <h1>Good things, delivered.</h1>
          <p>Kitchenware, books, gear and more: browse by category, or search for what you need.</p>
        </section>
      )}
      <ProblemMessage problem={problem} />
      {products.length > 0 ? (
        <section className="grid" aria-label="Products">
          {products.map((p) => (
            <ProductCard key={p.id} product={p} available={available[p.id]} />
          ))}
        </section>
      ) : !loading && !problem ? (
        <Empty>{q ? 'Nothing matches that search. Try other words.' : 'No products here yet.'}</Empty>
      ) : null}
      {loading ? <Loading /> : null}
      {cursor && !loading ? (
        <div className="more">
          <Button variant="secondary" onClick={() => load(cursor, false)}>
            Show more
          </Button>
        </div>
      ) : null}
    </>
  );
}
