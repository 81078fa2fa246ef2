CREATE TABLE customers (
    id   serial PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    placed_at   timestamptz NOT NULL DEFAULT now(),
    note        text
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
