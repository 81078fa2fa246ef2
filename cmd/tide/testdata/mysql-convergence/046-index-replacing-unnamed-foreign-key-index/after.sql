-- A new index leads with the column of the unnamed foreign key and takes
-- over from the index author_id the server generated for it, which the
-- desired state no longer has. The server would drop author_id silently
-- when by_author is added, and the contract's DROP INDEX would then fail:
-- the expand step pins author_id, and the contract drops it.
CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (
  id int PRIMARY KEY,
  author_id int,
  KEY by_author (author_id, id),
  FOREIGN KEY (author_id) REFERENCES users (id)
);
