INSERT INTO products (id, sku, region, barcode, batch) SELECT g, 's' || g, 'r' || (g % 3), CASE WHEN g % 10 = 0 THEN NULL ELSE 'b' || g END, g % 5 FROM generate_series(1, 1500) AS g;
