SELECT count(*) = 3 FROM posts;
SELECT GROUP_CONCAT(column_name ORDER BY seq_in_index) = 'tenant_id,author_id' FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'posts' AND index_name = 'posts_author_fk';
