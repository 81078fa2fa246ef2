INSERT INTO cities (id, name, slug) SELECT g, 'City number ' || g, CASE WHEN g % 6 = 0 THEN NULL ELSE 'city-' || g END FROM generate_series(1, 1300) AS g;
INSERT INTO cities (id, name, slug) VALUES (5000, repeat('n', 50), repeat('s', 50));
