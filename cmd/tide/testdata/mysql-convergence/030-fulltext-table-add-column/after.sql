CREATE TABLE articles (id int PRIMARY KEY, body text, title varchar(100), FULLTEXT KEY ft (body));
