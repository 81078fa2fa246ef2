CREATE TABLE users (
    id         integer PRIMARY KEY,
    email      text NOT NULL,
    deleted_at timestamptz,
    plan       text NOT NULL DEFAULT 'free'
);
