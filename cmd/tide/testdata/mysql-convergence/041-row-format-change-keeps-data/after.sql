-- Storage options change with data in the tables: COMPACT to DYNAMIC and
-- a compressed table back to the default (each an InnoDB rebuild in place,
-- LOCK=NONE), an explicit DYNAMIC dropped (a rebuild that keeps the format
-- in use), and a MyISAM FIXED table moved to InnoDB, its ROW_FORMAT reset
-- in the same statement (InnoDB refuses FIXED).
CREATE TABLE events (
  id int NOT NULL PRIMARY KEY,
  body varchar(150) NOT NULL,
  KEY by_body (body)
) ROW_FORMAT=DYNAMIC;

CREATE TABLE archive (
  id int NOT NULL PRIMARY KEY,
  payload text
);

CREATE TABLE notes (
  id int NOT NULL PRIMARY KEY,
  note varchar(50)
);

CREATE TABLE codes (
  id int NOT NULL PRIMARY KEY,
  code char(4) NOT NULL
) ENGINE=InnoDB;

-- A FULLTEXT index makes the rebuild LOCK=SHARED (the server refuses
-- LOCK=NONE).
CREATE TABLE docs (
  id int NOT NULL PRIMARY KEY,
  body text NOT NULL,
  FULLTEXT KEY ft (body)
) ROW_FORMAT=COMPACT;
