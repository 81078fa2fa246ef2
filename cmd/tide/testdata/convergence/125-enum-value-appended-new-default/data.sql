INSERT INTO tasks (id, title, priority) SELECT g, 't' || g, CASE WHEN g % 5 = 0 THEN 'high' ELSE 'low' END::priority FROM generate_series(1, 500) AS g;
