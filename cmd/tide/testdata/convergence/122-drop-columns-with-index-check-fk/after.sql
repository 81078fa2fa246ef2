CREATE TABLE customers (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE invoices (
    id           integer PRIMARY KEY,
    customer_id  integer NOT NULL REFERENCES customers (id),
    amount       numeric(10,2) NOT NULL,
    CONSTRAINT invoices_amount_check CHECK (amount >= 0)
);
CREATE INDEX invoices_customer_idx ON invoices (customer_id);
