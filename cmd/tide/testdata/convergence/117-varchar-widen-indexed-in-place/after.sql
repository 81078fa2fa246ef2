CREATE TABLE customers (
    id    integer PRIMARY KEY,
    code  varchar(200) NOT NULL,
    city  varchar(200),
    CONSTRAINT customers_code_key UNIQUE (code),
    CONSTRAINT customers_code_check CHECK (code <> '')
);
CREATE INDEX customers_city_idx ON customers (city);
