CREATE TABLE m (id int PRIMARY KEY, qty bigint NOT NULL DEFAULT 0 COMMENT 'kept' CHECK (qty >= 0), doc json COMMENT 'still json', doc2 json);
