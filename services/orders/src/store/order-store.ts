// SQL for orders, their lines and their status history (migrations/0001_orders_schema.sql).
import type { Address, Queryable, Static } from '@emporium/service-kit';

export type ShippingAddress = Static<typeof Address>;

import type { Money, OrderStatus, PricedLine } from '../domain/order.js';

export interface NewOrder {
  id: string;
  customer_id: string;
  lines: PricedLine[];
  total: Money;
  payment_method: string;
  shipping_address: ShippingAddress;
}

export interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderStatus;
  reason: string | null;
  total_amount: number;
  currency: string;
  payment_method: string;
  shipping_address: ShippingAddress;
  created_at: Date;
  updated_at: Date;
}

export interface StatusChange {
  status: OrderStatus;
  reason: string | null;
  at: Date;
}

export interface OrderDetail extends OrderRow {
  lines: PricedLine[];
  history: StatusChange[];
}

export async function insertOrder(tx: Queryable, order: NewOrder): Promise<void> {
  await tx.query(
    `INSERT INTO orders (id, customer_id, status, total_amount, currency, payment_method, shipping_address)
     VALUES ($1, $2, 'pending', $3, $4, $5, $6)`,
    [
      order.id,
      order.customer_id,
      order.total.amount,
      order.total.currency,
      order.payment_method,
      order.shipping_address,
    ],
  );
  await tx.query(
    `INSERT INTO order_lines (order_id, line_no, product_id, sku, name, quantity, unit_amount)
     SELECT $1, n, product_id, sku, name, quantity, unit_amount
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::bigint[]) WITH ORDINALITY
       AS t(product_id, sku, name, quantity, unit_amount, n)`,
    [
      order.id,
      order.lines.map((l) => l.product_id),
      order.lines.map((l) => l.sku),
      order.lines.map((l) => l.name),
      order.lines.map((l) => l.quantity),
      order.lines.map((l) => l.unit_price.amount),
    ],
  );
  await tx.query(`INSERT INTO order_status_history (order_id, seq, status) VALUES ($1, 1, 'pending')`, [order.id]);
}

export async function lockOrder(tx: Queryable, id: string): Promise<OrderRow | undefined> {
  const { rows } = await tx.query<OrderRow>('SELECT * FROM orders WHERE id = $1 FOR UPDATE', [id]);
  return rows[0];
}

/** Moves the order to `status`, records the change in its history, and notifies live watchers on commit. */
export async function changeStatus(tx: Queryable, id: string, status: OrderStatus, reason: string | null = null) {
  const { rows } = await tx.query<OrderRow>(
    `WITH changed AS (
       UPDATE orders SET status = $2, reason = $3, updated_at = clock_timestamp() WHERE id = $1 RETURNING *
     ), logged AS (
       INSERT INTO order_status_history (order_id, seq, status, reason, at)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, clock_timestamp() FROM order_status_history WHERE order_id = $1
     )
     SELECT changed.*, pg_notify('order_status', $1::text) FROM changed`,
    [id, status, reason],
  );
  const row = rows[0];
  if (!row) throw new Error(`order ${id} does not exist`);
  return row;
}

export async function findOrder(db: Queryable, id: string): Promise<OrderDetail | undefined> {
  const [order] = await detailsOf(db, [id]);
  return order;
}

interface DetailRow extends OrderRow {
  lines: Array<{ product_id: string; sku: string; name: string; quantity: number; unit_amount: number }>;
  history: Array<{ status: OrderStatus; reason: string | null; at: string }>;
}

/**
 * The orders with these ids (in this order), with their lines and status history, in one statement (one snapshot), so the
 * status and the history always agree even while the saga is changing them.
 */
export async function detailsOf(db: Queryable, ids: string[]): Promise<OrderDetail[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<DetailRow>(
    `SELECT o.*,
       (SELECT json_agg(json_build_object('product_id', l.product_id, 'sku', l.sku, 'name', l.name,
                        'quantity', l.quantity, 'unit_amount', l.unit_amount) ORDER BY l.line_no)
        FROM order_lines l WHERE l.order_id = o.id) AS lines,
       (SELECT json_agg(json_build_object('status', h.status, 'reason', h.reason, 'at', h.at) ORDER BY h.seq)
        FROM order_status_history h WHERE h.order_id = o.id) AS history
     FROM orders o WHERE o.id = ANY($1)`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const order = byId.get(id);
    if (!order) return [];
    const { lines, history, ...row } = order;
    return [
      {
        ...row,
        lines: (lines ?? []).map((l) => ({
          product_id: l.product_id,
          sku: l.sku,
          name: l.name,
          quantity: l.quantity,
          unit_price: { amount: Number(l.unit_amount), currency: row.currency },
        })),
        history: (history ?? []).map((h) => ({ status: h.status, reason: h.reason, at: new Date(h.at) })),
      },
    ];
  });
}

export interface OrderFilter {
  customerId?: string;
  status?: OrderStatus;
  after?: { created_at: string; id: string };
  limit: number;
}

/** Newest first, keyset-paginated on (created_at, id); fetches limit+1 rows for toPage. */
export async function listOrders(db: Queryable, filter: OrderFilter): Promise<OrderRow[]> {
  const { rows } = await db.query<OrderRow>(
    `SELECT * FROM orders
     WHERE ($1::uuid IS NULL OR customer_id = $1)
       AND ($2::text IS NULL OR status = $2)
       AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
     ORDER BY created_at DESC, id DESC
     LIMIT $5`,
    [
      filter.customerId ?? null,
      filter.status ?? null,
      filter.after?.created_at ?? null,
      filter.after?.id ?? null,
      filter.limit + 1,
    ],
  );
  return rows;
}
