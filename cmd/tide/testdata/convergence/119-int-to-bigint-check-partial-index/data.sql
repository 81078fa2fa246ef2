INSERT INTO stock (id, sku, qty, reserved) SELECT g, 'sku' || g, g, g % 10 FROM generate_series(10, 2509) AS g;
INSERT INTO stock (id, sku, qty, reserved) VALUES (9000, 'max', 2147483647, 0);
