INSERT INTO stock VALUES (1, 5, 10, 'ok'), (2, 0, 20, NULL);
