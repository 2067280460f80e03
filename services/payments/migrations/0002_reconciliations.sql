-- Reconciliation with the provider: a payment that failed `provider_unavailable` may still have been
-- charged (the provider took the money but its answer never arrived). Once every such charge must have
-- landed, the provider's charges for the order are listed and each one still holding money is
-- refunded. Each stray charge found is kept here, with how its refund ended.
CREATE TABLE stray_charges (
  provider_charge_id text PRIMARY KEY,
  payment_id         uuid NOT NULL REFERENCES payments (id),
  amount             bigint NOT NULL CHECK (amount > 0), -- what was still held when it was found
  currency           text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status             text NOT NULL CHECK (status IN ('refunded', 'refund_failed')),
  provider_refund_id text,
  failure            text,
  found_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'refunded') = (provider_refund_id IS NOT NULL))
);
CREATE INDEX stray_charges_by_payment ON stray_charges (payment_id);
