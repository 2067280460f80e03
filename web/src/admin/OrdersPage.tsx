// Every order, newest first, filterable by status (and by customer), a page at a time.
import { useState } from 'react';
import { unwrap } from '../api/problem';
import type { OrderStatus } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { SelectField, TextField } from '../ui/Field';
import { formatMoney, formatTime, shortId } from '../ui/format';
import { Badge, Empty, LoadState, PageTitle } from '../ui/Page';
import { ProblemMessage } from '../ui/ProblemMessage';
import { Link } from '../ui/router';
import { useLoad } from '../ui/useLoad';
import { useTitle } from '../ui/useTitle';

const STATUSES: OrderStatus[] = ['pending', 'confirmed', 'rejected', 'cancelled', 'shipped'];

export function OrdersPage() {
  const { api } = useSession();
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [customer, setCustomer] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  useTitle('Orders', 'Emporium admin');
  const orders = useLoad(
    () =>
      unwrap(
        api.orders.GET('/v1/orders', {
          params: {
            query: {
              limit: 25,
              ...(status ? { status } : {}),
              ...(customer.trim() ? { customer_id: customer.trim() } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [api, status, customer, cursor],
  );
  return (
    <>
      <PageTitle
        actions={
          <Button variant="secondary" onClick={orders.reload}>
            Refresh
          </Button>
        }
      >
        Orders
      </PageTitle>
      <div className="form-row" style={{ maxWidth: 640, marginBottom: '1rem' }}>
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as OrderStatus | '');
            setCursors([]);
          }}
        >
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Customer id"
          placeholder="any customer"
          value={customer}
          onChange={(e) => {
            setCustomer(e.target.value);
            setCursors([]);
          }}
        />
      </div>
      {orders.problem ? <ProblemMessage problem={orders.problem} /> : null}
      {!orders.data && !orders.problem ? <LoadState loading={orders.loading} problem={undefined} /> : null}
      {orders.data && orders.data.items.length === 0 ? <Empty>No orders match.</Empty> : null}
      {orders.data && orders.data.items.length > 0 ? (
        <div className="table-wrap card" style={{ padding: 0 }}>
          <table>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Placed</th>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {orders.data.items.map((o) => (
                <tr key={o.id} data-testid="admin-order">
                  <td>
                    <Link href={`/admin/orders/${o.id}`}>{shortId(o.id)}</Link>
                    <div className="muted">{o.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}</div>
                  </td>
                  <td>{formatTime(o.created_at)}</td>
                  <td className="muted">{shortId(o.customer_id)}</td>
                  <td>
                    <Badge tone={o.status}>{o.status}</Badge>
                    {o.reason ? <div className="muted">{o.reason.replaceAll('_', ' ')}</div> : null}
                  </td>
                  <td className="num">{formatMoney(o.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="more row">
        {cursors.length > 0 ? (
          <Button variant="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
            Previous page
          </Button>
        ) : null}
        {orders.data?.next_cursor ? (
          <Button variant="secondary" onClick={() => setCursors([...cursors, orders.data?.next_cursor ?? ''])}>
            Next page
          </Button>
        ) : null}
      </div>
    </>
  );
}
