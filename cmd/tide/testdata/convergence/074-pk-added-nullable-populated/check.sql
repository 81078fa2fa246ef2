SELECT count(*) = 3 FROM readings;
SELECT count(*) = 2 FROM labels;
SELECT count(*) = 2 FROM pg_constraint WHERE contype = 'p' AND conrelid IN ('readings'::regclass, 'labels'::regclass);
SELECT bool_and(attnotnull) FROM pg_attribute WHERE attrelid = 'readings'::regclass AND attname IN ('sensor_id', 'taken_at');
SELECT count(*) = 0 FROM pg_constraint WHERE contype = 'c' AND conrelid IN ('readings'::regclass, 'labels'::regclass);
