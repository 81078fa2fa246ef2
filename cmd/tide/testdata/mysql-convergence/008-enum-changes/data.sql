INSERT INTO orders VALUES (1, 'paid', 'a,b', 'y'), (2, 'new', NULL, 'x');
