CREATE TABLE accounts (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE entries (
    id         bigint PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id),
    amount     numeric(12,2) NOT NULL
);
