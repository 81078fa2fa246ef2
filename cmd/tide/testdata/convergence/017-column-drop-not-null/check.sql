SELECT count(*) = 2 FROM tasks;
SELECT due_date = DATE '2024-06-15' AND status = 'done' FROM tasks WHERE id = 2;
SELECT is_nullable = 'YES' FROM information_schema.columns WHERE table_name = 'tasks' AND column_name = 'due_date';
SELECT is_nullable = 'YES' FROM information_schema.columns WHERE table_name = 'tasks' AND column_name = 'status';
