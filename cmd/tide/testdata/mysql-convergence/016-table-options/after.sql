CREATE TABLE logs (id int PRIMARY KEY, msg varchar(50) CHARACTER SET latin1) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE kv (k varchar(10) PRIMARY KEY, v varchar(10)) ENGINE=InnoDB;
