CREATE TYPE order_state AS ENUM ('new', 'paid');

CREATE TABLE customers (
    id    serial PRIMARY KEY,
    email varchar(100) NOT NULL,
    name  text,
    fax   text
);

CREATE TABLE products (
    id              serial PRIMARY KEY,
    sku             text NOT NULL UNIQUE,
    price_cents     integer NOT NULL,
    legacy_category text
);

CREATE TABLE orders (
    id          serial PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id),
    state       order_state NOT NULL DEFAULT 'new',
    total_cents integer NOT NULL
);

CREATE TABLE order_items (
    order_id   integer NOT NULL REFERENCES orders (id),
    product_id integer NOT NULL REFERENCES products (id),
    qty        integer NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

CREATE TABLE wishlist (
    customer_id integer NOT NULL,
    product_id  integer NOT NULL
);

CREATE VIEW customer_orders AS
    SELECT c.email, o.id AS order_id, o.total_cents
    FROM customers c JOIN orders o ON o.customer_id = c.id;
