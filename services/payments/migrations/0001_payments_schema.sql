-- Payments: one per order (the order id is the saga's idempotency key), their refunds, refunds asked
-- for before the capture landed, orders cancelled before any payment, and a double-entry ledger.

CREATE TABLE payments (
  id                 uuid PRIMARY KEY,
  order_id           uuid NOT NULL UNIQUE,
  customer_id        uuid NOT NULL,
  amount             bigint NOT NULL CHECK (amount >= 0),
  currency           text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  payment_method     text NOT NULL,
  status             text NOT NULL CHECK (status IN ('processing', 'captured', 'declined', 'refunded')),
  failure_reason     text,
  provider_charge_id text,
  -- Succeeded refunds only; pending ones are in refunds.
  refunded_amount    bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'declined') = (failure_reason IS NOT NULL)),
  CHECK (status <> 'refunded' OR refunded_amount = amount)
);
CREATE INDEX payments_by_customer ON payments (customer_id, id);

CREATE TABLE refunds (
  id                 uuid PRIMARY KEY,
  payment_id         uuid NOT NULL REFERENCES payments (id),
  amount             bigint NOT NULL CHECK (amount > 0),
  status             text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  reason             text NOT NULL,
  provider_refund_id text,
  failure            text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  completed_at       timestamptz
);
CREATE INDEX refunds_by_payment ON refunds (payment_id, created_at);

-- A RefundPayment that arrived while its charge was still in flight: started once the capture lands,
-- dropped if the charge is declined.
CREATE TABLE deferred_refunds (
  id         uuid PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payments (id),
  amount     bigint CHECK (amount > 0), -- null: whatever is left to refund
  reason     text NOT NULL,
  cause      jsonb NOT NULL,            -- the command, so the refund's event names it as its cause
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deferred_refunds_by_payment ON deferred_refunds (payment_id);

-- A RefundPayment for an order that had no payment yet: a later ProcessPayment is refused.
CREATE TABLE cancelled_orders (
  order_id   uuid PRIMARY KEY,
  reason     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The ledger: every money movement is one transaction whose entries (debit positive, credit
-- negative) sum to zero. Entries are append-only.
CREATE TABLE ledger_transactions (
  id         uuid PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('capture', 'refund')),
  payment_id uuid NOT NULL REFERENCES payments (id),
  refund_id  uuid REFERENCES refunds (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'refund') = (refund_id IS NOT NULL))
);
CREATE UNIQUE INDEX ledger_one_capture_per_payment ON ledger_transactions (payment_id) WHERE kind = 'capture';
CREATE UNIQUE INDEX ledger_one_transaction_per_refund ON ledger_transactions (refund_id) WHERE kind = 'refund';

CREATE TABLE ledger_entries (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id uuid NOT NULL REFERENCES ledger_transactions (id),
  account        text NOT NULL CHECK (account IN ('psp_clearing', 'sales', 'refunds')),
  amount         bigint NOT NULL CHECK (amount <> 0),
  currency       text NOT NULL CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX ledger_entries_by_transaction ON ledger_entries (transaction_id);

-- Checked at commit, once every entry of the transaction is in: at least two entries, and in each
-- currency they sum to zero.
CREATE FUNCTION ledger_assert_balanced(checked uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM ledger_entries WHERE transaction_id = checked) < 2 THEN
    RAISE EXCEPTION 'ledger transaction % has fewer than two entries', checked USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (
    SELECT 1 FROM ledger_entries WHERE transaction_id = checked GROUP BY currency HAVING sum(amount) <> 0
  ) THEN
    RAISE EXCEPTION 'ledger transaction % does not balance', checked USING ERRCODE = 'check_violation';
  END IF;
END $$;

CREATE FUNCTION ledger_transaction_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_assert_balanced(NEW.id);
  RETURN NULL;
END $$;

CREATE FUNCTION ledger_entry_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_assert_balanced(NEW.transaction_id);
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER ledger_transaction_balanced
  AFTER INSERT ON ledger_transactions DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_transaction_inserted();
CREATE CONSTRAINT TRIGGER ledger_entry_balanced
  AFTER INSERT ON ledger_entries DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_inserted();

CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
