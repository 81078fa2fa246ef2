CREATE TABLE users (
  id int NOT NULL PRIMARY KEY,
  credential tinyblob NOT NULL
);
