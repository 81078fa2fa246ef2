CREATE TABLE orders (
    id          integer PRIMARY KEY,
    customer_id integer NOT NULL,
    status      text NOT NULL,
    reference   text NOT NULL
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_open_status_idx ON orders (status) WHERE status <> 'done';
CREATE UNIQUE INDEX orders_reference_key ON orders (reference);
