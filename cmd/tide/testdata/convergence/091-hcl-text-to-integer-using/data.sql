INSERT INTO parts (id, code, name) VALUES (1, ' 42', 'bolt'), (2, '7 ', 'nut'), (3, '1000', NULL);
