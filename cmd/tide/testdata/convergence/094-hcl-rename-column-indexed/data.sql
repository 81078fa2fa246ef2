INSERT INTO accounts (id, mail, score) SELECT g, 'u' || g || '@example.org', g FROM generate_series(1, 800) AS g;
