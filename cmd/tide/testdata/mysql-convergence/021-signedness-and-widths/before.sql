CREATE TABLE nums (id int PRIMARY KEY, flag tinyint(1), n int, u int unsigned);
