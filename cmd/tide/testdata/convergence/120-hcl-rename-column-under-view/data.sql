INSERT INTO employees (id, nm, dept) SELECT g, 'emp' || g, CASE WHEN g % 4 = 0 THEN 'eng' ELSE 'ops' END FROM generate_series(1, 1200) AS g;
