INSERT INTO posts VALUES (1, 'hello', 7, 'world');
