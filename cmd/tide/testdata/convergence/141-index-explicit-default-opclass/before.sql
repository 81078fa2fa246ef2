CREATE TABLE products (
    id    integer PRIMARY KEY,
    sku   text NOT NULL,
    name  varchar(80) NOT NULL,
    attrs jsonb
);
CREATE INDEX products_sku_idx ON products (sku);
