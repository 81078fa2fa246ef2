SELECT count(*) = 3 FROM users;
SELECT email = 'ana@example.com' FROM users WHERE id = 1;
SELECT to_regclass('public.accounts') IS NULL;
SELECT count(*) = 4 FROM sessions s JOIN users u ON u.id = s.account_id;
SELECT count(*) = 2 FROM sessions WHERE expires_at IS NULL;
