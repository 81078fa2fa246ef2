CREATE TABLE codes (id int PRIMARY KEY, code varchar(10), UNIQUE KEY code_key (code));
