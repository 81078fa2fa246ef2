CREATE TABLE products (
    id    integer PRIMARY KEY,
    name  text NOT NULL,
    price numeric(10,2) NOT NULL,
    stock integer NOT NULL DEFAULT 0,
    CONSTRAINT products_stock_check CHECK (stock >= 0 AND stock <= 100000),
    CONSTRAINT products_price_check CHECK (price >= 0)
);
