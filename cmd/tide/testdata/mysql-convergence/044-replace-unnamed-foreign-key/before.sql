CREATE TABLE users (id bigint unsigned NOT NULL PRIMARY KEY);
CREATE TABLE admins (id bigint unsigned NOT NULL PRIMARY KEY);
CREATE TABLE posts (
  id bigint unsigned NOT NULL PRIMARY KEY,
  author_id bigint unsigned,
  FOREIGN KEY (author_id) REFERENCES users (id)
);
