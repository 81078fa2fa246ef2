package mysql

import (
	"errors"
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

// supported is the tail of every "unsupported statement" message.
const supported = ": " + supportedStatements

// TestParseSQLErrors asserts the exact "file:line:col: message" for input
// the parser refuses: unsupported statements and clauses, and syntax
// errors, each at the statement or table element in question.
func TestParseSQLErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"set", "SET NAMES utf8mb4;", "x.sql:1:1: unsupported statement SET" + supported},
		{"view after a table", "CREATE TABLE t (a int);\n\n  CREATE VIEW v AS SELECT 1;", "x.sql:3:3: unsupported statement CREATE VIEW" + supported},
		{"drop table", "CREATE TABLE t (a int);\n/* gone */ DROP TABLE t;", "x.sql:2:12: unsupported statement DROP TABLE" + supported},
		{"insert", "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);", "x.sql:2:1: unsupported statement INSERT" + supported},
		{"trigger", "CREATE TABLE t (a int);\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;", "x.sql:2:1: unsupported statement CREATE TRIGGER" + supported},
		{"trigger with definer", "CREATE DEFINER=`root`@`%` TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;", "x.sql:1:1: unsupported statement CREATE TRIGGER" + supported},
		{"delimiter", "CREATE TABLE t (a int);\nDELIMITER //\n", "x.sql:2:1: unsupported statement DELIMITER" + supported},
		{"syntax error", "CREATE TABLE t (\n  a int,\n  b intt c\n);", `x.sql:3:5: SQL syntax error near "intt c"`},
		{"end of input", "CREATE TABLE t (a int", "x.sql:1:22: SQL syntax error at the end of the input"},
		{"type the parser lacks", "CREATE TABLE t (\n  id uuid NOT NULL\n);", `x.sql:2:6: type uuid is not understood by the SQL parser tide uses (TiDB's); declare this table in HCL, where type = "uuid" is accepted`},
		{"inline references", "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (\n  id int,\n  p int REFERENCES p (id)\n);", "x.sql:4:3: table c: column \"p\": MySQL ignores an inline REFERENCES clause; write a table-level FOREIGN KEY (`p`) REFERENCES … instead"},
		{"two primary keys", "CREATE TABLE t (a int PRIMARY KEY, b int, PRIMARY KEY (b));", "x.sql:1:43: table t: a second primary key (b); a table has one primary key"},
		{"temporary", "CREATE TEMPORARY TABLE t (a int);", "x.sql:1:1: CREATE TABLE t: temporary tables are not part of a schema; remove TEMPORARY"},
		{"like", "CREATE TABLE t (a int);\nCREATE TABLE u LIKE t;", "x.sql:2:1: CREATE TABLE u LIKE: copy the other table's definition out instead"},
		{"partitioned", "CREATE TABLE t (a int) PARTITION BY HASH (a) PARTITIONS 2;", "x.sql:1:1: CREATE TABLE t: partitioning is not managed by tide; remove PARTITION BY"},
		{"unmanaged table option", "CREATE TABLE t (a int) MAX_ROWS=100;", "x.sql:1:1: CREATE TABLE t: table option MAX_ROWS = 100 is not managed by tide; remove it (tide manages ENGINE, CHARSET, COLLATE, COMMENT, AUTO_INCREMENT, ROW_FORMAT and KEY_BLOCK_SIZE)"},
		{"index comment", "CREATE TABLE t (\n  a int,\n  KEY (a) COMMENT 'x'\n);", "x.sql:3:3: table t: index: index comments are not managed by tide; remove COMMENT"},
		{"invisible index", "CREATE TABLE t (a int, KEY k (a) INVISIBLE);", "x.sql:1:24: table t: index k: invisible indexes are not managed by tide; remove INVISIBLE"},
		{"key name twice", "CREATE TABLE t (a int, b int, KEY k (a), KEY K (b));", `x.sql:1:42: table t: index name "K" is used twice (names are case-insensitive); rename one`},
		{"generated name taken later", "CREATE TABLE t (a int, b int, KEY (a), KEY a (b));", `x.sql:1:40: table t: index name "a" is used twice (names are case-insensitive); rename one`},
		{"key named primary", "CREATE TABLE t (a int, KEY `Primary` (a));", "x.sql:1:24: table t: index name Primary is reserved for the primary key; rename the index"},
		{"prefix on primary key", "CREATE TABLE t (a varchar(10), PRIMARY KEY (a(5)));", "x.sql:1:32: table t: primary key: a prefix length (a(5)) is not supported here; index the whole column"},
		{"national", "CREATE TABLE t (\n  a int,\n  b NATIONAL VARCHAR(5)\n);", "x.sql:3:5: CREATE TABLE t: NATIONAL makes a utf8mb3 column, which tide cannot read from SQL; write the plain type with CHARACTER SET utf8mb3"},
		{"not enforced", "CREATE TABLE t (a int, CHECK (a > 0) NOT ENFORCED);", "x.sql:1:24: table t: a check: NOT ENFORCED checks are not supported; remove the check or enforce it"},
		{"match full", "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p int, FOREIGN KEY (p) REFERENCES p (id) MATCH FULL);", "x.sql:2:24: table c: foreign key: InnoDB ignores MATCH; remove it"},
		{"binary without a charset", "CREATE TABLE t (a char(4) BINARY);", "x.sql:1:1: table t: column \"a\" is declared BINARY, which means the _bin collation of its character set, and the character set is not known here; write COLLATE <charset>_bin instead"},
		{"table twice", "CREATE TABLE t (a int);\nCREATE TABLE t (b int);", "x.sql:2:1: table t is created twice (first at x.sql:1:1)"},
		{"column twice", "CREATE TABLE t (a int, A int);", `x.sql:1:24: table t: column "A" is defined twice`},
		{"index on a missing table", "CREATE INDEX i ON nope (a);", "x.sql:1:1: CREATE INDEX i ON nope: the table is not created earlier in this file; put the index after its CREATE TABLE"},
		{"alter a missing table", "ALTER TABLE nope ADD COLUMN a int;", "x.sql:1:1: ALTER TABLE nope: the table is not created earlier in this file; put the ALTER after its CREATE TABLE"},
		{"alter drop column", "CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;", "x.sql:2:1: ALTER TABLE t: DROP COLUMN is not supported in SQL files (only ADD COLUMN, ADD INDEX/KEY, ADD CONSTRAINT and table options are); write the table's final definition in its CREATE TABLE"},
		{"after a missing column", "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int AFTER nope;", `x.sql:2:1: table t: ADD COLUMN … AFTER nope: there is no column "nope"`},
		{"convert charset", "CREATE TABLE t (a int);\nALTER TABLE t CONVERT TO CHARACTER SET latin1;", "x.sql:2:1: ALTER TABLE t: CONVERT TO CHARACTER SET rewrites the data; set the table's and columns' character sets in their definitions instead"},
		{"database options", "CREATE DATABASE d CHARACTER SET utf8mb4;", "x.sql:1:1: CREATE DATABASE d: database options (character set, collation, …) are not managed by tide; remove them"},
		{"foreign key without columns", "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p int, FOREIGN KEY (p) REFERENCES p);", "x.sql:2:24: table c: foreign key: name the referenced columns: REFERENCES p (…)"},
		{"key on a missing column", "CREATE TABLE t (a int, KEY (b));", `x.sql:1:24: table t: an index names column "b", which the table does not have`},
		{"foreign key to a missing column", "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p int, CONSTRAINT f FOREIGN KEY (p) REFERENCES p (nope));", `x.sql:2:24: table c: foreign key f references column "nope", which table p does not have`},
		{"number too long for the parser", "CREATE TABLE t (a decimal(65,0) DEFAULT " + strings.Repeat("9", 100) + ");",
			"x.sql:1:41: a number of 100 digits is too long for the SQL parser tide uses (at most 81); shorten it"},
		{"unicode before the error", "-- ünïcødé\nCREATE TABLE t (a int) ENGINE=InnoDB MAX_ROWS=10;", "x.sql:2:1: CREATE TABLE t: table option MAX_ROWS = 10 is not managed by tide; remove it (tide manages ENGINE, CHARSET, COLLATE, COMMENT, AUTO_INCREMENT, ROW_FORMAT and KEY_BLOCK_SIZE)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Dialect{}.ParseSQL("x.sql", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; got %+v", s)
			}
			if s != nil {
				t.Errorf("ParseSQL returned a schema and an error")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			var e *schema.Error
			if !errors.As(err, &e) || e.Pos.Line == 0 {
				t.Errorf("error %T has no position", err)
			}
		})
	}
}
