CREATE TABLE accounts (
    id        integer NOT NULL,
    tenant_id integer NOT NULL,
    name      text NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (tenant_id, id),
    CONSTRAINT accounts_id_key UNIQUE (id)
);
CREATE TABLE orders (
    id         integer PRIMARY KEY,
    tenant_id  integer NOT NULL,
    account_id integer NOT NULL,
    CONSTRAINT orders_account_id_fkey FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id) ON DELETE CASCADE
);
CREATE TABLE payments (
    id         integer PRIMARY KEY,
    account_id integer REFERENCES accounts (id),
    amount     numeric(10,2) NOT NULL
);
