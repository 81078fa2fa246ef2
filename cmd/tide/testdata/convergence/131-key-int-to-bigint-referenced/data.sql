INSERT INTO authors (id, name) SELECT g, 'author ' || g FROM generate_series(1, 2000) AS g;
INSERT INTO authors (id, name) VALUES (2147483647, 'the largest integer');
INSERT INTO books (id, author_id, title) SELECT g, 1 + g % 2000, 'book ' || g FROM generate_series(1, 6000) AS g;
INSERT INTO books (id, author_id, title) VALUES (6001, 2147483647, 'by the largest');
