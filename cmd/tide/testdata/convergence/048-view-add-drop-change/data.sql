INSERT INTO users (id, email, name, deleted_at) VALUES
    (1, 'ana@example.com', 'Ana', NULL),
    (2, 'ben@example.com', NULL, '2024-01-01 00:00'),
    (3, 'chloe@example.com', 'Chloe', NULL);
INSERT INTO orders (id, user_id, total) VALUES (1, 1, 50.00), (2, 1, 150.00), (3, 3, 600.00), (4, 2, 1000.00);
