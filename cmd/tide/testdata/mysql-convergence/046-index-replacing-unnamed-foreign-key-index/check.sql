SELECT count(*) = 3 FROM posts;
SELECT GROUP_CONCAT(DISTINCT index_name) = 'by_author' FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'posts' AND index_name <> 'PRIMARY';
