CREATE TABLE products (
    id      integer PRIMARY KEY,
    sku     text NOT NULL,
    region  text NOT NULL,
    barcode text,
    batch   integer,
    CONSTRAINT products_sku_key UNIQUE (region, sku),
    CONSTRAINT products_barcode_key UNIQUE (barcode)
);
