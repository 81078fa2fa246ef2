SELECT count(*) = 3 FROM tasks;
SELECT title = 'Fix login' AND priority = 1 FROM tasks WHERE id = 2;
SELECT count(*) = 2 FROM tasks WHERE note IS NULL;
SELECT is_nullable = 'NO' FROM information_schema.columns WHERE table_name = 'tasks' AND column_name = 'owner';
