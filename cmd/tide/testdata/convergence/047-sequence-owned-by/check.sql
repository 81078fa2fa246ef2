SELECT count(*) = 2 FROM lines;
SELECT n = 10 FROM lines WHERE id = 1;
SELECT n IS NULL FROM lines WHERE id = 2;
SELECT value = 42 FROM counters WHERE name = 'visits';
SELECT EXISTS (SELECT 1 FROM pg_depend WHERE classid = 'pg_class'::regclass AND objid = 'line_no_seq'::regclass AND refobjid = 'lines'::regclass AND deptype = 'a');
SELECT NOT EXISTS (SELECT 1 FROM pg_depend WHERE classid = 'pg_class'::regclass AND objid = 'counter_seq'::regclass AND refobjid = 'counters'::regclass);
