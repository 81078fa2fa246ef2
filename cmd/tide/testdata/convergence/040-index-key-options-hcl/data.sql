INSERT INTO articles (id, author_id, slug, title, published_at, score) VALUES
    (1, 1, 'hello-world', 'Hello, world', '2024-01-01 09:00', 10),
    (2, 1, 'locks', 'Locks in PostgreSQL', NULL, NULL),
    (3, 2, 'hello-again', 'Hello again', '2024-02-01 09:00', 3),
    (4, 3, 'zero-downtime', 'Zero downtime', '2024-03-01 09:00', NULL);
