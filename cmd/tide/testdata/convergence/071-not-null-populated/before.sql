CREATE TABLE products (
    id    integer PRIMARY KEY,
    sku   text,
    price numeric(10,2),
    note  text
);
