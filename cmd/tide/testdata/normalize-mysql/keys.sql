-- Keys: prefixes (a whole-column prefix is no prefix), fulltext, long
-- unique keys (MariaDB's hash), descending parts, serial's unique key.
CREATE TABLE keyed (
  id serial,
  name varchar(30),
  body text,
  code char(8),
  blobby blob,
  PRIMARY KEY (id),
  KEY name_prefix (name(10)),
  KEY code_whole (code(8)),
  KEY body_prefix (body(100)),
  FULLTEXT KEY body_ft (body),
  UNIQUE KEY blob_unique (blobby),
  KEY desc_parts (name DESC, code)
);
CREATE TABLE child (
  id bigint unsigned PRIMARY KEY,
  keyed_id bigint unsigned,
  name varchar(30),
  CONSTRAINT child_keyed FOREIGN KEY (keyed_id) REFERENCES keyed (id) ON UPDATE CASCADE
);
-- A non-unique key beyond 3,072 bytes is shortened to a prefix; a unique
-- one becomes a HASH key; both in a latin1 table where they fit.
CREATE TABLE long_keys (
  id int PRIMARY KEY,
  a varchar(1000),
  b varchar(1000),
  c varchar(1000) CHARACTER SET latin1,
  KEY a_long (a),
  UNIQUE KEY ab_long (a, b),
  KEY c_fits (c),
  UNIQUE KEY c_unique (c)
);
CREATE TABLE long_keys_latin (
  id int PRIMARY KEY,
  a varchar(1000),
  KEY a_fits (a),
  UNIQUE KEY a_unique (a)
) CHARSET latin1;
