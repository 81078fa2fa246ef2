INSERT INTO accounts VALUES (1, 'a@x', NULL), (2, 'b@x', 'tok');
