INSERT INTO users VALUES (1, 7), (2, 7);
INSERT INTO posts VALUES (1, 7, 1), (2, 7, 2), (3, 7, NULL);
