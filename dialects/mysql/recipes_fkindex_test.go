package mysql

import (
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// TestForeignKeyHolding: an index rebuild waits for a foreign key only when
// the old index backs it, the new one does not, no other key does, and the
// plan drops or replaces the foreign key.
func TestForeignKeyHolding(t *testing.T) {
	widened := []schema.IndexPart{{Column: "qty"}, {Column: "owner_id"}}
	cases := []struct {
		name    string
		edit    func(cur, des *schema.Table)
		rebuilt bool
		want    string
	}{
		{"foreign key gains a column", func(_, des *schema.Table) { fkWithItsIndex(des) }, false, "items_owner"},
		{"foreign key rebuilt around a key", func(_, des *schema.Table) {
			des.Indexes = append(des.Indexes, &schema.Index{Name: "items_owner", Parts: widened})
		}, true, "items_owner"},
		{"foreign key dropped", func(_, des *schema.Table) {
			fkWithItsIndex(des)
			des.ForeignKeys = nil
		}, false, "items_owner"},
		{"foreign key kept", func(_, des *schema.Table) {
			des.Indexes = append(des.Indexes, &schema.Index{Name: "items_owner", Parts: widened})
		}, false, ""},
		{"new index still backs it", func(_, des *schema.Table) {
			fkWithItsIndex(des)
			des.Index("items_owner").Parts = []schema.IndexPart{{Column: "owner_id"}, {Column: "qty"}}
		}, false, ""},
		{"another index backs it", func(cur, des *schema.Table) {
			fkWithItsIndex(des)
			cur.Indexes = append(cur.Indexes, &schema.Index{Name: "by_owner", Parts: []schema.IndexPart{{Column: "owner_id"}, {Column: "name"}}})
		}, false, ""},
		{"index not rebuilt", func(_, des *schema.Table) {
			fkWithItsIndex(des)
			des.Indexes = des.Indexes[:1]
		}, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cur := recipeTable()
			des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
			addOwnerIndex(cur)
			c.edit(cur, des.Tables[0])
			env := &dialects.Env{Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des}
			if c.rebuilt {
				env.RebuiltForeignKeys = map[dialects.ForeignKeyRef]bool{{Table: cur.QName(), Name: "items_owner"}: true}
			}
			r := recipeContext{d: Dialect{Database: "shop"}, env: env}
			got := ""
			if fk := r.foreignKeyHolding(des.Tables[0], "items_owner"); fk != nil {
				got = fk.Name
			}
			if got != c.want {
				t.Errorf("foreignKeyHolding = %q, want %q", got, c.want)
			}
		})
	}
}

// TestColumnDropped: a column renamed away is not dropped.
func TestColumnDropped(t *testing.T) {
	des := &schema.Table{Columns: []*schema.Column{{Name: "a"}, {Name: "b2", RenamedFrom: "b"}}}
	for name, want := range map[string]bool{"a": false, "b": false, "c": true} {
		if got := columnDropped(des, name); got != want {
			t.Errorf("columnDropped(%q) = %v, want %v", name, got, want)
		}
	}
}
