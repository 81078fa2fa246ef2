CREATE TABLE products (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
COMMENT ON TABLE products IS 'Everything we sell';
CREATE TABLE suppliers (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
COMMENT ON TABLE suppliers IS 'Companies we buy stock from';
CREATE TABLE warehouses (
    id   integer PRIMARY KEY,
    city text
);
