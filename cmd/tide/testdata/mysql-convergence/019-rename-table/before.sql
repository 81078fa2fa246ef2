CREATE TABLE clients (id int PRIMARY KEY, name varchar(20));
