SELECT count(*) = 2 FROM tags;
SELECT name = 'howto' FROM tags WHERE id = 2;
SELECT count(*) = 3 FROM comments;
SELECT count(DISTINCT seq) = 3 AND bool_and(seq IS NOT NULL) FROM comments;
SELECT author IS NULL FROM comments WHERE body = 'Nice post';
SELECT pg_get_serial_sequence('comments', 'seq') = 'public.comments_seq_seq';
SELECT pg_get_serial_sequence('audit_log', 'id') = 'public.audit_log_id_seq';
SELECT nextval('tags_id_seq') = 3;
