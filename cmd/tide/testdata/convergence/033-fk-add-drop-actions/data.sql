INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO coupons (code) VALUES ('SPRING10');
INSERT INTO products (id, name) VALUES (1, 'Kettle'), (2, 'Toaster');
INSERT INTO sales_reps (id, name) VALUES (7, 'Linus');
INSERT INTO orders (id, customer_id, coupon_code, rep_id) VALUES
    (100, 1, 'SPRING10', 7),
    (101, 2, NULL, NULL),
    (102, 1, NULL, 7);
INSERT INTO order_items (order_id, product_id, qty) VALUES (100, 1, 1), (100, 2, 2), (101, 2, 1);
