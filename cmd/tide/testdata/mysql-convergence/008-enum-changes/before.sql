CREATE TABLE orders (id int PRIMARY KEY, status enum('new','paid') NOT NULL DEFAULT 'new', flags set('a','b'), kind enum('x','y','z'));
