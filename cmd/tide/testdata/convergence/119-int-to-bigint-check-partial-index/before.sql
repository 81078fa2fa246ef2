CREATE TABLE stock (
    id       integer PRIMARY KEY,
    sku      text NOT NULL,
    qty      integer NOT NULL,
    reserved integer NOT NULL DEFAULT 0,
    CONSTRAINT stock_qty_check CHECK (qty >= reserved)
);
CREATE INDEX stock_big_qty_idx ON stock (qty) WHERE qty > 100;
CREATE INDEX stock_hot_sku_idx ON stock (sku) WHERE qty > 1000;
