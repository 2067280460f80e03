// The cart: current catalog prices, a warning on every line stock cannot cover, and the total.
import { Button } from '../../ui/Button';
import { formatMoney } from '../../ui/format';
import { Empty, LoadState, PageTitle } from '../../ui/Page';
import { Link, navigate } from '../../ui/router';
import { useTitle } from '../../ui/useTitle';
import { useCart } from '../cart';
import { useCartDetails } from '../cart-details';

export function CartPage() {
  const cart = useCart();
  const details = useCartDetails();
  useTitle('Your cart');
  if (cart.lines.length === 0) {
    return (
      <>
        <PageTitle>Your cart</PageTitle>
        <Empty>
          Your cart is empty. <Link href="/">Find something you like</Link>.
        </Empty>
      </>
    );
  }
  const d = details.data;
  return (
    <>
      <PageTitle>Your cart</PageTitle>
      {!d ? <LoadState loading={details.loading} problem={details.problem} /> : null}
      {d ? (
        <div className="two-col">
          <section className="card" aria-label="Items">
            {d.lines.map((line) => (
              <div className="cart-line" key={line.product_id} data-testid="cart-line">
                {line.product?.image_url ? <img src={line.product.image_url} alt={line.product.name} /> : <div />}
                <div>
                  {line.product ? (
                    <Link href={`/p/${line.product_id}`}>
                      <strong>{line.product.name}</strong>
                    </Link>
                  ) : (
                    <strong>Unknown product</strong>
                  )}
                  <div className="muted">{line.product ? `${formatMoney(line.product.price)} each` : null}</div>
                  {line.warning ? (
                    <div className="notice notice-warn" role="alert">
                      {line.warning}
                    </div>
                  ) : null}
                </div>
                <div className="stack" style={{ alignItems: 'end', gap: '0.4rem' }}>
                  <div className="qty">
                    <label htmlFor={`qty-${line.product_id}`} className="visually-hidden">
                      Quantity of {line.product?.name ?? 'this item'}
                    </label>
                    <input
                      id={`qty-${line.product_id}`}
                      type="number"
                      min={1}
                      max={99}
                      value={line.quantity}
                      onChange={(e) =>
                        cart.setQuantity(line.product_id, Math.max(1, Math.floor(Number(e.target.value) || 1)))
                      }
                    />
                    <Button variant="link" onClick={() => cart.remove(line.product_id)}>
                      Remove
                    </Button>
                  </div>
                  <span className="price">{line.lineTotal ? formatMoney(line.lineTotal) : '—'}</span>
                </div>
              </div>
            ))}
          </section>
          <aside className="card summary" aria-label="Summary">
            <h2>Summary</h2>
            <dl>
              <dt>Items</dt>
              <dd>{cart.count}</dd>
              <dt>Shipping</dt>
              <dd>Free</dd>
              <dt className="total">Total</dt>
              <dd className="total" data-testid="cart-total">
                {d.total ? formatMoney(d.total) : '—'}
              </dd>
            </dl>
            <p className="muted">
              Prices are today’s catalog prices; the order uses the price at the moment you place it.
            </p>
            <Button className="button-large" disabled={!d.orderable} onClick={() => navigate('/checkout')}>
              Check out
            </Button>
            {!d.orderable ? <p className="muted">Fix the marked items to check out.</p> : null}
          </aside>
        </div>
      ) : null}
    </>
  );
}
