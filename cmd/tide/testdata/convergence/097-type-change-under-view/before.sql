CREATE TABLE orders (
    id    integer PRIMARY KEY,
    total integer NOT NULL,
    note  text
);
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE VIEW big_order_ids AS SELECT id FROM big_orders;
