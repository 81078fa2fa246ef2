package postgres

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

// sloppySchema is a desired schema as a person might write it in HCL:
// synonyms, odd spacing, defaults spelled out, names left to the dialect.
func sloppySchema() *schema.Schema {
	pos := func(line int) schema.Pos { return schema.Pos{File: "app.hcl", Line: line, Column: 3} }
	return &schema.Schema{
		Enums: []*schema.Enum{{Name: "mood", Values: []string{"ok", "sad"}}},
		Tables: []*schema.Table{{
			Name: "people",
			Columns: []*schema.Column{
				{Name: "id", Type: "SERIAL8", Nullable: true, Pos: pos(3)},
				{Name: "name", Type: "VARCHAR ( 40 )", Nullable: true, Default: "( 'x' )", Pos: pos(4)},
				{Name: "mood", Type: "Mood", Nullable: true, Default: "NULL::mood", Pos: pos(5)},
				{Name: "moods", Type: "public.mood[]", Nullable: true, Pos: pos(6)},
				{Name: "born", Type: "timestamptz(3)", Nullable: true, Default: "NOW( )", Pos: pos(7)},
				{Name: "n", Type: "int4", Nullable: true, Generated: "(id+1)*2", Collation: "default", Pos: pos(8)},
				{Name: "code", Type: "integer", Nullable: true, Identity: "always", Pos: pos(9)},
			},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
			Uniques:    []*schema.Unique{{Columns: []string{"name", "born"}}},
			Checks: []*schema.Check{
				{Expr: "length( name )>0"},
				{Name: "people_n_chk", Expr: "(n > 0) AND (n < 100)"},
			},
			ForeignKeys: []*schema.ForeignKey{{
				Columns: []string{"n"}, RefTable: "people", OnDelete: "NO ACTION", OnUpdate: "Cascade",
			}},
			Indexes: []*schema.Index{
				{Parts: []schema.IndexPart{{Expr: "LOWER(name)"}, {Expr: "born", Desc: true, Nulls: "FIRST"}}, Using: "BTREE"},
				{Name: "people_where_idx", Parts: []schema.IndexPart{{Column: "n", Nulls: "last"}}, Where: "n>0", Include: []string{"mood"}},
				{Parts: []schema.IndexPart{{Column: "moods"}}, Using: "gin"},
			},
		}},
		Sequences: []*schema.Sequence{
			{Name: "s_default", Type: "int8", Start: 1, Increment: 1, MinValue: 1, MaxValue: 9223372036854775807, Cache: 1},
			{Name: "s_desc", Type: "int4", Increment: -1, Start: -1, MinValue: -2147483648, MaxValue: -1},
			{Name: "s_custom", Type: "smallint", Start: 10, Increment: 5, MaxValue: 1000, Cache: 20, Cycle: true},
		},
		Views: []*schema.View{{Name: "v", Def: "select id,name from people where n>1"}},
	}
}

func TestNormalizeGolden(t *testing.T) {
	s := sloppySchema()
	if err := (Dialect{}).Normalize(s); err != nil {
		t.Fatalf("Normalize: %v", err)
	}
	compareGolden(t, "testdata/normalize/sloppy.json", schemaJSON(t, s))
}

// TestNormalizeIdempotent normalises twice and expects no further change,
// for the hand-written schema and every parse corpus file.
func TestNormalizeIdempotent(t *testing.T) {
	inputs := map[string]*schema.Schema{"sloppy": sloppySchema()}
	for _, f := range []string{"testdata/parse/full.sql", "testdata/parse/pg_dump_style.sql"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Dialect{}.ParseSQL(f, src)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = s
	}
	for name, s := range inputs {
		if err := (Dialect{}).Normalize(s); err != nil {
			t.Fatalf("%s: first Normalize: %v", name, err)
		}
		once := schemaJSON(t, s)
		if err := (Dialect{}).Normalize(s); err != nil {
			t.Fatalf("%s: second Normalize: %v", name, err)
		}
		if twice := schemaJSON(t, s); string(once) != string(twice) {
			t.Errorf("%s: Normalize is not idempotent\nonce:\n%s\ntwice:\n%s", name, once, twice)
		}
	}
}

