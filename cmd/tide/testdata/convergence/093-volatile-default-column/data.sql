INSERT INTO sessions (id, who) SELECT g, 'user' || g FROM generate_series(1, 1500) AS g;
