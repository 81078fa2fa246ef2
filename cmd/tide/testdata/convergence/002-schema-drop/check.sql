SELECT count(*) = 2 FROM users;
SELECT email = 'ben@example.com' FROM users WHERE id = 2;
SELECT NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'legacy');
