// One product: artwork, price, availability from inventory, description, and add to cart.
import { useState } from 'react';
import { unwrap } from '../../api/problem';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { formatMoney } from '../../ui/format';
import { Badge, LoadState } from '../../ui/Page';
import { Link } from '../../ui/router';
import { useLoad } from '../../ui/useLoad';
import { useTitle } from '../../ui/useTitle';
import { useCart } from '../cart';
import { isMissing, NotFoundPage } from './NotFoundPage';

export function ProductPage({ id }: { id: string }) {
  const { api } = useSession();
  const cart = useCart();
  const product = useLoad(() => unwrap(api.products.GET('/v1/products/{id}', { params: { path: { id } } })), [api, id]);
  const stock = useLoad(
    () => unwrap(api.inventory.GET('/v1/stock/{product_id}', { params: { path: { product_id: id } } })),
    [api, id],
  );
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  useTitle(product.data?.name);

  const p = product.data;
  if (!p && isMissing(product.problem)) {
    return <NotFoundPage title="Product not found" body="We could not find this product. It may have been removed." />;
  }
  if (!p) return <LoadState loading={product.loading} problem={product.problem} />;
  const available = stock.data?.available;
  const inCart = cart.lines.find((l) => l.product_id === id)?.quantity ?? 0;

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link href="/">Shop</Link> › <Link href={`/c/${p.category.slug}`}>{p.category.name}</Link> › {p.name}
      </nav>
      <article className="product-page">
        {p.image_url ? <img src={p.image_url} alt={`${p.name}: product artwork`} width="400" height="400" /> : <div />}
        <div>
          <h1>{p.name}</h1>
          <p className="price" data-testid="price">
            {formatMoney(p.price)}
          </p>
          <p data-testid="availability">
            {!p.active ? (
              <Badge tone="cancelled">No longer sold</Badge>
            ) : available === undefined ? (
              <span className="muted">Checking stock…</span>
            ) : available > 10 ? (
              <Badge tone="ok">In stock</Badge>
            ) : available > 0 ? (
              <Badge tone="warn">Only {available} left</Badge>
            ) : (
              <Badge tone="danger">Out of stock</Badge>
            )}
          </p>
          {p.active && (available ?? 0) > 0 ? (
            <div className="buy">
              <TextField
                label="Quantity"
                type="number"
                min={1}
                max={Math.min(99, available ?? 1)}
                value={quantity}
                onChange={(e) => setQuantity(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
              />
              <Button
                onClick={() => {
                  cart.add(id, quantity);
                  setAdded(true);
                }}
              >
                Add to cart
              </Button>
            </div>
          ) : null}
          {added ? (
            <p className="notice notice-ok" role="status">
              In your cart: {inCart}. <Link href="/cart">View cart</Link>
            </p>
          ) : null}
          <h2>About this product</h2>
          <p>{p.description}</p>
          <p className="muted">SKU {p.sku}</p>
        </div>
      </article>
    </>
  );
}
