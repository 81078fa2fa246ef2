SELECT count(*) = 4 FROM seats;
SELECT count(*) = 2 FROM seats WHERE hall IS NULL;
SELECT contype = 'u' AND NOT condeferrable FROM pg_constraint WHERE conname = 'seats_code_key';
SELECT contype = 'u' AND condeferrable AND condeferred FROM pg_constraint WHERE conname = 'seats_place_key';
SELECT bool_and(indisvalid) FROM pg_index WHERE indrelid = 'seats'::regclass;
