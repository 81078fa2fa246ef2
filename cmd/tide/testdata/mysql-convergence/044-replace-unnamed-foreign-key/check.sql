SELECT count(*) = 3 FROM posts;
SELECT GROUP_CONCAT(index_name) = 'author_id' FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'posts' AND index_name <> 'PRIMARY';
SELECT referenced_table_name = 'admins' FROM information_schema.referential_constraints WHERE constraint_schema = DATABASE() AND constraint_name = 'posts_ibfk_1';
