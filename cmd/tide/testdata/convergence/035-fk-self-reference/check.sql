SELECT count(*) = 4 FROM employees;
SELECT manager_id = 2 FROM employees WHERE id = 4;
SELECT bool_and(parent_id IS NULL) FROM categories;
SELECT confrelid = 'employees'::regclass AND conrelid = 'employees'::regclass FROM pg_constraint WHERE conname = 'employees_manager_id_fkey';
SELECT confrelid = 'categories'::regclass FROM pg_constraint WHERE conname = 'categories_parent_fk';
