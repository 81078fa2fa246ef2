INSERT INTO users (id, email) VALUES
    (1, 'ana@example.com'),
    (2, 'ben@example.com');
INSERT INTO legacy.old_events (id, user_id, kind, at) VALUES
    (1, 1, 'login', '2023-01-01 09:00'),
    (2, 1, 'logout', '2023-01-01 17:00'),
    (3, NULL, 'login', '2023-01-02 08:30');
