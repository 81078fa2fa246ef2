SELECT count(*) = 4 FROM posts;
SELECT count(*) = 2 FROM posts WHERE status = 'published';
SELECT status = 'archived' FROM posts WHERE id = 3;
SELECT enum_range(NULL::post_status)::text = '{draft,published,archived}';
SELECT column_default = '''draft''::post_status' FROM information_schema.columns WHERE table_name = 'posts' AND column_name = 'status';
