INSERT INTO documents (id, code, title, tags, attrs, tsv, valid, created_at) VALUES
    (1, 'D-1', 'Quick fox', '{animals,fox}', '{"lang": "en"}', to_tsvector('english', 'The quick brown fox'), '[2024-01-01,2024-12-31)', '2024-01-01 00:00:00+00'),
    (2, 'D-2', 'Lazy dog', '{animals}', NULL, to_tsvector('english', 'jumps over the lazy dog'), NULL, '2024-02-01 00:00:00+00'),
    (3, 'D-3', 'Empty', NULL, '{}', NULL, '[2023-01-01,)', '2024-03-01 00:00:00+00');
