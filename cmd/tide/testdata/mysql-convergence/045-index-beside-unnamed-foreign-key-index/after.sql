-- A new index leads with the column of the unnamed foreign key, whose index
-- author_id the server generated: the server would drop author_id silently
-- in the ALTER TABLE that adds by_author, though the desired state keeps it.
-- The step pins it first (RENAME INDEX author_id TO author_id).
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (
  id int PRIMARY KEY,
  author_id int,
  KEY author_id (author_id),
  KEY by_author (author_id, id),
  FOREIGN KEY (author_id) REFERENCES users (id)
);
