CREATE TABLE logs (id int PRIMARY KEY, msg varchar(50)) ENGINE=InnoDB DEFAULT CHARSET=latin1;
CREATE TABLE kv (k varchar(10) PRIMARY KEY, v varchar(10)) ENGINE=Aria;
