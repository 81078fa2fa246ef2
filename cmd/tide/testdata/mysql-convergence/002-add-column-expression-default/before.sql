CREATE TABLE docs (id int PRIMARY KEY, title varchar(50));
