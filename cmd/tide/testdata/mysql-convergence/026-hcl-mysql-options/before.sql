CREATE TABLE events (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, kind varchar(20) NOT NULL);
