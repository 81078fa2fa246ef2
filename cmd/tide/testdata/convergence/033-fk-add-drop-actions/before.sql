CREATE TABLE customers (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE coupons (
    code text PRIMARY KEY
);
CREATE TABLE products (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE sales_reps (
    id   integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE orders (
    id          integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id),
    coupon_code text REFERENCES coupons (code),
    rep_id      integer REFERENCES sales_reps (id)
);
CREATE TABLE order_items (
    order_id   integer NOT NULL,
    product_id integer NOT NULL,
    qty        integer NOT NULL,
    PRIMARY KEY (order_id, product_id)
);
