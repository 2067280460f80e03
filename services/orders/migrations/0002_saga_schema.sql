-- The persisted saga: one instance per order (its state, current step and deadline) and a step log.
-- Every transition commits in the transaction of the message (or timeout) that caused it.
CREATE TABLE saga_instances (
  id              uuid PRIMARY KEY,
  saga            text NOT NULL,
  status          text NOT NULL CHECK (status IN ('running', 'completed', 'compensating', 'compensated')),
  current_step    integer NOT NULL,
  completed_steps text[] NOT NULL DEFAULT '{}',
  awaiting        text[] NOT NULL DEFAULT '{}',
  deadline_at     timestamptz,
  outcome_reason  text,
  data            jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- The deadline watcher scans running sagas by deadline.
CREATE INDEX saga_instances_deadline_idx ON saga_instances (deadline_at) WHERE status = 'running';

CREATE TABLE saga_step_log (
  saga_id    uuid NOT NULL REFERENCES saga_instances(id),
  seq        bigserial,
  step       text NOT NULL,
  event      text NOT NULL,
  detail     text,
  message_id text,
  at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (saga_id, seq)
);
