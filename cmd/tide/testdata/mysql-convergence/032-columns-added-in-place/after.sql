CREATE TABLE contacts (uuid char(36) DEFAULT NULL, id int PRIMARY KEY, first_name varchar(40), middle varchar(10), last_name varchar(40), phone varchar(20));
