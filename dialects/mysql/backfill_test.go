package mysql

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// backfillKeyCase is a table keyed by columns of some types, for the
// backfill tests: the SQL of its batches (golden) and their run on the
// live server.
type backfillKeyCase struct {
	name string
	// columns are the key columns' definitions, in key order.
	columns []string
	key     []string
	types   []string
	// row returns the key values of row n (SQL expressions), in key order.
	row func(n int) []string
	// where is the backfill's condition ("" = every row).
	where string
}

func backfillKeyCases() []backfillKeyCase {
	lit := func(format string) func(n int) []string {
		return func(n int) []string { return []string{fmt.Sprintf(format, n)} }
	}
	return []backfillKeyCase{
		{name: "int", columns: []string{"`id` int NOT NULL"}, key: []string{"id"}, types: []string{"int"}, row: lit("%d")},
		{name: "bigint_unsigned_beyond_double", columns: []string{"`id` bigint unsigned NOT NULL"}, key: []string{"id"},
			types: []string{"bigint unsigned"}, row: lit("18446744073709550000 + %d")},
		{name: "composite", columns: []string{"`a` bigint NOT NULL", "`b` int NOT NULL"}, key: []string{"a", "b"},
			types: []string{"bigint", "int"}, row: func(n int) []string {
				return []string{fmt.Sprintf("9223372036854770000 + %d", n/7), fmt.Sprint(n % 7)}
			}},
		{name: "binary", columns: []string{"`k` binary(16) NOT NULL"}, key: []string{"k"}, types: []string{"binary(16)"},
			row: lit("UNHEX(MD5(%d))")},
		{name: "enum_in_composite", columns: []string{"`e` enum('z','m','a') NOT NULL", "`n` int NOT NULL"}, key: []string{"e", "n"},
			types: []string{"enum('z','m','a')", "int"}, row: func(n int) []string {
				return []string{fmt.Sprint(n%3 + 1), fmt.Sprint(n)}
			}},
		{name: "datetime", columns: []string{"`at` datetime(6) NOT NULL"}, key: []string{"at"}, types: []string{"datetime(6)"},
			row: lit("'2024-02-29 23:59:59' + INTERVAL %d * 1001 MICROSECOND")},
		{name: "varchar_case_insensitive", columns: []string{"`code` varchar(20) NOT NULL"}, key: []string{"code"}, types: []string{"varchar(20)"},
			row: func(n int) []string {
				c := "k"
				if n%2 == 0 {
					c = "K"
				}
				return []string{fmt.Sprintf("'%s%05d'", c, n)}
			}},
		{name: "varchar_other_charset_binary_collation", columns: []string{"`code` varchar(20) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL"},
			key: []string{"code"}, types: []string{"varchar(20) CHARACTER SET latin1 COLLATE latin1_bin"},
			row: func(n int) []string {
				c := "a"
				if n%2 == 0 {
					c = "B"
				}
				return []string{fmt.Sprintf("'%s%05d'", c, n)}
			}},
		{name: "decimal_with_condition", columns: []string{"`amount` decimal(12,3) NOT NULL"}, key: []string{"amount"},
			types: []string{"decimal(12,3)"}, row: lit("%d * 1.001"), where: "`v` IS NULL OR `v` >= 0"},
	}
}

// backfill is the case's backfill of table t: v = COALESCE(v, 0) + 1, so
// that a row updated twice or never shows.
func (c backfillKeyCase) backfill(database string, size int) dialects.Backfill {
	return dialects.Backfill{Table: schema.QName{Schema: database, Name: "t"}, Key: c.key, KeyTypes: c.types,
		Set: []dialects.Assignment{{Column: "v", Expr: "COALESCE(`v`, 0) + 1"}}, Where: c.where, BatchSize: size}
}

