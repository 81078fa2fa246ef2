INSERT INTO authors (id, name) VALUES (1, 'Ada'), (2, 'Grace');
INSERT INTO posts (id, author_id, title) VALUES (1, 1, 'Notes'), (2, 1, 'Engines'), (3, 2, 'COBOL');
