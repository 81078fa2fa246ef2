CREATE TABLE texts (id int PRIMARY KEY, a varchar(10) COLLATE utf8mb4_bin, b varchar(10), c varchar(10));
