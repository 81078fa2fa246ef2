-- Storage options: ROW_FORMAT and KEY_BLOCK_SIZE, kept as given.
CREATE TABLE archived (
  id bigint NOT NULL AUTO_INCREMENT,
  body text,
  PRIMARY KEY (id)
) ENGINE=InnoDB ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;

CREATE TABLE legacy (
  id int NOT NULL,
  name varchar(100) NOT NULL,
  PRIMARY KEY (id),
  KEY by_name (name)
) ROW_FORMAT=compact;

-- An explicit DYNAMIC is kept even where it is the server's default.
CREATE TABLE explicit_dynamic (
  id int PRIMARY KEY
) ROW_FORMAT=DYNAMIC COMMENT 'dynamic on purpose';

-- KEY_BLOCK_SIZE alone makes an InnoDB table compressed.
CREATE TABLE small_pages (
  id int PRIMARY KEY
) KEY_BLOCK_SIZE=4;

CREATE TABLE plain (
  id int PRIMARY KEY
) ROW_FORMAT=DEFAULT KEY_BLOCK_SIZE=0;

CREATE TABLE redundant_later (
  id int PRIMARY KEY
);
ALTER TABLE redundant_later ROW_FORMAT=REDUNDANT;

CREATE TABLE fixed_rows (
  id int NOT NULL,
  code char(8) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=MyISAM ROW_FORMAT=FIXED;