// TestNormalizeEquivalentSpellings checks that schemas which mean the same
// become equal: one written in SQL, one as HCL would build it.
func TestNormalizeEquivalentSpellings(t *testing.T) {
	sql := `CREATE TABLE t (
	  id int PRIMARY KEY,
	  email varchar(10) NOT NULL DEFAULT 'a' CHECK (length(email) > 0),
	  at timestamptz DEFAULT now()
	);
	CREATE INDEX t_email_idx ON t (lower(email) DESC NULLS FIRST) WHERE at IS NOT NULL;
	CREATE VIEW v AS SELECT id FROM t WHERE id > 1;`
	fromSQL, err := Dialect{}.ParseSQL("a.sql", []byte(sql))
	if err != nil {
		t.Fatal(err)
	}
	fromHCL := &schema.Schema{
		Dialect: "postgres",
		Tables: []*schema.Table{{
			Schema: "public", Name: "t",
			Columns: []*schema.Column{
				{Name: "id", Type: "integer"},
				{Name: "email", Type: "character varying(10)", Default: "('a')"},
				{Name: "at", Type: "timestamp with time zone", Nullable: true, Default: "NOW()"},
			},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
			Checks:     []*schema.Check{{Expr: "(length(email)>0)"}},
			Indexes: []*schema.Index{{
				Name: "t_email_idx", Using: "btree",
				Parts: []schema.IndexPart{{Expr: "lower( email )", Desc: true, Nulls: "first"}},
				Where: "(at is not null)",
			}},
		}},
		Views: []*schema.View{{Schema: "public", Name: "v", Def: "SELECT id\n  FROM t\n WHERE (id > 1);"}},
	}
	for _, s := range []*schema.Schema{fromSQL, fromHCL} {
		if err := (Dialect{}).Normalize(s); err != nil {
			t.Fatal(err)
		}
	}
	a, b := schemaJSON(t, fromSQL), schemaJSON(t, fromHCL)
	if string(a) != string(b) {
		t.Fatalf("equivalent schemas differ after Normalize\nSQL:\n%s\nHCL:\n%s", a, b)
	}
}

