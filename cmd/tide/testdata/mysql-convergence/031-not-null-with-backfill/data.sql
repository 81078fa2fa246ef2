INSERT INTO profiles VALUES (1, 'a@x.de', NULL), (2, 'b@x.fr', 'FR');
