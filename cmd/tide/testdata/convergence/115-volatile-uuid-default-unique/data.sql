INSERT INTO devices (id, name) SELECT g, 'dev' || g FROM generate_series(1, 2200) AS g;
