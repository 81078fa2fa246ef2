-- The unnamed foreign key (the server named it posts_ibfk_1 and the index
-- it made for it author_id) gets a name, and the desired state declares
-- author_id. MySQL cannot rename a foreign key: it is dropped and added
-- again as fk_author, which would make the server replace its generated
-- index author_id by one named fk_author. The ALTER TABLE that adds it
-- also renames author_id to itself, which makes it an index of the user's
-- that the server keeps.
CREATE TABLE users (id bigint unsigned NOT NULL PRIMARY KEY);
CREATE TABLE posts (
  id bigint unsigned NOT NULL PRIMARY KEY,
  author_id bigint unsigned,
  KEY author_id (author_id),
  CONSTRAINT fk_author FOREIGN KEY (author_id) REFERENCES users (id)
);
