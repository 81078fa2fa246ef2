INSERT INTO employees (id, name, salary, hired_on) VALUES
    (1, 'Ada', 85000.00, '2020-03-01'),
    (2, 'Grace', NULL, NULL);
