CREATE TABLE contacts (id int PRIMARY KEY, last_name varchar(40), phone varchar(20));
