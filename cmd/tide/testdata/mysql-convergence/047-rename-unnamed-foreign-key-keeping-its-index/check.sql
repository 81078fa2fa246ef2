SELECT count(*) = 3 FROM posts;
SELECT GROUP_CONCAT(DISTINCT index_name) = 'author_id' FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'posts' AND index_name <> 'PRIMARY';
SELECT GROUP_CONCAT(constraint_name) = 'fk_author' FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() AND table_name = 'posts';
