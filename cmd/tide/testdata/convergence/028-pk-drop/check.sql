SELECT count(*) = 2 FROM devices;
SELECT count(*) = 3 FROM readings;
SELECT value = 19.0 FROM readings WHERE id = 3;
SELECT NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'devices'::regclass);
SELECT is_nullable = 'NO' FROM information_schema.columns WHERE table_name = 'devices' AND column_name = 'serial';
