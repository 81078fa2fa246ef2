CREATE TABLE t (id int PRIMARY KEY, v int COMMENT 'it''s \\ new') COMMENT='after';
