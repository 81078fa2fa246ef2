CREATE TABLE legacy (code varchar(10) NOT NULL, name varchar(20), id int NOT NULL AUTO_INCREMENT, UNIQUE KEY (code), PRIMARY KEY (id));
