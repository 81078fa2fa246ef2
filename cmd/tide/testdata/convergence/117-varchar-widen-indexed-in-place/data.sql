INSERT INTO customers (id, code, city) SELECT g, 'C-' || lpad(g::text, 6, '0'), CASE WHEN g % 5 = 0 THEN NULL ELSE 'city' || (g % 40) END FROM generate_series(1, 1200) AS g;
