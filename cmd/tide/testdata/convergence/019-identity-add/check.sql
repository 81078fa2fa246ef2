SELECT count(*) = 3 FROM tickets;
SELECT subject = 'New laptop' FROM tickets WHERE id = 5;
SELECT is_identity = 'YES' AND identity_generation = 'BY DEFAULT' FROM information_schema.columns WHERE table_name = 'tickets' AND column_name = 'id';
SELECT is_identity = 'YES' AND identity_generation = 'ALWAYS' FROM information_schema.columns WHERE table_name = 'labels' AND column_name = 'id';
SELECT nextval(pg_get_serial_sequence('tickets', 'id')) > 5;
SELECT nextval(pg_get_serial_sequence('labels', 'id')) > 20;
