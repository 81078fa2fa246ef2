INSERT INTO products VALUES (1, 'a', 'one', 'x', 5), (2, 'b', 'two', 'y', 6);
