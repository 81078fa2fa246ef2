package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sqlTableRe is the one statement shape the test SQL parser understands.
var sqlTableRe = regexp.MustCompile(`^CREATE TABLE (\w+) \((\w+) (\w+) PRIMARY KEY\);$`)

// testParseSQL stands in for a dialect's parser (package schema cannot
// import the dialects): it reads `CREATE TABLE t (c type PRIMARY KEY);`
// lines and reports anything else as an error at its line.
func testParseSQL(dialect, file string, src []byte) (*Schema, error) {
	if dialect != "postgres" {
		return nil, fmt.Errorf("test parser: unexpected dialect %q", dialect)
	}
	s := &Schema{Dialect: dialect}
	for i, line := range strings.Split(strings.TrimSpace(string(src)), "\n") {
		m := sqlTableRe.FindStringSubmatch(line)
		if m == nil {
			return nil, &Error{Pos: Pos{File: file, Line: i + 1, Column: 1}, Msg: "syntax error"}
		}
		pos := Pos{File: file, Line: i + 1, Column: 1}
		s.Tables = append(s.Tables, &Table{
			Name:       m[1],
			Columns:    []*Column{{Name: m[2], Type: m[3], Pos: pos}},
			PrimaryKey: &PrimaryKey{Columns: []string{m[2]}, Pos: pos},
			Pos:        pos,
		})
	}
	return s, nil
}

func pgOptions() LoadOptions {
	return LoadOptions{
		ParseSQL: testParseSQL,
		DefaultSchema: func(d string) string {
			if d == "mysql" {
				return "shop"
			}
			return "public"
		},
	}
}

// TestLoadGolden decodes each testdata/decode entry (a file or a
// directory) and compares the model, as JSON, with its golden file.
func TestLoadGolden(t *testing.T) {
	tests := []struct {
		path string
		vars map[string]string
	}{
		{path: "rich_postgres.hcl", vars: map[string]string{"app": "tide"}},
		{path: "mysql.hcl"},
		{path: "multi", vars: map[string]string{"initial_status": "new"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			opts := pgOptions()
			opts.Vars = tt.vars
			s, err := Load([]string{filepath.Join("testdata", "decode", tt.path)}, opts)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			got, err := json.MarshalIndent(s, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "decode", strings.TrimSuffix(tt.path, ".hcl")+".golden.json")
			compareGolden(t, golden, append(got, '\n'))
		})
	}
}

// compareGolden compares got with the golden file, or rewrites it with -update.
func compareGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./schema/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (rerun with -update if the change is intended)\n--- got\n%s", golden, got)
	}
}

// TestLoadPositions checks that every kind of object carries the position
// of its block.
func TestLoadPositions(t *testing.T) {
	s, err := Load([]string{"testdata/decode/rich_postgres.hcl"}, pgOptions())
	if err != nil {
		t.Fatal(err)
	}
	users := s.Table(QName{Schema: "public", Name: "users"})
	if users == nil {
		t.Fatal("table public.users missing")
	}
	const f = "testdata/decode/rich_postgres.hcl"
	tests := []struct {
		name string
		got  Pos
		want Pos
	}{
		{"schema billing", s.Namespace("billing").Pos, Pos{f, 25, 1}},
		{"enum order_status", s.Enum(QName{"public", "order_status"}).Pos, Pos{f, 29, 1}},
		{"sequence", s.Sequence(QName{"billing", "invoice_no"}).Pos, Pos{f, 38, 1}},
		{"table users", users.Pos, Pos{f, 66, 1}},
		{"column email", users.Column("email").Pos, Pos{f, 75, 3}},
		{"primary key", users.PrimaryKey.Pos, Pos{f, 106, 3}},
		{"index", users.Index("users_created_idx").Pos, Pos{f, 125, 3}},
		{"unique", users.Uniques[0].Pos, Pos{f, 137, 3}},
		{"foreign key", users.ForeignKeys[0].Pos, Pos{f, 143, 3}},
		{"check", users.Checks[1].Pos, Pos{f, 152, 3}},
		{"view", s.View(QName{"public", "active_users"}).Pos, Pos{f, 184, 1}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: Pos = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	orgs := s.Table(QName{Schema: "public", Name: "orgs"})
	if orgs == nil || orgs.Pos.Line == 0 {
		t.Fatalf("orgs has no position: %+v", orgs)
	}
}

// TestLoadSQLPositions checks that objects from .sql files keep their file.
func TestLoadSQLPositions(t *testing.T) {
	opts := pgOptions()
	opts.Vars = map[string]string{"initial_status": "new"}
	s, err := Load([]string{"testdata/decode/multi"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	orgs := s.Table(QName{Schema: "public", Name: "orgs"})
	want := Pos{File: filepath.Join("testdata/decode/multi", "c_orgs.sql"), Line: 1, Column: 1}
	if orgs == nil || orgs.Pos != want {
		t.Fatalf("orgs = %+v, want Pos %v", orgs, want)
	}
}

// TestLoadDialectFromOptions uses LoadOptions.Dialect when no file says.
func TestLoadDialectFromOptions(t *testing.T) {
	src := map[string][]byte{"x.hcl": []byte(`table "t" {
  column "a" { type = "int" }
}`)}
	for _, d := range []string{"postgres", "mysql"} {
		s, err := LoadHCL(src, LoadOptions{Dialect: d})
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if s.Dialect != d || s.Tables[0].Schema != "public" {
			t.Errorf("%s: got dialect %q schema %q", d, s.Dialect, s.Tables[0].Schema)
		}
	}
	s, err := LoadHCL(src, LoadOptions{Dialect: "mssql", DefaultSchema: func(string) string { return "dbo" }})
	if err != nil {
		t.Fatal(err)
	}
	if s.Tables[0].Schema != "dbo" || len(s.Namespaces) != 0 {
		t.Errorf("default schema: got %q, namespaces %v", s.Tables[0].Schema, s.Namespaces)
	}
}

// TestLoadIndexOn checks how `on` entries become column or expression parts.
func TestLoadIndexOn(t *testing.T) {
	src := `database { dialect = "postgres" }
table "t" {
  column "a" { type = "int" }
  column "B c" { type = "int" }
  index "i" { on = ["a", "nota", "B c", "a + 1", "(a)"] }
}`
	s, err := LoadHCL(map[string][]byte{"t.hcl": []byte(src)}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []IndexPart{{Column: "a"}, {Expr: "nota"}, {Expr: "B c"}, {Expr: "a + 1"}, {Expr: "(a)"}}
	got := s.Tables[0].Indexes[0].Parts
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("parts = %+v, want %+v", got, want)
	}
}
