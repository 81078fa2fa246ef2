CREATE TABLE subscriptions (
    id         integer PRIMARY KEY,
    email      text NOT NULL,
    plan       text,
    status     text NOT NULL DEFAULT 'active',
    seats      integer NOT NULL DEFAULT 1,
    trial      boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
