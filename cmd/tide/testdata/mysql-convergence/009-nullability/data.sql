INSERT INTO tasks VALUES (1, 'one', 'n'), (2, 'two', 'm');
