SELECT count(*) = 3 FROM readings;
SELECT sensor = '17' AND value = 215.00 AND country = 'FR' AND verified = 'true' FROM readings WHERE id = 1;
SELECT value IS NULL AND day IS NULL AND country IS NULL AND verified IS NULL FROM readings WHERE id = 2;
SELECT sensor = '42' AND value = -3.00 AND day = TIMESTAMP '2024-03-02 00:00' AND verified = 'false' FROM readings WHERE id = 3;
SELECT count(*) = 3 FROM readings WHERE taken_at IS NOT NULL;
SELECT data_type = 'timestamp with time zone' FROM information_schema.columns WHERE table_name = 'readings' AND column_name = 'taken_at';
