INSERT INTO auth.users (id, email) VALUES (1, 'ana@example.com'), (2, 'ben@example.com');
INSERT INTO posts (id, author_id, title) VALUES (10, 1, 'Hello'), (11, 2, 'Schema diffs'), (12, 1, 'Locks');
