SELECT col_description('employees'::regclass, 2) = 'Full legal name';
SELECT col_description('employees'::regclass, 3) = 'Gross yearly salary in EUR';
SELECT col_description('employees'::regclass, 4) IS NULL;
SELECT count(*) = 2 FROM employees;
SELECT salary = 85000.00 FROM employees WHERE id = 1;
