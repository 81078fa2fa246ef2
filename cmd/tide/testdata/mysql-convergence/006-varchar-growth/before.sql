CREATE TABLE notes (id int PRIMARY KEY, short varchar(20), mid varchar(100) CHARACTER SET latin1, crossing varchar(50)) DEFAULT CHARSET=utf8mb4;
