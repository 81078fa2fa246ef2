CREATE TABLE products (
    id       integer PRIMARY KEY,
    name     text NOT NULL,
    brand_id integer
);
