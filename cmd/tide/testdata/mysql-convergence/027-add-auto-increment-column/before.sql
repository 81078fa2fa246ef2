CREATE TABLE legacy (code varchar(10) NOT NULL, name varchar(20), UNIQUE KEY (code));
