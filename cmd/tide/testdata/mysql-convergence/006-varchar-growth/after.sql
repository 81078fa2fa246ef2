CREATE TABLE notes (id int PRIMARY KEY, short varchar(60), mid varchar(200) CHARACTER SET latin1, crossing varchar(100)) DEFAULT CHARSET=utf8mb4;
