SELECT count(*) = 3 FROM posts;
SELECT title = 'Schema diffs' FROM posts WHERE id = 11;
SELECT confrelid = 'auth.users'::regclass AND convalidated FROM pg_constraint WHERE conname = 'posts_author_fk';
SELECT confrelid = 'auth.users'::regclass FROM pg_constraint WHERE conname = 'logins_user_id_fkey';
SELECT count(*) = 2 FROM auth.users;
