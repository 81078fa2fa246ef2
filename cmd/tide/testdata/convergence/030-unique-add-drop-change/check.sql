SELECT count(*) = 3 FROM users;
SELECT username = 'ana2' AND handle = 'ana2' FROM users WHERE id = 3;
SELECT pg_get_constraintdef(oid) = 'UNIQUE (org_id, handle)' FROM pg_constraint WHERE conname = 'users_org_handle_key';
SELECT pg_get_constraintdef(oid) = 'UNIQUE (email)' FROM pg_constraint WHERE conname = 'users_email_key';
SELECT NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'users_username_key');
