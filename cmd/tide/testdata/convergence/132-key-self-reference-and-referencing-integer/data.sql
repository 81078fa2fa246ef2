INSERT INTO employees (id, manager_id, name) VALUES (1, NULL, 'boss');
INSERT INTO employees (id, manager_id, name) SELECT g, 1 + (g - 2) / 10, 'employee ' || g FROM generate_series(2, 1500) AS g;
INSERT INTO notes (id, employee_id, body) SELECT g, 1 + g % 1500, 'note ' || g FROM generate_series(1, 4000) AS g;
