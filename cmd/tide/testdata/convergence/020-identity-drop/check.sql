SELECT count(*) = 3 FROM tickets;
SELECT subject = 'VPN down' FROM tickets WHERE id = 2;
SELECT is_identity = 'NO' FROM information_schema.columns WHERE table_name = 'tickets' AND column_name = 'id';
SELECT is_identity = 'NO' AND is_nullable = 'NO' FROM information_schema.columns WHERE table_name = 'audit' AND column_name = 'seq';
SELECT msg = 'created' FROM audit WHERE seq = 1;
SELECT count(*) = 0 FROM pg_sequences WHERE schemaname = 'public';
