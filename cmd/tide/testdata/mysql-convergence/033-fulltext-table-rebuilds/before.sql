CREATE TABLE posts (id int NOT NULL, title varchar(100), legacy int, body text, FULLTEXT KEY ft (title, body));
