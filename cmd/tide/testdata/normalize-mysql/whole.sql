-- Tables the fast path creates whole (NeedsShadow): a non-default engine
-- (MyISAM keeps no foreign keys), a NOT NULL timestamp without a default,
-- a long primary key, and a table beyond the row estimate.
CREATE TABLE parent (id int PRIMARY KEY, ts timestamp NOT NULL, note varchar(10) DEFAULT 'x');
CREATE TABLE isam (
  id int PRIMARY KEY,
  parent_id int,
  v varchar(20) DEFAULT 'v' CHECK (v <> ''),
  CONSTRAINT isam_parent FOREIGN KEY (parent_id) REFERENCES parent (id)
) ENGINE=MyISAM;
CREATE TABLE long_pk (k varchar(700) CHARACTER SET latin1 PRIMARY KEY, n int DEFAULT 1);
CREATE TABLE wide (
  id int PRIMARY KEY,
  c1 varchar(250) CHARACTER SET latin1, c2 varchar(250) CHARACTER SET latin1, c3 varchar(250) CHARACTER SET latin1,
  c4 varchar(250) CHARACTER SET latin1, c5 varchar(250) CHARACTER SET latin1, c6 varchar(250) CHARACTER SET latin1,
  c7 varchar(250) CHARACTER SET latin1, c8 varchar(250) CHARACTER SET latin1, c9 varchar(250) CHARACTER SET latin1,
  c10 varchar(250) CHARACTER SET latin1, c11 varchar(250) CHARACTER SET latin1, c12 varchar(250) CHARACTER SET latin1,
  c13 varchar(250) CHARACTER SET latin1, c14 varchar(250) CHARACTER SET latin1, c15 varchar(250) CHARACTER SET latin1,
  c16 varchar(250) CHARACTER SET latin1, c17 varchar(250) CHARACTER SET latin1, c18 varchar(250) CHARACTER SET latin1,
  c19 varchar(250) CHARACTER SET latin1, c20 varchar(250) CHARACTER SET latin1, c21 varchar(250) CHARACTER SET latin1,
  c22 varchar(250) CHARACTER SET latin1, c23 varchar(250) CHARACTER SET latin1, c24 varchar(250) CHARACTER SET latin1,
  c25 varchar(250) CHARACTER SET latin1, c26 varchar(250) CHARACTER SET latin1, c27 varchar(250) CHARACTER SET latin1,
  c28 varchar(250) CHARACTER SET latin1, c29 varchar(250) CHARACTER SET latin1, c30 varchar(250) CHARACTER SET latin1
);
