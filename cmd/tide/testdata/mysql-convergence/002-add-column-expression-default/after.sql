CREATE TABLE docs (id int PRIMARY KEY, title varchar(50), token char(36) NOT NULL DEFAULT (uuid()), total int AS (id * 10) STORED);
