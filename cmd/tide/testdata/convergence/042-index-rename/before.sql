CREATE TABLE orders (
    id          integer PRIMARY KEY,
    customer_id integer NOT NULL,
    status      text NOT NULL,
    reference   text NOT NULL
);
CREATE INDEX idx_1 ON orders (customer_id);
CREATE INDEX orders_status ON orders (status) WHERE status <> 'done';
CREATE UNIQUE INDEX ref_uq ON orders (reference);
