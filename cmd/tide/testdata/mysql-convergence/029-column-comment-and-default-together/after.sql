CREATE TABLE prefs (id int PRIMARY KEY, theme varchar(10) DEFAULT 'dark' COMMENT 'UI theme', size int NOT NULL DEFAULT 12);
