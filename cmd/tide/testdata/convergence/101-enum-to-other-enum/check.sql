SELECT m = 'sad'::feeling FROM diary WHERE id = 2;
SELECT to_regtype('mood') IS NULL;
SELECT count(*) = 0 FROM pg_trigger WHERE tgname LIKE '%\_\_tide%';
SELECT count(*) = 0 FROM pg_proc WHERE proname LIKE '%\_\_tide%';
SELECT count(*) = 0 FROM pg_class WHERE relname LIKE '%\_\_tide%';
SELECT count(*) = 0 FROM pg_type WHERE typname LIKE '%\_\_tide%';
SELECT count(*) = 0 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relkind IN ('r', 'v') AND a.attname LIKE '%\_\_tide%' AND NOT a.attisdropped;
SELECT count(*) = 0 FROM pg_constraint WHERE conname LIKE '%\_\_tide%';
