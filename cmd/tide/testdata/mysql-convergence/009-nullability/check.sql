SELECT count(*) = 2 FROM tasks WHERE title IS NOT NULL AND note IS NOT NULL;
