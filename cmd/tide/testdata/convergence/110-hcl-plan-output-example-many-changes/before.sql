CREATE TABLE accounts (
    id   bigint PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE payments (
    id         bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    amount     integer NOT NULL,
    note       text,
    created_at timestamptz NOT NULL
);
