CREATE TABLE texts (id int PRIMARY KEY, a varchar(10), b varchar(10) COLLATE utf8mb4_bin, c varchar(10) CHARACTER SET latin1);
