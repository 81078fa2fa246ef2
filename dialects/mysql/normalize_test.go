package mysql

import (
	"os"
	"testing"

	"github.com/tidedb/tide/schema"
)

// TestNormalizeHCLMatchesSQL loads a loosely written HCL schema and the
// equivalent SQL; once normalised, the two must be the same model, and
// normalising again must change nothing.
func TestNormalizeHCLMatchesSQL(t *testing.T) {
	d := Dialect{Database: "app"}
	hcl, err := os.ReadFile("testdata/normalize/shop.hcl")
	if err != nil {
		t.Fatal(err)
	}
	fromHCL, err := schema.LoadHCL(map[string][]byte{"shop.hcl": hcl}, schema.LoadOptions{DefaultSchema: func(string) string { return d.DefaultSchema() }})
	if err != nil {
		t.Fatal(err)
	}
	sqlSrc, err := os.ReadFile("testdata/normalize/shop.sql")
	if err != nil {
		t.Fatal(err)
	}
	fromSQL, err := d.ParseSQL("shop.sql", sqlSrc)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*schema.Schema{fromHCL, fromSQL} {
		if err := d.Normalize(s); err != nil {
			t.Fatalf("Normalize: %v", err)
		}
		s.Sort()
	}
	requireSameSchema(t, "normalised HCL", fromHCL, fromSQL)
	again := fromHCL.Clone()
	if err := d.Normalize(again); err != nil {
		t.Fatal(err)
	}
	requireSameSchema(t, "normalising twice", again, fromHCL)
}

// TestNormalizeErrors checks that what MySQL cannot hold is an error at the
// object, naming it.
func TestNormalizeErrors(t *testing.T) {
	pos := schema.Pos{File: "a.hcl", Line: 3, Column: 1}
	col := func(c schema.Column) *schema.Schema {
		c.Pos = pos
		return &schema.Schema{Dialect: "mysql", Tables: []*schema.Table{{Schema: "app", Name: "t", Columns: []*schema.Column{&c}}}}
	}
	tests := []struct {
		name string
		s    *schema.Schema
		want string
	}{
		{"enum object", &schema.Schema{Enums: []*schema.Enum{{Schema: "app", Name: "mood", Pos: pos}}},
			`a.hcl:3:1: enum "app.mood": MySQL has no enum types; spell the column type as enum('a','b') instead`},
		{"sequence", &schema.Schema{Sequences: []*schema.Sequence{{Schema: "app", Name: "s", Pos: pos}}},
			`a.hcl:3:1: sequence "app.s": sequences are not supported by tide's MySQL dialect; use auto_increment`},
		{"bad type", col(schema.Column{Name: "a", Type: "intt"}),
			`a.hcl:3:1: column "a" of table "app.t": invalid MySQL type "intt": write a type such as "int", "varchar(255)" or "enum('a','b')"`},
		{"identity always", col(schema.Column{Name: "a", Type: "int", Identity: schema.IdentityAlways}),
			`a.hcl:3:1: column "a" of table "app.t": MySQL has no GENERATED ALWAYS identity; use auto_increment = true`},
		{"bad default", col(schema.Column{Name: "a", Type: "int", Default: "1 +"}),
			`a.hcl:3:1: column "a" of table "app.t": default: invalid expression "1 +": syntax error near ""`},
		{"default with a FROM", col(schema.Column{Name: "a", Type: "int", Default: "1 FROM t"}),
			`a.hcl:3:1: column "a" of table "app.t": default: invalid expression "1 FROM t": expected one expression`},
		{"partial index", &schema.Schema{Tables: []*schema.Table{{Schema: "app", Name: "t", Columns: []*schema.Column{{Name: "a", Type: "int"}},
			Indexes: []*schema.Index{{Name: "i", Parts: []schema.IndexPart{{Column: "a"}}, Where: "a > 0", Pos: pos}}}}},
			`a.hcl:3:1: index "i" of table "app.t": MySQL has no partial indexes; remove where`},
		{"deferrable unique", &schema.Schema{Tables: []*schema.Table{{Schema: "app", Name: "t", Columns: []*schema.Column{{Name: "a", Type: "int"}},
			Uniques: []*schema.Unique{{Name: "u", Columns: []string{"a"}, Deferrable: true, Pos: pos}}}}},
			`a.hcl:3:1: unique "u" of table "app.t": MySQL constraints cannot be deferred; remove deferrable`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Dialect{}.Normalize(tt.s)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Normalize error:\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}
