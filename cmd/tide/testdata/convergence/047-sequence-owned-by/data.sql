INSERT INTO lines (id, n) VALUES (1, 10), (2, NULL);
INSERT INTO counters (name, value) VALUES ('visits', 42), ('signups', NULL);
