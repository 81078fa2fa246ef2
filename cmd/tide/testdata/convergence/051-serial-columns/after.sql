CREATE TABLE tags (
    id   serial PRIMARY KEY,
    name text NOT NULL UNIQUE
);
CREATE TABLE comments (
    body   text NOT NULL,
    author text,
    seq    bigserial
);
CREATE TABLE audit_log (
    id      bigserial PRIMARY KEY,
    action  text NOT NULL,
    at      timestamptz NOT NULL DEFAULT now()
);
