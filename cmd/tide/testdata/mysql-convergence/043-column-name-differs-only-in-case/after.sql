-- MySQL and MariaDB compare column, index and constraint names without
-- regard to case: `name` is the column Name, not a new one. Only email is
-- added; the column, its index and its check keep the spelling the server
-- has (no drop and add, which would lose the names).
CREATE TABLE users (
  id int PRIMARY KEY,
  name varchar(100),
  email varchar(200),
  KEY by_name (name),
  CONSTRAINT name_set CHECK (name <> '')
);
