SELECT count(*) = 3 FROM posts;
SELECT confdeltype = 'c' AND convalidated FROM pg_constraint WHERE conname = 'posts_author_fk';
SELECT count(*) = 1 FROM pg_constraint WHERE conrelid = 'posts'::regclass AND contype = 'f';
WITH gone AS (DELETE FROM authors WHERE id = 1 RETURNING id) SELECT count(*) = 1 FROM gone;
SELECT count(*) = 1 FROM posts;
