CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (
  id int PRIMARY KEY,
  author_id int,
  FOREIGN KEY (author_id) REFERENCES users (id)
);
