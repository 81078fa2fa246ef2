INSERT INTO measures (id, base_value, computed_value) VALUES (1, 5, NULL), (2, 7, 0);
