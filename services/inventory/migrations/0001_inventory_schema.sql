-- Inventory schema: stock per product, reservations per order with their lines, and the log of admin
-- stock changes. available = on_hand - reserved; the CHECKs keep it >= 0 whatever the code does.

CREATE TABLE stock (
  product_id          uuid PRIMARY KEY,
  on_hand             integer NOT NULL CHECK (on_hand >= 0),
  reserved            integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  -- StockLow is announced when available falls from at least this to below it.
  low_stock_threshold integer NOT NULL CHECK (low_stock_threshold >= 0),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
);

-- One row per order, whatever happened to it: its outcome is announced again (never redone) when the
-- saga repeats a command. 'failed' keeps the shortages it answered with; a 'released' row without
-- lines is a tombstone: the order was released before any reservation, so a late reserve is refused.
CREATE TABLE reservations (
  order_id       uuid PRIMARY KEY,
  status         text NOT NULL CHECK (status IN ('reserved', 'committed', 'failed', 'released')),
  shortages      jsonb NOT NULL DEFAULT '[]',
  release_reason text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reservations_released_with_reason CHECK ((status = 'released') = (release_reason IS NOT NULL))
);

-- The summed quantity per product of a successful reservation; kept after commit and release, since a
-- committed order released later is restocked from them.
CREATE TABLE reservation_lines (
  order_id   uuid NOT NULL REFERENCES reservations (order_id),
  product_id uuid NOT NULL REFERENCES stock (product_id),
  quantity   integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id)
);

-- Who changed on_hand by hand, by how much and why.
CREATE TABLE stock_adjustments (
  id            uuid PRIMARY KEY,
  product_id    uuid NOT NULL REFERENCES stock (product_id),
  kind          text NOT NULL CHECK (kind IN ('set', 'adjust')),
  delta         integer NOT NULL CHECK (delta <> 0),
  on_hand_after integer NOT NULL CHECK (on_hand_after >= 0),
  reason        text NOT NULL,
  actor         text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_adjustments_by_product ON stock_adjustments (product_id, created_at);
