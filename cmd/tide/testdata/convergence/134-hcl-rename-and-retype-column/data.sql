INSERT INTO prices (id, sku, amount) SELECT g, 'sku-' || g, (g * 37) % 100000 FROM generate_series(1, 5000) AS g;
INSERT INTO prices (id, sku, amount) VALUES (5001, 'max', 2147483647);
