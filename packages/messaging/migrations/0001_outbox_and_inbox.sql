-- The transactional outbox (messages committed with the state change that produced them, published
-- by the relay) and the inbox (ids of messages already handled, per consumer).
CREATE TABLE outbox (
  sequence bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  subject text NOT NULL,
  aggregate text NOT NULL,
  envelope text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (sequence) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE inbox (
  consumer text NOT NULL,
  message_id text NOT NULL,
  type text NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, message_id)
);
