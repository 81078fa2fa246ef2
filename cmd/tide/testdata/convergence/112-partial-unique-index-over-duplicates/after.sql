CREATE TABLE users (
    id         integer PRIMARY KEY,
    email      text NOT NULL,
    deleted_at timestamptz,
    plan       text NOT NULL DEFAULT 'free'
);
CREATE UNIQUE INDEX users_live_email_idx ON users (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX users_paid_idx ON users (plan, id) WHERE plan <> 'free';
