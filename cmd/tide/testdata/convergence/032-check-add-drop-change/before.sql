CREATE TABLE products (
    id    integer PRIMARY KEY,
    name  text NOT NULL CHECK (name <> ''),
    price numeric(10,2) NOT NULL,
    stock integer NOT NULL DEFAULT 0,
    CONSTRAINT products_stock_check CHECK (stock >= 0)
);
