package postgres

import (
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

// TestRowKey: the primary key, else a unique constraint or plain unique
// index on NOT NULL columns, else none.
func TestRowKey(t *testing.T) {
	cols := []*schema.Column{{Name: "a"}, {Name: "b", Nullable: true}, {Name: "c"}}
	cases := []struct {
		name  string
		table *schema.Table
		want  string
	}{
		{"pk", &schema.Table{Columns: cols, PrimaryKey: &schema.PrimaryKey{Columns: []string{"c", "a"}}}, "c,a"},
		{"unique on a nullable column skipped", &schema.Table{Columns: cols, Uniques: []*schema.Unique{{Columns: []string{"b"}}, {Columns: []string{"a"}}}}, "a"},
		{"unique index", &schema.Table{Columns: cols, Indexes: []*schema.Index{
			{Unique: true, Parts: []schema.IndexPart{{Column: "a"}}, Where: "a > 0"},
			{Unique: true, Parts: []schema.IndexPart{{Expr: "lower(c)"}}},
			{Parts: []schema.IndexPart{{Column: "a"}}},
			{Unique: true, Parts: []schema.IndexPart{{Column: "c"}}},
		}}, "c"},
		{"none", &schema.Table{Columns: cols}, ""},
		{"no table", nil, ""},
	}
	for _, c := range cases {
		if got := strings.Join(rowKey(c.table), ","); got != c.want {
			t.Errorf("%s: key %q, want %q", c.name, got, c.want)
		}
	}
}

// TestExprColumns: the columns of the table an expression reads, as the
// parser sees them: not words inside string literals, unquoted names folded
// to lower case, quoted names as written, each once in order of first use,
// names that are no column of the table skipped; none when it does not
// parse.
func TestExprColumns(t *testing.T) {
	tbl := &schema.Table{Columns: []*schema.Column{{Name: "id"}, {Name: "email"}, {Name: "qty"}, {Name: "Status"}, {Name: "n"}}}
	cases := []struct{ expr, want string }{
		{`"email" IS NULL`, "email"},
		{`NOT (QTY > 0 AND qty < 10)`, "qty"},
		{`("n"::bigint) IS NULL`, "n"},
		{`"Status" <> 'id email' AND status = 'x'`, "Status"},
		{`coalesce(email, 'none') || n::text`, "email,n"},
		{`quantity > 0`, ""},
		{`now() > '2020-01-01'`, ""},
		{`qty >`, ""},
	}
	for _, c := range cases {
		if got := strings.Join(exprColumns(tbl, c.expr), ","); got != c.want {
			t.Errorf("exprColumns(%q) = %q, want %q", c.expr, got, c.want)
		}
	}
}

// TestRowCheck: a row check counts the rows matching its condition and
// samples them as key columns, then the value columns not already in the
// key, LIMIT 5; without any column to show there is no sample.
func TestRowCheck(t *testing.T) {
	tbl := &schema.Table{Schema: "app", Name: "Order"}
	cases := []struct {
		key, values []string
		sample      string
	}{
		{[]string{"id"}, []string{"email"}, `SELECT "id", "email" FROM "app"."Order" WHERE x LIMIT 5`},
		{[]string{"a", "b"}, []string{"b", "qty", "qty"}, `SELECT "a", "b", "qty" FROM "app"."Order" WHERE x LIMIT 5`},
		{nil, []string{"v"}, `SELECT "v" FROM "app"."Order" WHERE x LIMIT 5`},
		{[]string{"id"}, nil, `SELECT "id" FROM "app"."Order" WHERE x LIMIT 5`},
		{nil, nil, ""},
	}
	for _, c := range cases {
		pf := rowCheck(tbl, c.key, "check", "d", "x", c.values)
		if pf.SQL != `SELECT count(*) FROM "app"."Order" WHERE x` || pf.SampleSQL != c.sample || pf.Kind != "check" || pf.Description != "d" {
			t.Errorf("key %v values %v: %+v, want sample %q", c.key, c.values, pf, c.sample)
		}
	}
}
