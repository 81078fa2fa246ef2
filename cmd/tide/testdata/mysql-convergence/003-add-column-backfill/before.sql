CREATE TABLE accounts (id int PRIMARY KEY, email varchar(100), confirmed_token varchar(40));
