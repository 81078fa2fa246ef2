package apply

import (
	"testing"

	"github.com/tidedb/tide/schema"
)

// TestMentions: a column is read by a condition when its quoted form or
// its bare name as a whole word occurs outside string literals.
func TestMentions(t *testing.T) {
	cases := []struct {
		cond, col string
		want      bool
	}{
		{`"email" IS NULL`, "email", true},
		{`NOT ((qty > 0))`, "qty", true},
		{`NOT (QTY > 0)`, "qty", true},
		{`("n"::bigint) IS NULL`, "n", true},
		{`("n__tide_new") IS NULL`, "n", false},
		{`status::text NOT IN ('id', 'it''s id')`, "id", false},
		{`status::text NOT IN ('a', 'b')`, "status", true},
		{`quantity > 0`, "qty", false},
		{`"Status" <> 'x'`, "Status", true},
	}
	for _, c := range cases {
		if got := mentions(c.cond, c.col, pgQuote(c.col)); got != c.want {
			t.Errorf("mentions(%q, %q) = %v, want %v", c.cond, c.col, got, c.want)
		}
	}
}

// TestRowKey: the primary key, else a unique constraint or plain unique
// index on NOT NULL columns, else none.
func TestRowKey(t *testing.T) {
	cols := []*schema.Column{{Name: "a"}, {Name: "b", Nullable: true}, {Name: "c"}}
	cases := []struct {
		name  string
		table schema.Table
		want  string
	}{
		{"pk", schema.Table{Columns: cols, PrimaryKey: &schema.PrimaryKey{Columns: []string{"c", "a"}}}, "c,a"},
		{"unique on a nullable column skipped", schema.Table{Columns: cols, Uniques: []*schema.Unique{{Columns: []string{"b"}}, {Columns: []string{"a"}}}}, "a"},
		{"unique index", schema.Table{Columns: cols, Indexes: []*schema.Index{
			{Unique: true, Parts: []schema.IndexPart{{Column: "a"}}, Where: "a > 0"},
			{Unique: true, Parts: []schema.IndexPart{{Expr: "lower(c)"}}},
			{Parts: []schema.IndexPart{{Column: "a"}}},
			{Unique: true, Parts: []schema.IndexPart{{Column: "c"}}},
		}}, "c"},
		{"none", schema.Table{Columns: cols}, ""},
	}
	for _, c := range cases {
		got := rowKey(&c.table)
		s := ""
		for i, k := range got {
			if i > 0 {
				s += ","
			}
			s += k
		}
		if s != c.want {
			t.Errorf("%s: key %q, want %q", c.name, s, c.want)
		}
	}
}
