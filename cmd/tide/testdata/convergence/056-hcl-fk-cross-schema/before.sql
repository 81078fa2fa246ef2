CREATE TABLE customers (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE products (
    id  integer PRIMARY KEY,
    sku text NOT NULL UNIQUE
);
CREATE TABLE reviews (
    id       integer PRIMARY KEY,
    order_id integer,
    stars    smallint NOT NULL
);
