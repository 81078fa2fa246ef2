INSERT INTO m VALUES (1, 3, '{"a": 1}');
