SELECT count(*) = 3 FROM players;
SELECT contype = 'p' FROM pg_constraint WHERE conname = 'teams_pkey';
SELECT convalidated FROM pg_constraint WHERE conrelid = 'players'::regclass AND contype = 'f';
SELECT attnotnull FROM pg_attribute WHERE attrelid = 'teams'::regclass AND attname = 'id';
