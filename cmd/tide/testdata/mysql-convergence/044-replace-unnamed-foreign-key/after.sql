-- The unnamed foreign key (the server named it posts_ibfk_1 and the index
-- it made for it author_id) now references admins: it is dropped and added
-- again under its name. Adding it would make the server replace its
-- generated index author_id by one named posts_ibfk_1, so the step first
-- renames author_id to itself, which makes it an index of the user's that
-- the server keeps.
CREATE TABLE users (id bigint unsigned NOT NULL PRIMARY KEY);
CREATE TABLE admins (id bigint unsigned NOT NULL PRIMARY KEY);
CREATE TABLE posts (
  id bigint unsigned NOT NULL PRIMARY KEY,
  author_id bigint unsigned,
  FOREIGN KEY (author_id) REFERENCES admins (id)
);
