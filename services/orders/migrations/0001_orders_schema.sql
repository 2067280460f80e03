-- Orders: the order, its priced lines (prices copied from the catalog at order time) and its status history.
CREATE TABLE orders (
  id               uuid PRIMARY KEY,
  customer_id      uuid NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'shipped')),
  reason           text,
  total_amount     bigint NOT NULL CHECK (total_amount >= 0),
  currency         char(3) NOT NULL,
  payment_method   text NOT NULL,
  shipping_address jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- A customer's orders newest first, and the admin's list by status, both keyset-paginated on (created_at, id).
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC, id DESC);
CREATE INDEX orders_status_idx ON orders (status, created_at DESC, id DESC);
CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);

CREATE TABLE order_lines (
  order_id     uuid NOT NULL REFERENCES orders(id),
  line_no      integer NOT NULL,
  product_id   uuid NOT NULL,
  sku          text NOT NULL,
  name         text NOT NULL,
  quantity     integer NOT NULL CHECK (quantity > 0),
  unit_amount  bigint NOT NULL CHECK (unit_amount >= 0),
  PRIMARY KEY (order_id, line_no)
);

CREATE TABLE order_status_history (
  order_id uuid NOT NULL REFERENCES orders(id),
  seq      integer NOT NULL,
  status   text NOT NULL,
  reason   text,
  at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (order_id, seq)
);
