CREATE TABLE prefs (id int PRIMARY KEY, theme varchar(10) DEFAULT 'light', size int);
