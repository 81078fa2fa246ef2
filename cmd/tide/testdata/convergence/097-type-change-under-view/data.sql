INSERT INTO orders (id, total, note) SELECT g, g, NULL FROM generate_series(1, 300) AS g;
