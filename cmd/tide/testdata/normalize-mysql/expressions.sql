-- Expressions the server spells its own way: checks, generated columns,
-- expression defaults and ON UPDATE, in tables of different character sets.
CREATE TABLE exprs (
  id int NOT NULL PRIMARY KEY,
  a int NOT NULL DEFAULT 0,
  b int DEFAULT (abs(a)),
  name varchar(40) NOT NULL DEFAULT '',
  j json,
  price decimal(10,2) DEFAULT '1.5',
  born date DEFAULT '2020-1-2',
  at datetime(3) DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),
  full_name varchar(100) AS (concat(name, ' ', cast(a AS char))) VIRTUAL,
  sign_a varchar(3) AS (if(a > 0, 'pos', case when a = 0 then 'nul' else 'neg' end)) STORED,
  half int AS (a div 2) VIRTUAL,
  jx varchar(20) AS (json_unquote(json_extract(j, '$.x'))) VIRTUAL,
  tomorrow date DEFAULT (curdate()),
  token char(36) DEFAULT (uuid()),
  CONSTRAINT a_range CHECK (a BETWEEN -10 AND 10 AND a <> 7),
  CONSTRAINT a_in CHECK (a IN (1, 2, 3) OR a IS NULL OR NOT (a = 5)),
  CONSTRAINT name_like CHECK (name LIKE 'x%' OR name REGEXP '^[a-z]+$' OR char_length(name) > 0),
  CONSTRAINT bits CHECK ((a & 1) = 0 OR -a < ~a OR a MOD 3 = 1 OR a % 4 = 2),
  CONSTRAINT trueish CHECK (true),
  CHECK (price >= 0.5 AND price * 2 < 1e6)
);

CREATE TABLE latin (
  id int PRIMARY KEY,
  s varchar(20) DEFAULT 'é',
  t varchar(20) CHARACTER SET utf8mb4 DEFAULT 'ü' CHECK (t <> 'x'),
  g varchar(40) AS (upper(s)) STORED
) DEFAULT CHARSET=latin1;

CREATE TABLE bin_table (
  id int PRIMARY KEY,
  s varchar(20) DEFAULT 'Ab' CHECK (s <> 'ab'),
  k int DEFAULT (length(s))
) CHARSET utf8mb4 COLLATE utf8mb4_bin ENGINE=MyISAM;
