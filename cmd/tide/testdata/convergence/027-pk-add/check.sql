SELECT count(*) = 3 FROM logs;
SELECT message = 'shutdown' FROM logs WHERE id = 3;
SELECT color IS NULL FROM tags WHERE name = 'later';
SELECT count(*) = 2 FROM pg_constraint WHERE contype = 'p' AND conrelid IN ('logs'::regclass, 'tags'::regclass);
