CREATE TABLE profiles (id int PRIMARY KEY, email varchar(100), country char(2));
