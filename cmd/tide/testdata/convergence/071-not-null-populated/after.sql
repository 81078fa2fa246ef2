CREATE TABLE products (
    id    integer PRIMARY KEY,
    sku   text NOT NULL,
    price numeric(10,2) NOT NULL,
    note  text
);
