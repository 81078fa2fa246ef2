-- How MySQL names keys nobody named: after the first column, then _2, _3…
-- in declaration order, case-insensitively, and the index a foreign key
-- needs only when no other index begins with its columns.
CREATE TABLE parent (
  id int PRIMARY KEY,
  code varchar(10) NOT NULL,
  UNIQUE (code)
);

CREATE TABLE child (
  a int,
  b int UNIQUE,
  c varchar(64),
  d int,
  e int,
  KEY (a),
  KEY (a, b),
  UNIQUE KEY (b),
  INDEX (c(8)),
  KEY `B_3` (d),
  FOREIGN KEY (d) REFERENCES parent (id),
  FOREIGN KEY (e) REFERENCES parent (id) ON DELETE SET NULL,
  CONSTRAINT named_fk FOREIGN KEY (a) REFERENCES parent (id),
  CONSTRAINT code_fk FOREIGN KEY (c) REFERENCES parent (code)
);

CREATE TABLE tree (
  id int NOT NULL,
  parent_id int,
  path varchar(255),
  PRIMARY KEY (id),
  CONSTRAINT tree_parent FOREIGN KEY (parent_id) REFERENCES tree (id) ON DELETE CASCADE,
  KEY path_prefix (path(100)) USING BTREE,
  KEY by_parent (parent_id, id)
);
