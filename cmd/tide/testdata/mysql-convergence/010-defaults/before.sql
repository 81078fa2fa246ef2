CREATE TABLE settings (id int PRIMARY KEY, a int DEFAULT 1, b varchar(10) DEFAULT 'x', c datetime, d char(36) DEFAULT (uuid()));
