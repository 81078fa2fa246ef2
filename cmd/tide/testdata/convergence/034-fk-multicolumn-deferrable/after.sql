CREATE TABLE warehouses (
    region text NOT NULL,
    code   text NOT NULL,
    city   text,
    PRIMARY KEY (region, code)
);
CREATE TABLE stock (
    id             integer PRIMARY KEY,
    region         text NOT NULL,
    warehouse_code text NOT NULL,
    sku            text NOT NULL,
    qty            integer NOT NULL DEFAULT 0,
    CONSTRAINT stock_warehouse_fk FOREIGN KEY (region, warehouse_code)
        REFERENCES warehouses (region, code) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
);
