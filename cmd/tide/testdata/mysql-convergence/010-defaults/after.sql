CREATE TABLE settings (id int PRIMARY KEY, a int DEFAULT 2, b varchar(10), c datetime DEFAULT CURRENT_TIMESTAMP, d char(36) DEFAULT (concat('k-', uuid())));
