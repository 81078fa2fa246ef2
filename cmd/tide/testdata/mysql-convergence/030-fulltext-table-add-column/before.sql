CREATE TABLE articles (id int PRIMARY KEY, body text, FULLTEXT KEY ft (body));
