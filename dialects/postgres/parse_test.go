package postgres

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

func init() {
	// The -update flag is shared by every golden test of the package;
	// whichever test file initialises first declares it.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

// parseGoldenUpdate reports whether the package's -update flag (declared once
// per test binary, in render_test.go) asks for golden files to be rewritten.
func parseGoldenUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// compareGolden compares got with the golden file, or rewrites it under -update.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if parseGoldenUpdate() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the golden file (rerun with -update if the change is intended)\n--- got\n%s", path, got)
	}
}

// schemaJSON is a schema's indented JSON, with SQL operators unescaped.
func schemaJSON(t *testing.T, s *schema.Schema) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestParseSQLGolden parses every testdata/parse/*.sql file and compares the
// schema's JSON with the .json beside it. Each file is also run on a live
// server, so the corpus is valid PostgreSQL.
func TestParseSQLGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/parse/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no parse corpus under testdata/parse (%v)", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Dialect{}.ParseSQL(file, src)
			if err != nil {
				t.Fatalf("ParseSQL: %v", err)
			}
			compareGolden(t, strings.TrimSuffix(file, ".sql")+".json", schemaJSON(t, s))

			conn, ctx := parserTestDB(t)
			if _, err := conn.Exec(ctx, string(src)); err != nil {
				t.Fatalf("the corpus file is not valid PostgreSQL: %v", err)
			}
		})
	}
}

func TestParseSQLPositions(t *testing.T) {
	src := "-- header\nCREATE TABLE t (\n  id int PRIMARY KEY,\n  \"é\" text CHECK (length(\"é\") > 0)\n);\n\n   CREATE INDEX t_idx ON t (id);\n"
	s, err := Dialect{}.ParseSQL("p.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tbl := s.Tables[0]
	checks := []struct {
		what string
		got  schema.Pos
		line int
		col  int
	}{
		{"table", tbl.Pos, 2, 1},
		{"column id", tbl.Columns[0].Pos, 3, 3},
		{"column é", tbl.Columns[1].Pos, 4, 3},
		{"check", tbl.Checks[0].Pos, 4, 12},
		{"index", tbl.Indexes[0].Pos, 7, 4},
	}
	for _, c := range checks {
		if c.got.File != "p.sql" || c.got.Line != c.line || c.got.Column != c.col {
			t.Errorf("%s at %s, want p.sql:%d:%d", c.what, c.got, c.line, c.col)
		}
	}
}

func TestParseSQLErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"syntax", "CREATE TABLE t (\n  a int,\n  b varchar( \n);", "e.sql:4:1: SQL syntax error: syntax error at or near \")\""},
		{"syntax after multibyte", "CREATE TABLE \"ü\" (a int,, b int);", "e.sql:1:25: SQL syntax error"},
		{"set", "CREATE TABLE t (a int);\n  SET search_path = x;", "e.sql:2:3: unsupported statement SET (VariableSetStmt)"},
		{"extension", "/* x */ CREATE EXTENSION citext;", "e.sql:1:9: unsupported statement CREATE EXTENSION (CreateExtensionStmt)"},
		{"insert", "\n\nINSERT INTO t VALUES (1);", "e.sql:3:1: unsupported statement INSERT (InsertStmt)"},
		{"function", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';", "e.sql:1:1: unsupported statement CREATE FUNCTION"},
		{"bad type", "CREATE TABLE t (\n  a varchar(0)\n);", "e.sql:2:5: column public.t.a: invalid type \"varchar(0)\": length for type character varying must be at least 1"},
		{"duplicate table", "CREATE TABLE t (a int);\nCREATE TABLE t (b int);", "e.sql:2:1: table public.t is defined twice (first at e.sql:1:1)"},
		{"duplicate column", "CREATE TABLE t (a int,\n a text);", "e.sql:2:2: column public.t.a is defined twice"},
		{"index on unknown table", "CREATE INDEX ON nope (a);", "e.sql:1:1: CREATE INDEX on public.nope: the table is not created earlier in this file"},
		{"index unknown column", "CREATE TABLE t (a int);\nCREATE INDEX ON t (b);", "e.sql:2:1: index on public.t: key names column \"b\""},
		{"exclusion", "CREATE TABLE t (a int,\n  EXCLUDE USING gist (a WITH =));", "e.sql:2:3: table public.t: EXCLUDE constraints are not supported"},
		{"temp table", "CREATE TEMP TABLE t (a int);", "e.sql:1:1: table public.t: temporary tables"},
		{"partitioned", "CREATE TABLE t (a int) PARTITION BY RANGE (a);", "e.sql:1:1: table public.t: partitioned tables"},
		{"inherits", "CREATE TABLE p (a int); CREATE TABLE t () INHERITS (p);", "e.sql:1:25: table public.t: INHERITS"},
		{"not valid", "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;", "e.sql:2:19: table public.t: NOT VALID"},
		{"match full", "CREATE TABLE p (a int PRIMARY KEY);\nCREATE TABLE t (a int REFERENCES p MATCH FULL);", "e.sql:2:23: table public.t: MATCH FULL"},
		{"alter drop", "CREATE TABLE t (a int);\nALTER TABLE t DROP COLUMN a;", "e.sql:2:1: unsupported ALTER TABLE public.t subcommand AT_DropColumn"},
		{"alter unknown", "ALTER TABLE t ADD COLUMN a int;", "e.sql:1:1: ALTER TABLE public.t: the table is not created earlier in this file"},
		{"comment unknown", "COMMENT ON TABLE t IS 'x';", "e.sql:1:1: COMMENT ON TABLE public.t: the table is not created earlier"},
		{"comment index", "COMMENT ON INDEX i IS 'x';", "e.sql:1:1: unsupported COMMENT ON INDEX"},
		{"comment column", "CREATE TABLE t (a int);\nCOMMENT ON COLUMN t.b IS 'x';", "e.sql:2:1: COMMENT ON COLUMN public.t.b: table public.t has no column \"b\""},
		{"identity options", "CREATE TABLE t (a int GENERATED ALWAYS AS IDENTITY (START 5));", "e.sql:1:23: column public.t.a: identity sequence options"},
		{"default and identity", "CREATE TABLE t (a int DEFAULT 1 GENERATED ALWAYS AS IDENTITY);", "e.sql:1:33: column public.t.a: a column has at most one of DEFAULT, IDENTITY and GENERATED"},
		{"null conflict", "CREATE TABLE t (a int NULL NOT NULL);", "e.sql:1:28: column public.t.a: conflicting NULL/NOT NULL"},
		{"two primary keys", "CREATE TABLE t (a int PRIMARY KEY, b int PRIMARY KEY);", "e.sql:1:42: table public.t: multiple primary keys"},
		{"pk unknown column", "CREATE TABLE t (a int, PRIMARY KEY (b));", "e.sql:1:24: table public.t: PRIMARY KEY names column \"b\""},
		{"fk column count", "CREATE TABLE p (a int, b int, UNIQUE (a, b));\nCREATE TABLE t (a int, FOREIGN KEY (a) REFERENCES p (a, b));", "e.sql:2:24: table public.t: the foreign key has 1 columns but references 2"},
		{"duplicate constraint name", "CREATE TABLE t (a int CONSTRAINT c CHECK (a > 0), b int CONSTRAINT c CHECK (b > 0));", "e.sql:1:57: table public.t: constraint \"c\" is defined twice"},
		{"name clash index", "CREATE TABLE t (a int);\nCREATE INDEX t ON t (a);", "e.sql:2:1: index public.t: a table, view, sequence or index with that name already exists"},
		{"view aliases", "CREATE VIEW v (x) AS SELECT 1;", "e.sql:1:1: view public.v: a column name list is not supported"},
		{"materialized view", "CREATE MATERIALIZED VIEW v AS SELECT 1;", "e.sql:1:1: unsupported statement CREATE TABLE AS / CREATE MATERIALIZED VIEW"},
		{"sequence restart", "CREATE SEQUENCE s;\nALTER SEQUENCE s RESTART 5;", "e.sql:2:18: sequence public.s option RESTART: RESTART changes data"},
		{"sequence type", "CREATE SEQUENCE s AS numeric;", "e.sql:1:19: sequence public.s option AS: sequence type must be smallint, integer or bigint"},
		{"owned by unknown column", "CREATE TABLE t (a int);\nCREATE SEQUENCE s OWNED BY t.b;", "e.sql:2:19: sequence public.s option OWNED_BY: table public.t has no column \"b\""},
		{"enum duplicate value", "CREATE TYPE e AS ENUM ('a', 'a');", "e.sql:1:1: enum public.e lists the value \"a\" twice"},
		{"schema authorization", "CREATE SCHEMA s AUTHORIZATION bob;", "e.sql:1:1: CREATE SCHEMA s AUTHORIZATION"},
		{"misplaced deferrable", "CREATE TABLE t (a int CHECK (a > 0) DEFERRABLE);", "e.sql:1:37: column public.t.a: misplaced DEFERRABLE clause"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Dialect{}.ParseSQL("e.sql", []byte(tc.src))
			if err == nil {
				b, _ := json.Marshal(s)
				t.Fatalf("ParseSQL succeeded with %s; want error %q", b, tc.want)
			}
			var se *schema.Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v is a %T, want *schema.Error", err, err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error\n  %q\nwant prefix\n  %q", err, tc.want)
			}
		})
	}
}

func TestParseSQLEmpty(t *testing.T) {
	for _, src := range []string{"", "  \n-- only a comment\n", "/* c */;;"} {
		s, err := Dialect{}.ParseSQL("empty.sql", []byte(src))
		if err != nil {
			t.Fatalf("ParseSQL(%q): %v", src, err)
		}
		if len(s.Tables)+len(s.Enums)+len(s.Views)+len(s.Sequences)+len(s.Namespaces) != 0 || s.Dialect != "postgres" {
			t.Fatalf("ParseSQL(%q) = %+v, want an empty postgres schema", src, s)
		}
	}
}
