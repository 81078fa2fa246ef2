CREATE TABLE tasks (id int PRIMARY KEY, title varchar(50), note varchar(50) NOT NULL);
