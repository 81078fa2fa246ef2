SELECT count(*) = 3 FROM events;
SELECT nextval(pg_get_serial_sequence('events', 'id')) = 4;
SELECT nextval(pg_get_serial_sequence('tags', 'id')) = 3;
SELECT format_type(seqtypid, NULL) = 'bigint' FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('events', 'id')::regclass;
SELECT format_type(atttypid, atttypmod) = 'bigint' FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'id';
