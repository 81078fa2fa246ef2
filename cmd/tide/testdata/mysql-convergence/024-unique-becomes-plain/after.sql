CREATE TABLE codes (id int PRIMARY KEY, code varchar(10), KEY code_key (code));
