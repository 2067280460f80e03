-- Analytics schema: the append-only log of every domain event received, and the read models the
-- reports are computed from. Read models are maintained per field so that they converge to the
-- same rows whatever order the events of different streams arrive in.

-- Every domain event, as received (the CloudEvents envelope's id, type, source, subject, time, data).
-- Rows are only ever inserted: the log can rebuild any read model and backs GET /v1/events.
CREATE TABLE event_log (
  id          text PRIMARY KEY,
  type        text NOT NULL,
  source      text NOT NULL,
  subject     text,
  time        timestamptz NOT NULL,
  data        jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
-- GET /v1/events lists newest first by (time, id), optionally filtered by type or by subject.
CREATE INDEX event_log_time_idx ON event_log (time DESC, id DESC);
CREATE INDEX event_log_type_time_idx ON event_log (type, time DESC, id DESC);
CREATE INDEX event_log_subject_time_idx ON event_log (subject, time DESC, id DESC);

-- One row per order, filled in by whichever of its events arrives: each event sets only its own
-- fields, and a time already known is kept if earlier (LEAST), so any arrival order gives the same row.
CREATE TABLE order_facts (
  order_id          uuid PRIMARY KEY,
  customer_id       uuid NOT NULL,
  created_at        timestamptz,
  confirmed_at      timestamptz,
  -- The total captured at confirmation (OrderConfirmed.total): the revenue the sales report counts.
  confirmed_amount  bigint CHECK (confirmed_amount >= 0),
  confirmed_currency char(3),
  shipped_at        timestamptz,
  cancelled_at      timestamptz,
  rejected_at       timestamptz,
  rejection_reason  text
);
CREATE INDEX order_facts_created_idx ON order_facts (created_at) WHERE created_at IS NOT NULL;
CREATE INDEX order_facts_confirmed_idx ON order_facts (confirmed_at) WHERE confirmed_at IS NOT NULL;

-- The priced lines of each order (from OrderCreated), numbered in their order in the event.
CREATE TABLE order_lines (
  order_id            uuid NOT NULL,
  line_no             integer NOT NULL,
  product_id          uuid NOT NULL,
  quantity            integer NOT NULL CHECK (quantity > 0),
  unit_price_amount   bigint NOT NULL CHECK (unit_price_amount >= 0),
  unit_price_currency char(3) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

-- Money sent back to customers (PaymentRefunded), at the time the refund event was produced.
CREATE TABLE refunds (
  refund_id   uuid PRIMARY KEY,
  payment_id  uuid NOT NULL,
  order_id    uuid NOT NULL,
  amount      bigint NOT NULL CHECK (amount >= 0),
  currency    char(3) NOT NULL,
  refunded_at timestamptz NOT NULL
);
CREATE INDEX refunds_refunded_idx ON refunds (refunded_at);

-- Product names for reports: the newest ProductCreated/ProductUpdated state wins, by its own timestamp.
CREATE TABLE product_names (
  product_id  uuid PRIMARY KEY,
  sku         text NOT NULL,
  name        text,
  -- When the name was true (created_at / updated_at of the event); NULL when only the SKU is known.
  as_of       timestamptz
);
