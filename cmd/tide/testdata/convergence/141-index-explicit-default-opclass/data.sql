INSERT INTO products (id, sku, name, attrs) VALUES
    (1, 'A-1', 'Lamp', '{"color": "red"}'),
    (2, 'B-2', 'Desk', NULL);
