-- Contact replicas (from the users service's events), preferences, who owns each order, refunds
-- waiting to learn their order's owner, and the notifications themselves (the delivery log).

-- The newest known contact details of each user. as_of is the time of the event they came from, so
-- an older event arriving late never overwrites a newer one.
CREATE TABLE contacts (
  user_id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  phone text,
  as_of timestamptz NOT NULL
);

-- Only users who changed them have a row; everyone else has the defaults (email on, sms and push off).
CREATE TABLE preferences (
  user_id uuid PRIMARY KEY,
  email boolean NOT NULL,
  sms boolean NOT NULL,
  push boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Refund events name only the order: this says whose it is.
CREATE TABLE order_owners (
  order_id uuid PRIMARY KEY,
  customer_id uuid NOT NULL
);

-- A refund that arrived before any event of its order (they travel on different streams): kept
-- until an order event names the owner.
CREATE TABLE refunds_awaiting_owner (
  event_id text PRIMARY KEY,
  order_id uuid NOT NULL,
  envelope jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refunds_awaiting_owner_order_idx ON refunds_awaiting_owner (order_id);

-- One row per (event, channel): an event notifies at most once per channel however often it arrives.
-- The body is rendered at send time, from `data` and the contact as it is then.
CREATE TABLE notifications (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  event_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
  template text NOT NULL,
  data jsonb NOT NULL,
  subject text NOT NULL,
  -- The event that caused it (id, correlation, trace), for the causation of NotificationSent/Failed.
  cause jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  failed_at timestamptz,
  CONSTRAINT notifications_event_channel_key UNIQUE (event_id, channel)
);
-- The caller's notifications, newest first (ids are UUID v7: time-ordered).
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
