package schema

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// withoutPos returns a sorted copy of s with every position zeroed.
func withoutPos(s *Schema) *Schema {
	c := s.Clone()
	c.Sort()
	for _, n := range c.Namespaces {
		n.Pos = Pos{}
	}
	for _, t := range c.Tables {
		t.Pos = Pos{}
		for _, col := range t.Columns {
			col.Pos = Pos{}
		}
		if t.PrimaryKey != nil {
			t.PrimaryKey.Pos = Pos{}
		}
		for _, u := range t.Uniques {
			u.Pos = Pos{}
		}
		for _, k := range t.Checks {
			k.Pos = Pos{}
		}
		for _, f := range t.ForeignKeys {
			f.Pos = Pos{}
		}
		for _, i := range t.Indexes {
			i.Pos = Pos{}
		}
	}
	for _, e := range c.Enums {
		e.Pos = Pos{}
	}
	for _, q := range c.Sequences {
		q.Pos = Pos{}
	}
	for _, v := range c.Views {
		v.Pos = Pos{}
	}
	return c
}

// assertRoundTrip encodes s, decodes the result and requires s back.
func assertRoundTrip(t *testing.T, s *Schema, opts LoadOptions) []byte {
	t.Helper()
	src := EncodeHCL(s)
	got, err := LoadHCL(map[string][]byte{"encoded.hcl": src}, opts)
	if err != nil {
		t.Fatalf("LoadHCL(EncodeHCL(s)): %v\n%s", err, src)
	}
	want := withoutPos(s)
	if g := withoutPos(got); !reflect.DeepEqual(g, want) {
		gj, _ := json.MarshalIndent(g, "", "  ")
		wj, _ := json.MarshalIndent(want, "", "  ")
		t.Fatalf("round trip differs\n--- encoded\n%s\n--- got\n%s\n--- want\n%s", src, gj, wj)
	}
	if again := EncodeHCL(got); string(again) != string(src) {
		t.Fatalf("encoding is not stable:\n%s\n---\n%s", src, again)
	}
	return src
}

