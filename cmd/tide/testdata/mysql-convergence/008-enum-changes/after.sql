CREATE TABLE orders (id int PRIMARY KEY, status enum('new','paid','shipped') NOT NULL DEFAULT 'new', flags set('a','b','c'), kind enum('z','y','x'));
