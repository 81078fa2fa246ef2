SELECT count(*) = 3 FROM users;
SELECT count(*) = 4 FROM orders;
SELECT name = 'Chloe' FROM user_emails WHERE id = 3;
SELECT count(*) = 2 FROM big_orders;
SELECT count(*) = 2 FROM active_users;
SELECT to_regclass('public.old_report') IS NULL;
SELECT obj_description('active_users'::regclass, 'pg_class') = 'Users that have not been soft-deleted';
