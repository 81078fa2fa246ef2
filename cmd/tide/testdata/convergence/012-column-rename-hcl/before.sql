CREATE TABLE customers (
    id   integer PRIMARY KEY,
    name text NOT NULL,
    zip  varchar(10),
    CONSTRAINT customers_zip_chk CHECK (length(zip) >= 4)
);
CREATE INDEX customers_postal_idx ON customers (zip);
