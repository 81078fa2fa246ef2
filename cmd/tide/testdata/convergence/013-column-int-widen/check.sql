SELECT count(*) = 3 FROM events;
SELECT user_id = 2147483647 AND hits = 32767 FROM events WHERE id = 3;
SELECT amount = 123456.78 AND ratio = 0.5 FROM events WHERE id = 1;
SELECT user_id IS NULL AND ratio IS NULL FROM events WHERE id = 2;
SELECT count(*) = 3 FROM event_tags t JOIN events e ON e.id = t.event_id;
SELECT data_type = 'bigint' FROM information_schema.columns WHERE table_name = 'event_tags' AND column_name = 'event_id';
