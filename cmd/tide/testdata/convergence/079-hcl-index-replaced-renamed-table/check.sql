SELECT count(*) = 2 FROM people;
SELECT indexdef LIKE '%(joined, email)' FROM pg_indexes WHERE indexname = 'members_joined_idx';
SELECT pg_get_constraintdef(oid) LIKE '%@%' AND convalidated FROM pg_constraint WHERE conname = 'members_email_check';
SELECT count(*) = 0 FROM pg_class WHERE relname LIKE '%\_\_tide%';
