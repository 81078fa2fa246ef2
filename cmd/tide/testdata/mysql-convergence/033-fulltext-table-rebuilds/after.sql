CREATE TABLE posts (id int NOT NULL PRIMARY KEY, title varchar(100) NOT NULL, body text, FULLTEXT KEY ft (title, body));
