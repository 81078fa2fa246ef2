CREATE TABLE products (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE suppliers (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
COMMENT ON TABLE suppliers IS 'who we buy from';
CREATE TABLE warehouses (
    id   integer PRIMARY KEY,
    city text
);
COMMENT ON TABLE warehouses IS 'Physical stock locations';
