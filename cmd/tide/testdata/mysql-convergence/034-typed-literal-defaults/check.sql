SELECT event_date = '2024-01-01' AND event_time = '12:00:00' AND event_at = '2024-12-31 23:59:59' FROM events WHERE id = 1;
SELECT TRIM(BOTH '''' FROM column_default) = '2024-12-31' FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'events' AND column_name = 'event_date';
