CREATE TABLE customers (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE orders (
    id          integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id),
    total       numeric(10,2)
);
CREATE TABLE order_notes (
    id       integer PRIMARY KEY,
    order_id integer NOT NULL REFERENCES orders (id),
    body     text
);
CREATE INDEX order_notes_order_id_idx ON order_notes (order_id);
