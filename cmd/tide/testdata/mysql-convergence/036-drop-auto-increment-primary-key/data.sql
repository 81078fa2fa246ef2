INSERT INTO friends (user_id, created_at) VALUES (10, '2024-01-01 00:00:00'), (11, '2024-01-02 00:00:00');