// TestBackfillSQL writes each case's batch statements and hand-run script
// to testdata/backfill (golden).
func TestBackfillSQL(t *testing.T) {
	for _, c := range backfillKeyCases() {
		t.Run(c.name, func(t *testing.T) {
			d := Dialect{Database: "shop"}
			b := c.backfill("shop", 500)
			var sb strings.Builder
			for _, part := range []struct{ name, sql string }{
				{"upper bound", d.KeysetUpperBound(b)},
				{"first batch", d.KeysetFirstBatch(b)},
				{"first update", d.KeysetFirstUpdate(b)},
				{"batch", d.KeysetBatch(b)},
				{"update", d.KeysetUpdate(b)},
				{"script", d.BackfillSQL(b)},
			} {
				fmt.Fprintf(&sb, "-- %s\n%s\n\n", part.name, strings.TrimRight(part.sql, "\n"))
			}
			compareGolden(t, filepath.Join("testdata", "backfill", c.name+".golden"), []byte(sb.String()))
		})
	}
}

// TestValidateBackfill: a backfill needs a table, a key, an assignment,
// and as many key types as key columns when it gives them; the hand-run
// procedure of an invalid one raises that error.
func TestValidateBackfill(t *testing.T) {
	ok := dialects.Backfill{Table: schema.QName{Schema: "shop", Name: "t"}, Key: []string{"id"}, KeyTypes: []string{"int"},
		Set: []dialects.Assignment{{Column: "v", Expr: "1"}}}
	cases := []struct {
		name string
		edit func(b *dialects.Backfill)
		want string
	}{
		{"valid", func(*dialects.Backfill) {}, ""},
		{"valid without key types", func(b *dialects.Backfill) { b.KeyTypes = nil }, ""},
		{"no table", func(b *dialects.Backfill) { b.Table = schema.QName{} }, "no table given"},
		{"no key", func(b *dialects.Backfill) { b.Key, b.KeyTypes = nil, nil }, "no primary key"},
		{"no assignment", func(b *dialects.Backfill) { b.Set = nil }, "no column to set"},
		{"empty expression", func(b *dialects.Backfill) { b.Set[0].Expr = " " }, "needs both a column and an expression"},
		{"key types do not match", func(b *dialects.Backfill) { b.KeyTypes = []string{"int", "int"} }, "2 key types for 1 key columns"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := ok
			b.Set = append([]dialects.Assignment(nil), ok.Set...)
			c.edit(&b)
			err := dialects.ValidateBackfill(b)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error %v, want %q", err, c.want)
			}
			create := Dialect{Database: "shop"}.BackfillStatements(b)[1]
			if signals := strings.Contains(create, "SIGNAL SQLSTATE"); signals != (c.want != "" || b.KeyTypes == nil) {
				t.Fatalf("the procedure raises an error: %v, want %v:\n%s", signals, c.want != "" || b.KeyTypes == nil, create)
			}
		})
	}
}

// TestFillNullsRecipes writes the recipes of a NOT NULL with a backfill on
// an existing column to testdata/backfill (golden): keyset batches over the
// primary key, else over a unique key on NOT NULL columns, else (no such
// key) one UPDATE with a TABLE_SCAN hazard; the pre-flight counts the rows
// the backfill leaves NULL.
func TestFillNullsRecipes(t *testing.T) {
	cases := []struct {
		name string
		edit func(cur *schema.Table)
	}{
		{"primary_key", func(*schema.Table) {}},
		{"unique_not_null_key", func(cur *schema.Table) {
			cur.PrimaryKey = nil
			cur.Column("id").Nullable = true
			cur.Column("code").Nullable = false
			cur.Indexes = append(cur.Indexes, &schema.Index{Name: "by_code", Unique: true, Parts: []schema.IndexPart{{Column: "code"}}})
		}},
		{"no_key", func(cur *schema.Table) { cur.PrimaryKey = nil }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cur := recipeTable()
			c.edit(cur)
			des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
			to := des.Tables[0].Column("qty")
			to.Nullable, to.Backfill = false, "COALESCE(owner_id, 0) + 1"
			env := &dialects.Env{Version: mariaDB1011, Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des,
				NewTables: map[schema.QName]bool{}, BatchSize: 250}
			actions, err := Dialect{Database: "shop"}.Recipe(schema.AlterColumn{T: des.Tables[0], From: cur.Column("qty"), To: to, Changes: schema.ChangeNull}, env)
			compareGolden(t, filepath.Join("testdata", "backfill", "recipe_"+c.name+".golden"), []byte(describeActions(actions, err)))
		})
	}
}
