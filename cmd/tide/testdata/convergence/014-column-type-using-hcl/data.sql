INSERT INTO items (id, code, price, released) VALUES
    (1, ' 12', '12.50', '2024-01-05'),
    (2, '007', '0.99', NULL),
    (3, NULL, '100', '2023-12-31'),
    (4, '42 ', '3.333', '2024-02-29');
