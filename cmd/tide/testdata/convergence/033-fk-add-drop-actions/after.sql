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
    customer_id integer NOT NULL REFERENCES customers (id) ON DELETE CASCADE ON UPDATE CASCADE,
    coupon_code text,
    rep_id      integer REFERENCES sales_reps (id) ON DELETE SET NULL
);
CREATE TABLE order_items (
    order_id   integer NOT NULL,
    product_id integer NOT NULL,
    qty        integer NOT NULL,
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT order_items_product_fk FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT
);
