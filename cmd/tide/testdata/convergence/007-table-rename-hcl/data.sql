INSERT INTO accounts (id, email, created_at) VALUES
    (1, 'ana@example.com', '2024-01-10 10:00:00+00'),
    (2, 'ben@example.com', '2024-02-11 11:00:00+00'),
    (3, 'chloe@example.com', '2024-03-12 12:00:00+00');
INSERT INTO sessions (id, account_id, expires_at) VALUES
    (1, 1, '2024-06-01 00:00:00+00'),
    (2, 1, NULL),
    (3, 2, '2024-06-02 00:00:00+00'),
    (4, 3, NULL);
