INSERT INTO payments (id, amount, ref, note) SELECT g, g * 10, g + 1000, 'n' || g FROM generate_series(1, 2500) AS g;
INSERT INTO payments (id, amount, ref, note) VALUES (9000, 2147483647, NULL, NULL);
