CREATE TABLE users (
  id int PRIMARY KEY,
  tenant_id int NOT NULL,
  UNIQUE KEY tenant_user (tenant_id, id)
);
CREATE TABLE posts (
  id int PRIMARY KEY,
  tenant_id int NOT NULL,
  author_id int,
  CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id)
);
