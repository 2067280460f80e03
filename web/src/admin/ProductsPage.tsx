// Products: search (deleted ones included on request), with price, status and a link to edit.
import { useState } from 'react';
import { unwrap } from '../api/problem';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { formatMoney } from '../ui/format';
import { Badge, Empty, LoadState, PageTitle } from '../ui/Page';
import { Link, navigate } from '../ui/router';
import { useLoad } from '../ui/useLoad';
import { useTitle } from '../ui/useTitle';

export function ProductsPage() {
  const { api } = useSession();
  const [q, setQ] = useState('');
  const [inactive, setInactive] = useState(false);
  const [cursor, setCursor] = useState<string>();
  useTitle('Products', 'Emporium admin');
  const products = useLoad(async () => {
    const query = {
      limit: 50,
      include_inactive: inactive,
      ...(q.trim() ? { q: q.trim() } : {}),
      ...(cursor ? { cursor } : {}),
    };
    const page = await unwrap(api.products.GET('/v1/products', { params: { query } }));
    const ids = page.items.map((p) => p.id).join(',');
    const stock = ids
      ? await unwrap(api.inventory.GET('/v1/stock', { params: { query: { product_ids: ids } } }))
      : { items: [] };
    return { ...page, available: new Map(stock.items.map((s) => [s.product_id, s.available])) };
  }, [api, q, inactive, cursor]);
  return (
    <>
      <PageTitle actions={<Button onClick={() => navigate('/admin/products/new')}>New product</Button>}>
        Products
      </PageTitle>
      <div className="row" style={{ marginBottom: '1rem' }}>
        <div className="search" style={{ maxWidth: 360 }}>
          <label className="visually-hidden" htmlFor="admin-product-search">
            Search products
          </label>
          <input
            id="admin-product-search"
            type="search"
            placeholder="Search by name or description…"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setCursor(undefined);
            }}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={inactive} onChange={(e) => setInactive(e.target.checked)} />
          Include discontinued
        </label>
      </div>
      {!products.data ? <LoadState loading={products.loading} problem={products.problem} /> : null}
      {products.data && products.data.items.length === 0 ? <Empty>No products match.</Empty> : null}
      {products.data && products.data.items.length > 0 ? (
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">SKU</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Available
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {products.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={`/admin/products/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{p.sku}</td>
                  <td>{p.category.name}</td>
                  <td className="num">{formatMoney(p.price)}</td>
                  <td className="num">{products.data?.available.get(p.id) ?? '—'}</td>
                  <td>{p.active ? <Badge tone="ok">Active</Badge> : <Badge tone="cancelled">Discontinued</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {products.data?.next_cursor ? (
        <div className="more">
          <Button variant="secondary" onClick={() => setCursor(products.data?.next_cursor ?? undefined)}>
            Next page
          </Button>
        </div>
      ) : null}
    </>
  );
}
