// One order for the admin: items, ship or cancel, the saga as a step diagram (the console's, from ui/)
// with its step log, and its payments with refunds (full or partial, one Idempotency-Key per refund the
// admin means to make).
import { type FormEvent, useRef, useState } from 'react';
import { type Attempt, attemptFor, idempotencyHeader } from '../api/idempotency';
import { PAGE_SIZES } from '../api/page-sizes';
import { fieldErrors, problemOf, unwrap } from '../api/problem';
import type { Payment, Problem } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { TextField } from '../ui/Field';
import { formatMoney, formatTime, formatTimeExact, shortId } from '../ui/format';
import { Badge, Empty, LoadState, PageTitle } from '../ui/Page';
import { ProblemMessage } from '../ui/ProblemMessage';
import { Link } from '../ui/router';
import { SagaDiagramView } from '../ui/SagaDiagram';
import { buildSagaDiagram } from '../ui/saga';
import { useAction } from '../ui/useAction';
import { useLoad } from '../ui/useLoad';
import { useTitle } from '../ui/useTitle';

export function OrderDetailPage({ id }: { id: string }) {
  const { api } = useSession();
  const order = useLoad(() => unwrap(api.orders.GET('/v1/orders/{id}', { params: { path: { id } } })), [api, id]);
  const saga = useLoad(() => unwrap(api.orders.GET('/v1/orders/{id}/saga', { params: { path: { id } } })), [api, id]);
  const payments = useLoad(
    () =>
      unwrap(
        api.payments.GET('/v1/payments', { params: { query: { order_id: id, limit: PAGE_SIZES.orderPayments } } }),
      ),
    [api, id],
  );
  const [busy, setBusy] = useState<'ship' | 'cancel'>();
  const [problem, setProblem] = useState<Problem>();
  useTitle(`Order ${shortId(id)}`, 'Emporium admin');

  const reloadAll = () => {
    order.reload();
    saga.reload();
    payments.reload();
  };
  const act = async (kind: 'ship' | 'cancel') => {
    setBusy(kind);
    setProblem(undefined);
    try {
      if (kind === 'ship') await unwrap(api.orders.POST('/v1/orders/{id}/ship', { params: { path: { id } } }));
      else await unwrap(api.orders.POST('/v1/orders/{id}/cancel', { params: { path: { id } } }));
      reloadAll();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(undefined);
    }
  };

  const o = order.data;
  if (!o) return <LoadState loading={order.loading} problem={order.problem} />;
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/orders">Orders</Link> › {shortId(o.id)}
      </p>
      <PageTitle
        actions={
          <>
            <Button variant="secondary" onClick={reloadAll}>
              Refresh
            </Button>
            {o.status === 'confirmed' ? (
              <Button busy={busy === 'ship'} busyLabel="Shipping…" onClick={() => act('ship')}>
                Mark shipped
              </Button>
            ) : null}
            {o.status === 'pending' || o.status === 'confirmed' ? (
              <Button variant="danger" busy={busy === 'cancel'} busyLabel="Cancelling…" onClick={() => act('cancel')}>
                Cancel order
              </Button>
            ) : null}
          </>
        }
      >
        Order {shortId(o.id)} <Badge tone={o.status}>{o.status}</Badge>
      </PageTitle>
      <ProblemMessage problem={problem} />
      {saga.data ? (
        <section className="card saga-card" aria-label="Saga diagram">
          <div className="saga-scroll">
            <SagaDiagramView diagram={buildSagaDiagram(saga.data)} />
          </div>
        </section>
      ) : null}
      <div className="two-col">
        <div className="stack">
          <section className="card">
            <h2>Items</h2>
            <table>
              <tbody>
                {o.items.map((item) => (
                  <tr key={item.product_id}>
                    <td>
                      <Link href={`/admin/products/${item.product_id}`}>{item.name}</Link>{' '}
                      <span className="muted">{item.sku}</span>
                    </td>
                    <td className="num">{item.quantity} ×</td>
                    <td className="num">{formatMoney(item.unit_price)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row" colSpan={2}>
                    Total
                  </th>
                  <td className="num price">{formatMoney(o.total)}</td>
                </tr>
              </tbody>
            </table>
            <p className="muted">
              Customer {o.customer_id} · {o.payment_method} · ships to {o.shipping_address.line1},{' '}
              {o.shipping_address.postal_code} {o.shipping_address.city}, {o.shipping_address.country}
            </p>
          </section>
          <section className="card" aria-label="Saga timeline">
            <h2>Saga step log</h2>
            {saga.data ? (
              <>
                <p>
                  <Badge
                    tone={
                      saga.data.status === 'completed'
                        ? 'ok'
                        : saga.data.status.startsWith('compensat')
                          ? 'warn'
                          : 'pending'
                    }
                  >
                    {saga.data.status}
                  </Badge>{' '}
                  {saga.data.current_step ? <span className="muted">now at {saga.data.current_step}</span> : null}
                  {saga.data.outcome_reason ? <span className="muted"> · {saga.data.outcome_reason}</span> : null}
                </p>
                <ol className="timeline" data-testid="saga-timeline">
                  {saga.data.timeline.map((entry) => (
                    <li key={`${entry.at}-${entry.step}-${entry.event}`}>
                      <strong>{entry.step}</strong> — {entry.event}
                      {entry.detail ? <div className="muted">{entry.detail}</div> : null}
                      <time dateTime={entry.at}>{formatTimeExact(entry.at)}</time>
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <LoadState loading={saga.loading} problem={saga.problem} />
            )}
          </section>
        </div>
        <div className="stack">
          <section className="card">
            <h2>Status history</h2>
            <ol className="timeline">
              {o.status_history.map((h) => (
                <li key={`${h.status}-${h.at}`}>
                  <strong>{h.status}</strong>
                  {h.reason ? <div className="muted">{h.reason.replaceAll('_', ' ')}</div> : null}
                  <time dateTime={h.at}>{formatTimeExact(h.at)}</time>
                </li>
              ))}
            </ol>
          </section>
          <section className="card stack" aria-label="Payments">
            <h2>Payments</h2>
            {payments.data ? (
              payments.data.items.length === 0 ? (
                <Empty>No payment yet.</Empty>
              ) : (
                payments.data.items.map((p) => <PaymentCard key={p.id} payment={p} onChange={reloadAll} />)
              )
            ) : (
              <LoadState loading={payments.loading} problem={payments.problem} />
            )}
          </section>
        </div>
      </div>
    </>
  );
}

function PaymentCard({ payment, onChange }: { payment: Payment; onChange(): void }) {
  const { api } = useSession();
  const [amount, setAmount] = useState('');
  const { busy, problem, run } = useAction();
  const refund = useRef<Attempt>(undefined);
  const errors = fieldErrors(problem);
  const refundable = payment.amount.amount - payment.refunded_amount.amount;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = amount.trim() ? Math.round(Number(amount) * 100) : undefined;
    const body = minor === undefined ? {} : { amount: { amount: minor, currency: payment.amount.currency } };
    const sending = attemptFor(refund.current, body);
    refund.current = sending;
    const refunded = await run(() =>
      unwrap(
        api.payments.POST('/v1/payments/{id}/refunds', {
          params: { path: { id: payment.id }, header: idempotencyHeader(sending) },
          body,
        }),
      ),
    );
    if (refunded) {
      refund.current = undefined;
      setAmount('');
      onChange();
    }
  };

  return (
    <div className="stack" style={{ borderTop: '1px solid var(--line)', paddingTop: '0.75rem' }}>
      <div className="spread">
        <strong>{formatMoney(payment.amount)}</strong>
        <Badge tone={payment.status}>{payment.status}</Badge>
      </div>
      {payment.failure_reason ? <p className="muted">Declined: {payment.failure_reason.replaceAll('_', ' ')}</p> : null}
      {payment.refunds.length > 0 ? (
        <ul className="list">
          {payment.refunds.map((r) => (
            <li key={r.id} className="spread">
              <span>
                Refund {formatMoney(r.amount)} <span className="muted">{formatTime(r.created_at)}</span>
              </span>
              <Badge tone={r.status === 'succeeded' ? 'ok' : r.status === 'failed' ? 'danger' : 'warn'}>
                {r.status}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {payment.status === 'captured' && refundable > 0 ? (
        <form className="form" onSubmit={submit} noValidate aria-label="Refund">
          <TextField
            label={`Refund amount (empty: the rest, ${formatMoney({ ...payment.amount, amount: refundable })})`}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={errors['amount.amount'] ?? errors.amount}
          />
          <ProblemMessage problem={problem} shownFields={['amount']} />
          <div>
            <Button type="submit" variant="danger" busy={busy} busyLabel="Refunding…">
              Refund
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
