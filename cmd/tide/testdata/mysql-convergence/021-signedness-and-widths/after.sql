CREATE TABLE nums (id int(11) PRIMARY KEY, flag tinyint, n int unsigned, u int(10) unsigned);
