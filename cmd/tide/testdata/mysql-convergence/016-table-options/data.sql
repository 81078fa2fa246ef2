INSERT INTO logs VALUES (1, 'hello');
INSERT INTO kv VALUES ('a', 'b');
