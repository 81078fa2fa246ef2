CREATE TABLE customers (
    id    integer PRIMARY KEY,
    code  varchar(20) NOT NULL,
    city  varchar(20),
    CONSTRAINT customers_code_key UNIQUE (code),
    CONSTRAINT customers_code_check CHECK (code <> '')
);
CREATE INDEX customers_city_idx ON customers (city);
