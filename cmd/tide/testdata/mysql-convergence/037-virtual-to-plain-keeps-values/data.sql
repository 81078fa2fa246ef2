INSERT INTO measures (id, base_value) VALUES (1, 5), (2, 7);
