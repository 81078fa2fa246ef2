CREATE TABLE customers (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE invoices (
    id          integer PRIMARY KEY,
    customer_id integer,
    amount      numeric(10,2) NOT NULL
);
