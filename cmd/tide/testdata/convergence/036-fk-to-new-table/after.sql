CREATE TABLE brands (
    id      integer PRIMARY KEY,
    name    text NOT NULL UNIQUE,
    country char(2)
);
CREATE TABLE products (
    id       integer PRIMARY KEY,
    name     text NOT NULL,
    brand_id integer REFERENCES brands (id)
);
