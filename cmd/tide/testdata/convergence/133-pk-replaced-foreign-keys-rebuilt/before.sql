CREATE TABLE accounts (
    id        integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    name      text NOT NULL
);
CREATE TABLE orders (
    id         integer PRIMARY KEY,
    tenant_id  integer NOT NULL,
    account_id integer NOT NULL REFERENCES accounts (id) ON DELETE CASCADE
);
CREATE TABLE payments (
    id         integer PRIMARY KEY,
    account_id integer REFERENCES accounts (id),
    amount     numeric(10,2) NOT NULL
);
