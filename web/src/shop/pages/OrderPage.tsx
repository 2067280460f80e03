// One order, live: the status follows the order's event stream (polling if the stream is not
// available), with the reason for a rejection in plain words, the items, and cancel where allowed.
import { useEffect, useState } from 'react';
import { watchOrderStatus } from '../../api/order-status';
import { problemOf, unwrap } from '../../api/problem';
import type { Order, Problem } from '../../api/types';
import { useSession } from '../../session/session';
import { Button } from '../../ui/Button';
import { formatMoney, formatTimeExact, shortId } from '../../ui/format';
import { LoadState, PageTitle } from '../../ui/Page';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { Link, navigate } from '../../ui/router';
import { useAction } from '../../ui/useAction';
import { useTitle } from '../../ui/useTitle';
import { useCart } from '../cart';
import { HISTORY_WORDS, paymentMethodLabel, reasonInWords, STATUS_WORDS } from '../words';
import { isMissing, NotFoundPage } from './NotFoundPage';

export function OrderPage({ id }: { id: string }) {
  const { api, user, ready, accessToken } = useSession();
  const cart = useCart();
  const [order, setOrder] = useState<Order>();
  const [problem, setProblem] = useState<Problem>();
  const [transport, setTransport] = useState<'live' | 'polling'>();
  const cancelling = useAction();
  useTitle(order ? `Order ${shortId(order.id)}: ${STATUS_WORDS[order.status].title}` : 'Your order');

  useEffect(() => {
    if (!user) return;
    let active = true;
    unwrap(api.orders.GET('/v1/orders/{id}', { params: { path: { id } } })).then(
      (o) => active && setOrder(o),
      (error: unknown) => active && setProblem(problemOf(error)),
    );
    const stop = watchOrderStatus({ api, accessToken, id, onOrder: setOrder, onTransport: setTransport });
    return () => {
      active = false;
      stop();
    };
  }, [api, accessToken, id, user]);

  if (ready && !user) {
    return (
      <div className="card auth-card">
        <h1>Sign in to see this order</h1>
        <Link className="button button-primary" href={`/signin?next=/orders/${id}`}>
          Sign in
        </Link>
      </div>
    );
  }
  if (!order && isMissing(problem)) {
    return <NotFoundPage title="Order not found" body="We could not find this order in your account." />;
  }
  if (!order) return <LoadState loading={!problem} problem={problem} />;

  const words = STATUS_WORDS[order.status];
  const reason = reasonInWords(order.reason);
  const cancel = async () => {
    const cancelled = await cancelling.run(() =>
      unwrap(api.orders.POST('/v1/orders/{id}/cancel', { params: { path: { id } } })),
    );
    if (cancelled) setOrder(cancelled);
  };

  return (
    <>
      <PageTitle actions={<Link href="/account">All your orders</Link>}>Order {shortId(order.id)}</PageTitle>
      <section
        className={`status-hero status-${order.status}`}
        aria-live="polite"
        data-testid="order-status"
        data-status={order.status}
      >
        {order.status === 'pending' ? <span className="spinner" aria-hidden="true" /> : null}
        <div>
          <h2>{words.title}</h2>
          <p>{order.status === 'rejected' && reason ? `${reason} ${words.body}` : (reason ?? words.body)}</p>
          {order.status === 'rejected' ? (
            <Button
              variant="secondary"
              className="status-action"
              onClick={() => {
                for (const item of order.items) cart.add(item.product_id, item.quantity);
                navigate('/cart');
              }}
            >
              Put these items back in your cart
            </Button>
          ) : null}
          {transport === 'polling' && order.status === 'pending' ? (
            <p className="muted">Checking for updates every few seconds.</p>
          ) : null}
        </div>
      </section>
      <div className="two-col">
        <section className="card">
          <h2>Items</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Price
                  </th>
                </tr>
              </thead>
              <tbody>
                {order.items.map((item) => (
                  <tr key={item.product_id}>
                    <td>
                      <Link href={`/p/${item.product_id}`}>{item.name}</Link>
                    </td>
                    <td className="num">{item.quantity}</td>
                    <td className="num">
                      {formatMoney({ ...item.unit_price, amount: item.unit_price.amount * item.quantity })}
                    </td>
                  </tr>
                ))}
                <tr>
                  <th scope="row" colSpan={2}>
                    Total
                  </th>
                  <td className="num price">{formatMoney(order.total)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          {order.status === 'pending' || order.status === 'confirmed' ? (
            <div className="stack" style={{ marginTop: '1rem' }}>
              <ProblemMessage problem={cancelling.problem} />
              <div>
                <Button variant="danger" busy={cancelling.busy} busyLabel="Cancelling…" onClick={cancel}>
                  Cancel order
                </Button>
              </div>
            </div>
          ) : null}
        </section>
        <aside className="card stack">
          <div>
            <h2>Shipping to</h2>
            <p>
              {order.shipping_address.line1}
              {order.shipping_address.line2 ? <>, {order.shipping_address.line2}</> : null}
              <br />
              {order.shipping_address.postal_code} {order.shipping_address.city}, {order.shipping_address.country}
            </p>
          </div>
          <div>
            <h2>Payment</h2>
            <p>{paymentMethodLabel(order.payment_method)}</p>
          </div>
          <div>
            <h2>History</h2>
            <ol className="timeline">
              {order.status_history.map((h) => (
                <li key={`${h.status}-${h.at}`}>
                  <strong>{HISTORY_WORDS[h.status]}</strong>
                  {h.reason ? <div className="muted">{reasonInWords(h.reason)}</div> : null}
                  <time dateTime={h.at}>{formatTimeExact(h.at)}</time>
                </li>
              ))}
            </ol>
          </div>
        </aside>
      </div>
    </>
  );
}
