INSERT INTO products (id, sku, price, note) VALUES
    (1, 'A-1', 10.00, NULL),
    (2, 'B-2', 0.99, 'sale'),
    (3, 'C-3', 123.45, NULL);
