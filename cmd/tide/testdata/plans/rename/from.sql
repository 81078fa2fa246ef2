CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, email varchar(100));
CREATE UNIQUE INDEX customers_email_idx ON customers (email);
CREATE TABLE legacy_orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));
