CREATE TABLE t (id int PRIMARY KEY COMMENT 'old', v int) COMMENT='before';