// trickyStrings are values that break naive quoting.
var trickyStrings = []string{
	`say "hi"`, "two\nlines\n", "tab\there", `back\slash`, "${var.x}", "%{ if x }", "$${kept}",
	"100% {odd}", "$", "%", "ünïcødé ✓", "\x01control", `trailing \`,
}

// richSchema exercises every field of the model.
func richSchema() *Schema {
	s := &Schema{Dialect: "postgres"}
	s.Namespaces = []*Namespace{{Name: "app", Comment: "Application \"core\"\n${data}"}, {Name: "public"}}
	s.Enums = []*Enum{{Schema: "app", Name: "mood", Values: []string{"ok", "${x}", `"q"`}}}
	s.Sequences = []*Sequence{{Schema: "app", Name: "seq", Type: "integer", Start: -3, Increment: 2,
		MinValue: -9223372036854775808, MaxValue: 9223372036854775807, Cache: 5, Cycle: true, OwnedBy: "weird \"table\".id"}}
	parent := &Table{Schema: "public", Name: "parent", Columns: []*Column{{Name: "id", Type: "bigint"}},
		PrimaryKey: &PrimaryKey{Columns: []string{"id"}}}
	dotted := &Table{Schema: "public", Name: "dotted.name", Columns: []*Column{{Name: "k", Type: "int"}},
		ForeignKeys: []*ForeignKey{{Name: "self", Columns: []string{"k"}, RefSchema: "public", RefTable: "dotted.name", RefColumns: []string{"k"}}}}
	weird := &Table{
		Schema: "app", Name: `weird "table"`, Comment: strings.Join(trickyStrings, "|"),
		RenamedFrom: "app.old", Rename: "direct",
		Columns: []*Column{
			{Name: "id", Type: "bigint", Identity: IdentityAlways, Comment: "${id}"},
			{Name: "Mixed Case", Type: "character varying(10)", Nullable: true, Default: "'%{x}'::text",
				Collation: "C", RenamedFrom: "old ${name}", Backfill: "upper(\"x\")", Using: "x::text"},
			{Name: "gen", Type: "numeric", Nullable: true, Generated: "id * 2"},
			{Name: "p", Type: "bigint"},
			{Name: "d", Type: "int"},
		},
		PrimaryKey: &PrimaryKey{Name: "weird_pk", Columns: []string{"id"}},
		Uniques:    []*Unique{{Name: "u1", Columns: []string{"Mixed Case", "id"}, Deferrable: true, InitiallyDeferred: true}},
		Checks:     []*Check{{Name: "c1", Expr: "gen > 0 AND \"Mixed Case\" <> '${}'", NoInherit: true}},
		ForeignKeys: []*ForeignKey{
			{Name: "fk1", Columns: []string{"p"}, RefSchema: "public", RefTable: "parent", RefColumns: []string{"id"},
				OnDelete: ActionCascade, OnUpdate: ActionSetNull, Deferrable: true, InitiallyDeferred: true},
			{Name: "fk2", Columns: []string{"d"}, RefSchema: "public", RefTable: "dotted.name", RefColumns: []string{"k"}},
			{Name: "fk3", Columns: []string{"id"}, RefSchema: "app", RefTable: `weird "table"`, RefColumns: []string{"id"}},
		},
		Indexes: []*Index{
			{Name: "i_cols", Parts: []IndexPart{{Column: "id"}, {Column: "Mixed Case"}}},
			{Name: "i_on", Unique: true, Parts: []IndexPart{{Expr: "lower(\"Mixed Case\")"}, {Column: "id"}},
				Where: "d > 0", Using: "btree", Include: []string{"gen"}},
			{Name: "i_expr_ident", Parts: []IndexPart{{Expr: "gen"}}},
			{Name: "i_odd_column", Parts: []IndexPart{{Column: "Mixed Case"}, {Expr: "id + 1"}}},
			{Name: "i_parts", Using: "gist", Parts: []IndexPart{
				{Column: "id", Desc: true, Nulls: "first", Opclass: "int8_ops", Collation: "C"},
				{Expr: "(d % 7)", Nulls: "last", Length: 4},
			}},
		},
	}
	s.Tables = []*Table{parent, dotted, weird}
	s.Views = []*View{{Schema: "app", Name: "v", Def: "SELECT 1 AS \"${x}\"\n  -- %{ comment }\n", Comment: "c",
		DependsOn: []QName{{Schema: "public", Name: "parent"}, {Schema: "app", Name: `weird "table"`}}}}
	return s
}

func TestEncodeHCLRoundTripRich(t *testing.T) {
	assertRoundTrip(t, richSchema(), LoadOptions{})
}

func TestEncodeHCLRoundTripMySQL(t *testing.T) {
	s := &Schema{Dialect: "mysql", Namespaces: []*Namespace{{Name: "shop"}}}
	s.Tables = []*Table{{
		Schema: "shop", Name: "t", Attrs: map[string]string{"engine": "InnoDB", "charset": "utf8mb4", "collate": "utf8mb4_bin"},
		Columns: []*Column{
			{Name: "id", Type: "bigint", Identity: IdentityByDefault, Attrs: map[string]string{"unsigned": "true"}},
			{Name: "s", Type: "varchar(10)", Nullable: true, Attrs: map[string]string{"charset": "ascii"}},
		},
		Indexes: []*Index{{Name: "s_prefix", Parts: []IndexPart{{Column: "s", Length: 3}}}},
	}}
	src := assertRoundTrip(t, s, LoadOptions{})
	if !strings.Contains(string(src), "auto_increment = true") {
		t.Errorf("mysql identity not written as auto_increment:\n%s", src)
	}
}

// TestEncodeHCLRoundTripTestdata round-trips every decode fixture.
func TestEncodeHCLRoundTripTestdata(t *testing.T) {
	for _, tt := range []struct{ path, golden string }{
		{"rich_postgres.hcl", "rich_postgres.hcl"},
		{"mysql.hcl", "mysql.hcl"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			opts := pgOptions()
			s, err := Load([]string{filepath.Join("testdata", "decode", tt.path)}, opts)
			if err != nil {
				t.Fatal(err)
			}
			src := assertRoundTrip(t, s, opts)
			compareGolden(t, filepath.Join("testdata", "encode", tt.golden), src)
		})
	}
}

// TestEncodeHCLUnexpressibleAttrs checks that options without an HCL
// attribute are written as comments, not dropped silently.
func TestEncodeHCLUnexpressibleAttrs(t *testing.T) {
	s := &Schema{Dialect: "postgres", Tables: []*Table{{
		Schema: "public", Name: "t", Attrs: map[string]string{"fillfactor": "70"},
		Columns: []*Column{{Name: "a", Type: "int", Attrs: map[string]string{"storage": "external"}}},
	}}}
	src := string(EncodeHCL(s))
	for _, want := range []string{
		`# tide: option fillfactor = "70" has no HCL attribute and is not managed`,
		`# tide: option storage = "external" has no HCL attribute and is not managed`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("missing %q in\n%s", want, src)
		}
	}
	if _, err := LoadHCL(map[string][]byte{"x.hcl": []byte(src)}, LoadOptions{}); err != nil {
		t.Errorf("encoded output does not load: %v", err)
	}
}
