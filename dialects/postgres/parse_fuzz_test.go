package postgres

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseSQL feeds arbitrary input to ParseSQL (and Normalize on what it
// returns): any input must give a schema or an error, never a panic.
func FuzzParseSQL(f *testing.F) {
	files, _ := filepath.Glob("testdata/parse/*.sql")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src)
		}
	}
	for _, seed := range []string{
		"", ";", "CREATE TABLE t (a int PRIMARY KEY)",
		"CREATE TABLE t (a int REFERENCES t DEFERRABLE INITIALLY DEFERRED, CHECK (a > 0))",
		"CREATE INDEX ON t ((a + 1) DESC NULLS LAST)",
		"CREATE TABLE t (a int); CREATE INDEX ON t (a) INCLUDE (a) WHERE a > 0",
		"CREATE SEQUENCE s AS int START -5 INCREMENT -1 NO MINVALUE OWNED BY NONE",
		"COMMENT ON COLUMN a.b.c.d IS NULL", "CREATE VIEW v AS VALUES (1)",
		"ALTER TABLE t ADD COLUMN IF NOT EXISTS x int", "CREATE TYPE e AS ENUM ()",
		"CREATE TABLE \"\xff\" (\"\x00\" int)",
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
		_ = Dialect{}.Normalize(s)
	})
}
