-- The foreign key gains a column and is replaced (drop, then add); the
-- index the server made for it gains the column too, which InnoDB allows
-- only once the old foreign key is gone: the rebuild runs between the two.
CREATE TABLE users (
  id int PRIMARY KEY,
  tenant_id int NOT NULL,
  UNIQUE KEY tenant_user (tenant_id, id)
);
CREATE TABLE posts (
  id int PRIMARY KEY,
  tenant_id int NOT NULL,
  author_id int,
  CONSTRAINT posts_author_fk FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
