CREATE TABLE order_lines (
    id         bigint PRIMARY KEY,
    sku        text NOT NULL,
    qty        integer NOT NULL,
    unit_price numeric(10,2) NOT NULL
);
