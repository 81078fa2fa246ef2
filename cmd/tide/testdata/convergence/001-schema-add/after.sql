CREATE TABLE users (
    id    bigint PRIMARY KEY,
    email text NOT NULL
);

CREATE SCHEMA billing;
COMMENT ON SCHEMA billing IS 'Invoices and payments';

CREATE TABLE billing.invoices (
    id        bigint PRIMARY KEY,
    user_id   bigint NOT NULL REFERENCES public.users (id),
    amount    numeric(10,2) NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now()
);
