INSERT INTO members (id, email, joined) VALUES (1, 'ada@example.org', '2024-01-02'), (2, 'grace@example.org', '2024-02-03');
