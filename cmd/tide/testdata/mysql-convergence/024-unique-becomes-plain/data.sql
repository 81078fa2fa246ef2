INSERT INTO codes VALUES (1, 'a'), (2, 'b');
