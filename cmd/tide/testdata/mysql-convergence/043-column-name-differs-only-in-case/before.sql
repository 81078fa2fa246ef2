CREATE TABLE users (
  id int PRIMARY KEY,
  Name varchar(100),
  KEY By_Name (Name),
  CONSTRAINT Name_Set CHECK (Name <> '')
);
