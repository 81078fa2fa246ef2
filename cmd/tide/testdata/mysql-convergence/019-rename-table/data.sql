INSERT INTO clients VALUES (1, 'x');
