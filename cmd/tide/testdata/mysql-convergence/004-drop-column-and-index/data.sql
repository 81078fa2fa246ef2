INSERT INTO items VALUES (1, 'a', 7), (2, 'b', 8);
