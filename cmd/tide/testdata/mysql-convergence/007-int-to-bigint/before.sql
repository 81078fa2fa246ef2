CREATE TABLE events (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, counter int NOT NULL DEFAULT 0, small smallint unsigned);
