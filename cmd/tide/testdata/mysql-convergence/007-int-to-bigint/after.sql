CREATE TABLE events (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, counter bigint NOT NULL DEFAULT 0, small int unsigned);
