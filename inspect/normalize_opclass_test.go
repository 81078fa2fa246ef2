package inspect_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/schema"
)

// TestNormalizeOpclassWithServer checks that both shadow paths drop an
// explicit operator class that is the server's default for the key's type
// even where the offline normaliser cannot know it (an expression key), and
// keep a class that is not a default, with the rest of the index (its
// expression and predicate) as the server spells it.
func TestNormalizeOpclassWithServer(t *testing.T) {
	t.Parallel()
	desired := func() *schema.Schema {
		return &schema.Schema{
			Dialect: "postgres",
			Tables: []*schema.Table{{
				Name: "products",
				Columns: []*schema.Column{
					{Name: "name", Type: "text", Nullable: true},
					{Name: "code", Type: "varchar(20)", Nullable: true},
					{Name: "n", Type: "integer", Nullable: true},
				},
				Indexes: []*schema.Index{
					{Name: "lower_default", Parts: []schema.IndexPart{{Expr: "lower(name)", Opclass: "text_ops"}}, Where: "n>0"},
					{Name: "lower_pattern", Parts: []schema.IndexPart{{Expr: "lower(name)", Opclass: "text_pattern_ops"}}},
					{Name: "mixed", Parts: []schema.IndexPart{
						{Column: "code", Opclass: "pg_catalog.text_ops"},
						{Column: "name", Opclass: "pg_catalog.text_pattern_ops"},
						{Expr: "n + 1", Opclass: "int4_ops"},
					}},
				},
			}},
		}
	}
	want := map[string][]string{
		"lower_default": {""},
		"lower_pattern": {"text_pattern_ops"},
		"mixed":         {"", "text_pattern_ops", ""},
	}
	for _, fast := range []bool{false, true} {
		t.Run(fmt.Sprintf("fast=%v", fast), func(t *testing.T) {
			t.Parallel()
			db := openRecording(t)
			normalize, in := inspect.NormalizeWholeShadow, desired()
			if fast {
				normalize = inspect.NormalizeFast
				if err := db.Dialect().Normalize(in); err != nil {
					t.Fatal(err)
				}
			}
			got, err := normalize(context.Background(), db, in)
			if err != nil {
				t.Fatalf("normalise: %v", err)
			}
			db.assertDropped(t)
			tbl := got.Table(schema.QName{Schema: "public", Name: "products"})
			if tbl == nil {
				t.Fatalf("no public.products in %+v", got.Tables)
			}
			for name, opcs := range want {
				ix := tbl.Index(name)
				if ix == nil {
					t.Fatalf("no index %s", name)
				}
				var gotOpcs []string
				for _, p := range ix.Parts {
					gotOpcs = append(gotOpcs, p.Opclass)
				}
				if fmt.Sprint(gotOpcs) != fmt.Sprint(opcs) {
					t.Errorf("index %s: opclasses %q, want %q", name, gotOpcs, opcs)
				}
			}
			if w := tbl.Index("lower_default").Where; w != "(n > 0)" {
				t.Errorf("lower_default where %q, want the server's (n > 0)", w)
			}
			if e := tbl.Index("mixed").Parts[2].Expr; e != "n + 1" {
				t.Errorf("mixed expression key %q, want the server's n + 1", e)
			}
		})
	}
}
