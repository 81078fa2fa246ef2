CREATE TABLE customers (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE invoices (
    id           integer PRIMARY KEY,
    customer_id  integer NOT NULL REFERENCES customers (id),
    amount       numeric(10,2) NOT NULL,
    legacy_code  text,
    legacy_flag  integer CONSTRAINT invoices_legacy_flag_check CHECK (legacy_flag IN (0, 1)),
    old_owner_id integer CONSTRAINT invoices_old_owner_fk REFERENCES customers (id),
    CONSTRAINT invoices_amount_check CHECK (amount >= 0)
);
CREATE INDEX invoices_legacy_code_idx ON invoices (legacy_code);
CREATE INDEX invoices_legacy_amount_idx ON invoices (legacy_code, amount);
CREATE INDEX invoices_customer_idx ON invoices (customer_id);
