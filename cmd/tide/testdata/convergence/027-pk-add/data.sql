INSERT INTO logs (id, message) VALUES (1, 'boot'), (2, NULL), (3, 'shutdown');
INSERT INTO tags (name, color) VALUES ('urgent', 'red'), ('later', NULL);
