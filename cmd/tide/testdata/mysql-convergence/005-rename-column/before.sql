CREATE TABLE people (id int PRIMARY KEY, fullname varchar(80) NOT NULL DEFAULT '', KEY by_name (fullname));
