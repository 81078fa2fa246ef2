INSERT INTO authors (id, name, likes) VALUES (1, 'Le Guin', 10), (2, 'Pratchett', 20);
INSERT INTO books (id, author_id, title) VALUES (1, 1, 'The Dispossessed'), (2, 2, 'Mort'), (3, 2, 'Guards! Guards!');
