INSERT INTO notes (id, body) SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('x', g % 7) END FROM generate_series(1, 1200) AS g;
