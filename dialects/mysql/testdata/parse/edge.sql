/* Corner cases of defaults, character sets, comments and foreign-key
   indexes, each checked against the live server by TestRenderLive. */
CREATE TABLE ref (
  id int NOT NULL,
  k2 int NOT NULL,
  PRIMARY KEY (id, k2),
  KEY (k2)
) DEFAULT CHARSET=latin1 COMMENT='tab\there, ünïcødé ✓, back\\slash, ''quote'' and "dq"';

CREATE TABLE defaults (
  id int NOT NULL,
  u char(36) NOT NULL DEFAULT (uuid()),
  neg int DEFAULT -5,
  dec_default decimal(6,2) DEFAULT 1.50,
  flags bit(3) DEFAULT b'101',
  raw varbinary(4) DEFAULT x'0A0B',
  empty varchar(10) NOT NULL DEFAULT '',
  day date DEFAULT '2020-01-31',
  moment datetime DEFAULT '2020-01-31 12:34:56',
  typed_day date DEFAULT DATE '2024-01-01',
  typed_time time DEFAULT time '12:00:00',
  typed_moment timestamp NULL DEFAULT /* typed */ TIMESTAMP '2024-01-01 12:00:00',
  st enum('on','off') NOT NULL DEFAULT 'off',
  touched datetime ON UPDATE now(),
  expr_default int DEFAULT (abs(-3)),
  fixed_text text DEFAULT ('none'),
  c_bin char(4) BINARY,
  c_latin varchar(10) CHARACTER SET latin1,
  c_utf8 varchar(10) CHARSET utf8 COLLATE utf8_bin,
  PRIMARY KEY (id)
) ENGINE=InnoDB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The foreign key's generated index gives way to a key that begins with
-- its columns, wherever that key is declared.
CREATE TABLE fk_before_key (
  a int,
  b int,
  c int,
  FOREIGN KEY (a) REFERENCES ref (id),
  KEY (a),
  FOREIGN KEY (b, c) REFERENCES ref (id, k2),
  KEY (b, c, a),
  FOREIGN KEY (c) REFERENCES ref (k2),
  FOREIGN KEY (c) REFERENCES ref (k2)
);

CREATE TABLE fk_covered_by_pk (
  a int NOT NULL,
  b int NOT NULL,
  CONSTRAINT cover_fk FOREIGN KEY (a) REFERENCES ref (id),
  PRIMARY KEY (a, b)
);

-- Column names are case-insensitive; keys record the column's spelling.
CREATE TABLE mixed_case (KEY (Name), ID serial, name varchar(10), PRIMARY KEY (id));
