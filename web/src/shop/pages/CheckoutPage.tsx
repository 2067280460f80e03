// Checkout: shipping address and a test payment method, then one order per attempt. The attempt's
// Idempotency-Key stays the same while the order's body does, so a double-click or a retry after a
// network error places a single order; the API's field errors appear beside their fields.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type Attempt, attemptFor, idempotencyHeader } from '../../api/idempotency';
import { fieldErrors, problemOf, unwrap } from '../../api/problem';
import type { Address, NewOrder, Problem } from '../../api/types';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { formatMoney } from '../../ui/format';
import { Empty, LoadState, PageTitle } from '../../ui/Page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Link, navigate } from '../../ui/router';
import { useTitle } from '../../ui/useTitle';
import { AddressFields, addressOf, EMPTY_ADDRESS } from '../AddressFields';
import { useCart } from '../cart';
import { useCartDetails } from '../cart-details';
import { PAYMENT_METHODS } from '../words';

export function CheckoutPage() {
  const { api, user, ready } = useSession();
  const cart = useCart();
  const details = useCartDetails();
  const [address, setAddress] = useState<Address>(user?.address ?? EMPTY_ADDRESS);
  const [method, setMethod] = useState<string>(PAYMENT_METHODS[0].id);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const attempt = useRef<Attempt>(undefined);
  const inFlight = useRef(false);
  useTitle('Check out');
  // The profile's address, once the session knows who is signed in, unless the visitor has typed one.
  useEffect(() => {
    if (user?.address) setAddress((current) => (current.line1 ? current : (user.address ?? current)));
  }, [user]);

  if (!ready) return <LoadState loading problem={undefined} />;
  if (!user) {
    return (
      <div className="card auth-card">
        <h1>Sign in to check out</h1>
        <p>Your cart is kept while you sign in or create an account.</p>
        <div className="row">
          <Link className="button button-primary" href="/signin?next=/checkout">
            Sign in
          </Link>
          <Link className="button button-secondary" href="/signup?next=/checkout">
            Create an account
          </Link>
        </div>
      </div>
    );
  }
  if (cart.lines.length === 0) {
    return (
      <Empty>
        Your cart is empty. <Link href="/">Browse the shop</Link>.
      </Empty>
    );
  }

  const errors = fieldErrors(problem);

  const placeOrder = async (event: FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    const body: NewOrder = { items: cart.lines, payment_method: method, shipping_address: addressOf(address) };
    const sending = attemptFor(attempt.current, body);
    attempt.current = sending;
    setBusy(true);
    setProblem(undefined);
    try {
      const order = await unwrap(
        api.orders.POST('/v1/orders', { body, params: { header: idempotencyHeader(sending) } }),
      );
      cart.clear();
      navigate(`/orders/${order.id}`);
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(false);
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <>
      <PageTitle>Check out</PageTitle>
      <form className="two-col" onSubmit={placeOrder} noValidate aria-label="Checkout">
        <div className="stack">
          <fieldset className="card">
            <legend>Shipping address</legend>
            <AddressFields value={address} onChange={setAddress} errors={errors} prefix="shipping_address" />
          </fieldset>
          <fieldset className="card">
            <legend>Payment (test cards: nothing is really charged)</legend>
            <div className="choices">
              {PAYMENT_METHODS.map((m) => (
                <label className="choice" key={m.id}>
                  <input
                    type="radio"
                    name="payment_method"
                    value={m.id}
                    checked={method === m.id}
                    onChange={() => setMethod(m.id)}
                  />
                  <div>
                    <strong>{m.label}</strong>
                    <span>{m.explain}</span>
                  </div>
                </label>
              ))}
            </div>
            {errors.payment_method ? (
              <p className="field-error" role="alert">
                {errors.payment_method}
              </p>
            ) : null}
          </fieldset>
        </div>
        <aside className="card summary" aria-label="Order summary">
          <h2>Your order</h2>
          {details.data ? (
            <dl>
              {details.data.lines.map((l) => (
                <Line
                  key={l.product_id}
                  label={`${l.quantity} × ${l.product?.name ?? 'Unknown product'}`}
                  value={l.lineTotal ? formatMoney(l.lineTotal) : '—'}
                />
              ))}
              <dt className="total">Total</dt>
              <dd className="total">{details.data.total ? formatMoney(details.data.total) : '—'}</dd>
            </dl>
          ) : (
            <LoadState loading={details.loading} problem={details.problem} />
          )}
          {details.data && !details.data.orderable ? (
            <p className="notice notice-warn" role="alert">
              Some items cannot be ordered as they are. <Link href="/cart">Review your cart</Link>.
            </p>
          ) : null}
          <ProblemMessage problem={problem} shownFields={['shipping_address', 'payment_method']} />
          <Button type="submit" className="button-large" busy={busy} busyLabel="Placing your order…">
            Place order
          </Button>
        </aside>
      </form>
    </>
  );
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
