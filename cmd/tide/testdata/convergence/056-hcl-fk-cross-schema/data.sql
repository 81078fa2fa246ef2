INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO products (id, sku) VALUES (1, 'KET-01'), (2, 'TOA-02');
INSERT INTO reviews (id, order_id, stars) VALUES (1, NULL, 5), (2, NULL, 3);
