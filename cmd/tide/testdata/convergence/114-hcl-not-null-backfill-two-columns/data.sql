INSERT INTO order_lines (id, sku, qty, unit_price) SELECT g, 'SKU' || (g % 13), g % 9 + 1, (g % 100) + 0.25 FROM generate_series(1, 2500) AS g;
