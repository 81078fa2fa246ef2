INSERT INTO customers (email, name, fax) VALUES
    ('ada@example.com', 'Ada', '+44 1'),
    ('grace@example.com', NULL, NULL),
    ('alan@example.com', 'Alan', NULL);
INSERT INTO products (sku, price_cents, legacy_category) VALUES
    ('KET-01', 2990, 'kitchen'),
    ('TOA-02', 3900, NULL),
    ('BLE-03', 5950, 'kitchen');
INSERT INTO orders (customer_id, state, total_cents) VALUES
    (1, 'paid', 2990),
    (1, 'new', 7800),
    (3, 'paid', 5950);
INSERT INTO order_items (order_id, product_id, qty) VALUES
    (1, 1, 1),
    (2, 2, 2),
    (3, 3, 1);
INSERT INTO wishlist (customer_id, product_id) VALUES (2, 1), (2, 3);
