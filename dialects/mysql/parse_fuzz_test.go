package mysql

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseSQL feeds arbitrary input to ParseSQL. Any input must give a
// schema or an error, never a panic; and a schema it gives must already be
// normalised (Normalize leaves it as it is) and must survive rendering:
// CreateSQL accepts it and parsing the rendered SQL gives it back.
func FuzzParseSQL(f *testing.F) {
	files, _ := filepath.Glob("testdata/parse/*.sql")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src)
		}
	}
	for _, seed := range []string{
		"", ";", "CREATE TABLE t (a int PRIMARY KEY)",
		"CREATE TABLE t (a int, b int, KEY ((a + b)), UNIQUE (b DESC), FULLTEXT (a))",
		"CREATE TABLE t (a varchar(10) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT 'x' COMMENT 'c')",
		"CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p int, FOREIGN KEY (p) REFERENCES p (id) ON DELETE CASCADE)",
		"CREATE TABLE t (a int) ENGINE=MyISAM AUTO_INCREMENT=5 COMMENT='x'; ALTER TABLE t ADD COLUMN b int FIRST",
		"CREATE TABLE t (a int); CREATE UNIQUE INDEX i ON t (a); ALTER TABLE t ADD CHECK (a > 0)",
		"CREATE DATABASE d; USE d; CREATE TABLE t (`we``ird` enum('a''b','c\\\\d') DEFAULT 'a''b')",
		"CREATE TABLE t (a datetime(6) DEFAULT now(6) ON UPDATE now(6), b int AS (a + 1) STORED, c text DEFAULT ('x'))",
		"CREATE TABLE \"\xff\" (\"\x00\" int)", "/*!40101 CREATE TABLE t (a int) */;",
		"CREATE TABLE t (d date DEFAULT DATE '2024-01-01', t time DEFAULT TIME '12:00:00', u timestamp NULL DEFAULT TIMESTAMP '2024-01-01 00:00:00')",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Dialect{}.ParseSQL("fuzz.sql", src)
		if err != nil {
			if s != nil {
				t.Fatalf("ParseSQL returned both a schema and an error: %v", err)
			}
			return
		}
		if s == nil {
			t.Fatal("ParseSQL returned neither a schema nor an error")
		}
		n := s.Clone()
		if err := (Dialect{}).Normalize(n); err != nil {
			t.Fatalf("Normalize(parsed): %v", err)
		}
		if !reflect.DeepEqual(withoutPos(n), withoutPos(s)) {
			t.Fatalf("Normalize changed a parsed schema")
		}
		stmts, err := Dialect{}.CreateSQL(s)
		if err != nil {
			t.Fatalf("CreateSQL(parsed): %v", err)
		}
		sql := strings.Join(stmts, ";\n")
		back, err := Dialect{}.ParseSQL("rendered.sql", []byte(sql))
		if err != nil {
			t.Fatalf("the rendered SQL does not parse: %v\n%s", err, sql)
		}
		if !reflect.DeepEqual(withoutPos(back), withoutPos(s)) {
			t.Fatalf("parse(render(x)) != x for\n%s", sql)
		}
	})
}
