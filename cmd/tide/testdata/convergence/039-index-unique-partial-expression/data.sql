INSERT INTO users (id, email, active, last_login, deleted_at, prefs, team) VALUES
    (1, 'Ana@Example.com', true, '2024-05-01 08:00', NULL, '{"theme": "dark"}', 'red'),
    (2, 'ben@example.com', false, NULL, NULL, NULL, 'blue'),
    (3, 'ana@example.com', false, '2023-01-01 08:00', '2023-06-01 00:00', '{"theme": "light"}', NULL),
    (4, 'chloe@example.com', true, NULL, NULL, '{}', 'red');