func TestNormalizeExpr(t *testing.T) {
	cases := []struct{ in, want string }{
		{"(a+ b )*2", "(a + b) * 2"},
		{"((a))", "a"},
		{"NOW()", "now()"},
		{"CURRENT_TIMESTAMP", "current_timestamp"},
		{"'x'::VARCHAR(10)", "'x'::varchar(10)"},
		{"a IS NOT NULL and b>1", "a IS NOT NULL AND b > 1"},
		{`"Mixed" > 1`, `"Mixed" > 1`},
		{"x -- trailing comment", "x"},
	}
	for _, tc := range cases {
		got, err := NormalizeExpr(tc.in)
		if err != nil {
			t.Errorf("NormalizeExpr(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("NormalizeExpr(%q) = %q, want %q", tc.in, got, tc.want)
		}
		again, err := NormalizeExpr(got)
		if err != nil || again != got {
			t.Errorf("NormalizeExpr not idempotent on %q: %q (%v)", got, again, err)
		}
	}
	for _, bad := range []string{"", "1, 2", "x AS y", "1 FROM t", "1; DROP TABLE t", "*", "(("} {
		if got, err := NormalizeExpr(bad); err == nil {
			t.Errorf("NormalizeExpr(%q) = %q, want an error", bad, got)
		}
	}
}

func TestNormalizeErrors(t *testing.T) {
	pos := schema.Pos{File: "app.hcl", Line: 7, Column: 5}
	cases := []struct {
		name string
		s    *schema.Schema
		want string
	}{
		{"bad type", &schema.Schema{Tables: []*schema.Table{{Name: "t", Columns: []*schema.Column{{Name: "c", Type: "varchr(10", Pos: pos}}}}},
			`app.hcl:7:5: column public.t.c: invalid type "varchr(10": syntax error`},
		{"unknown enum", &schema.Schema{Tables: []*schema.Table{{Name: "t", Columns: []*schema.Column{{Name: "c", Type: "moood", Pos: pos}}}}},
			`app.hcl:7:5: column public.t.c: type "moood" is neither a PostgreSQL built-in type nor an enum defined in the schema`},
		{"enum in other schema", &schema.Schema{
			Enums:  []*schema.Enum{{Schema: "app", Name: "mood"}},
			Tables: []*schema.Table{{Name: "t", Columns: []*schema.Column{{Name: "c", Type: "mood", Pos: pos}}}}},
			`app.hcl:7:5: column public.t.c: type "mood" is neither`},
		{"serial default", &schema.Schema{Tables: []*schema.Table{{Name: "t", Columns: []*schema.Column{{Name: "c", Type: "serial", Default: "1", Pos: pos}}}}},
			`app.hcl:7:5: column public.t.c: a serial column takes its default from its own sequence`},
		{"bad default", &schema.Schema{Tables: []*schema.Table{{Name: "t", Columns: []*schema.Column{{Name: "c", Type: "int", Default: "1 +", Pos: pos}}}}},
			`app.hcl:7:5: column public.t.c default: invalid expression "1 +"`},
		{"bad action", &schema.Schema{Tables: []*schema.Table{{Name: "t", Pos: pos, Columns: []*schema.Column{{Name: "c", Type: "int"}},
			ForeignKeys: []*schema.ForeignKey{{Name: "fk", Columns: []string{"c"}, RefTable: "t", RefColumns: []string{"c"}, OnDelete: "explode"}}}}},
			`app.hcl:7:5: foreign key fk on table public.t: unknown action "explode"`},
		{"fk without pk", &schema.Schema{Tables: []*schema.Table{{Name: "t", Pos: pos, Columns: []*schema.Column{{Name: "c", Type: "int"}},
			ForeignKeys: []*schema.ForeignKey{{Name: "fk", Columns: []string{"c"}, RefTable: "t"}}}}},
			`app.hcl:7:5: foreign key fk on table public.t references public.t without columns`},
		{"bad view", &schema.Schema{Views: []*schema.View{{Name: "v", Def: "DELETE FROM t", Pos: pos}}},
			`app.hcl:7:5: view public.v: invalid query "DELETE FROM t": expected exactly one SELECT`},
		{"sequence type", &schema.Schema{Sequences: []*schema.Sequence{{Name: "s", Type: "text", Pos: pos}}},
			`app.hcl:7:5: sequence public.s: type must be smallint, integer or bigint, not text`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := (Dialect{}).Normalize(tc.s)
			if err == nil {
				b, _ := json.Marshal(tc.s)
				t.Fatalf("Normalize succeeded with %s; want error %q", b, tc.want)
			}
			var se *schema.Error
			if !errors.As(err, &se) {
				t.Fatalf("error %v is a %T, want a *schema.Error inside", err, err)
			}
			if !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error\n  %q\nwant prefix\n  %q", err, tc.want)
			}
		})
	}
}

func TestNormalizeReportsAllErrors(t *testing.T) {
	s := &schema.Schema{Tables: []*schema.Table{{Name: "t", Columns: []*schema.Column{
		{Name: "a", Type: "nope", Pos: schema.Pos{File: "f.hcl", Line: 1, Column: 1}},
		{Name: "b", Type: "varchar(0)", Pos: schema.Pos{File: "f.hcl", Line: 2, Column: 1}},
	}}}}
	err := (Dialect{}).Normalize(s)
	var list schema.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("Normalize error = %v, want a list of 2 errors", err)
	}
}
