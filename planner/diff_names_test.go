package planner

import (
	"slices"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// foldingDialect is the fake dialect with MySQL's comparison of names:
// columns, indexes and constraints without regard to case, tables too when
// tables is set (lower_case_table_names ≠ 0).
type foldingDialect struct {
	fakeDialect
	tables bool
}

// FoldName implements dialects.NameFolder.
func (f foldingDialect) FoldName(k dialects.NameKind, name string) string {
	if k == dialects.NameTable && !f.tables {
		return name
	}
	return strings.ToLower(name)
}

// TestDiffForCaseOnlyNames: on a dialect that folds names, a desired name
// that differs from the current one only in case is the current object
// (nothing planned for it, the database keeps its spelling, and the changes
// name it as the database does); the exact dialect keeps matching names
// exactly.
func TestDiffForCaseOnlyNames(t *testing.T) {
	mysql, mysqlLowerTables, exact := foldingDialect{}, foldingDialect{tables: true}, dialects.Dialect(fakeDialect{})
	users := func(edits ...func(*schema.Table)) *schema.Table {
		return with(tbl("users", col("Name", "varchar(100)")), edits...)
	}
	tests := []struct {
		name             string
		d                dialects.Dialect
		current, desired *schema.Schema
		want             []string
	}{
		{
			name:    "a column spelled in another case is the same column",
			d:       mysql,
			current: sch(users()),
			desired: sch(tbl("users", col("name", "varchar(100)"), col("email", "varchar(200)"))),
			want:    []string{"add_column public.users.email"},
		},
		{
			name:    "an exact dialect drops and adds it",
			d:       exact,
			current: sch(users()),
			desired: sch(tbl("users", col("name", "varchar(100)"))),
			want:    []string{"add_column public.users.name", "drop_column public.users.Name"},
		},
		{
			name:    "a changed column keeps the database's spelling",
			d:       mysql,
			current: sch(users()),
			desired: sch(tbl("users", col("NAME", "varchar(200)"))),
			want:    []string{"alter_column public.users.Name [type]"},
		},
		{
			name: "keys, indexes and checks on it follow",
			d:    mysql,
			current: sch(users(func(t *schema.Table) {
				t.Indexes = []*schema.Index{idx("By_Name", "Name")}
				t.Checks = []*schema.Check{{Name: "Name_Set", Expr: "`Name` <> ''"}}
				t.Uniques = []*schema.Unique{{Name: "Uq", Columns: []string{"Name"}}}
			})),
			desired: sch(with(tbl("users", col("name", "varchar(100)")), func(t *schema.Table) {
				t.Indexes = []*schema.Index{idx("by_name", "name")}
				t.Checks = []*schema.Check{{Name: "name_set", Expr: "`name` <> ''"}}
				t.Uniques = []*schema.Unique{{Name: "UQ", Columns: []string{"NAME"}}}
			})),
			want: []string{},
		},
		{
			name:    "a changed index is replaced under the database's spelling",
			d:       mysql,
			current: sch(users(func(t *schema.Table) { t.Indexes = []*schema.Index{idx("By_Name", "Name")} })),
			desired: sch(with(tbl("users", col("name", "varchar(100)")), func(t *schema.Table) {
				t.Indexes = []*schema.Index{idx("by_name", "name", "id")}
			})),
			want: []string{"drop_index public.By_Name", "add_index public.By_Name"},
		},
		{
			name: "foreign keys: their own columns, the referenced columns and the constraint name",
			d:    mysql,
			current: sch(users(), with(tbl("posts", col("Author", "varchar(100)")), addFK(&schema.ForeignKey{Name: "Posts_Author",
				Columns: []string{"Author"}, RefSchema: "public", RefTable: "users", RefColumns: []string{"Name"}}))),
			desired: sch(tbl("users", col("name", "varchar(100)")), with(tbl("posts", col("author", "varchar(100)")), addFK(&schema.ForeignKey{
				Name: "posts_author", Columns: []string{"AUTHOR"}, RefSchema: "public", RefTable: "users", RefColumns: []string{"NAME"}}))),
			want: []string{},
		},
		{
			name:    "a rename hint naming the column in another case renames it",
			d:       mysql,
			current: sch(users()),
			desired: sch(tbl("users", &schema.Column{Name: "full_name", Type: "varchar(100)", Nullable: true, RenamedFrom: "name"})),
			want:    []string{"rename_column public.users.full_name from Name"},
		},
		{
			name:    "a rename hint to the same column in another case is stale",
			d:       mysql,
			current: sch(users()),
			desired: sch(tbl("users", &schema.Column{Name: "NAME", Type: "varchar(100)", Nullable: true, RenamedFrom: "old_name"})),
			want:    []string{},
		},
		{
			name:    "tables are compared as written unless the server folds them",
			d:       mysql,
			current: sch(tbl("Users")),
			desired: sch(tbl("users")),
			want:    []string{"add_table public.users", "drop_table public.Users"},
		},
		{
			name:    "with lower_case_table_names a table in another case is the same table, and so are references to it",
			d:       mysqlLowerTables,
			current: sch(tbl("Users"), with(tbl("posts", col("user_id", "bigint")), addFK(fk("posts_user", "user_id", "Users")))),
			desired: sch(tbl("users"), with(tbl("posts", col("user_id", "bigint")), addFK(fk("posts_user", "user_id", "USERS")))),
			want:    []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes, err := DiffFor(tt.d, tt.current, tt.desired)
			if err != nil {
				t.Fatal(err)
			}
			if got := describeAll(changes); !slices.Equal(got, tt.want) {
				t.Errorf("changes:%s\nwant:%s", lines(got), lines(tt.want))
			}
		})
	}
}

// TestAdoptCurrentSpellingRewritesReferences: respelling a column rewrites
// every reference to it in the desired table — key and index columns,
// expressions (not string literals, not function names) — and an object the
// desired state already spells the current way keeps its own name.
func TestAdoptCurrentSpellingRewritesReferences(t *testing.T) {
	cur := with(tbl("t", col("Qty", "int"), col("Year", "int")), func(t *schema.Table) {
		t.Indexes = []*schema.Index{idx("Ix", "Qty")}
	})
	des := with(tbl("t", col("qty", "int"), col("year", "int")), func(t *schema.Table) {
		t.PrimaryKey.Columns = []string{"id", "QTY"}
		t.Indexes = []*schema.Index{idx("ix", "qty"), idx("IX2", "year"), {Name: "e", Parts: []schema.IndexPart{{Expr: "(qty * 2)"}}}}
		t.Checks = []*schema.Check{{Name: "c", Expr: "qty > 0 AND year(now()) > 2000 AND 'qty' <> `QTY`"}}
		t.Columns[1].Generated = "year + 1"
	})
	AdoptCurrentSpelling(foldingDialect{}, sch(cur), sch(des))
	got := []string{
		strings.Join(columnNames(des), ","),
		strings.Join(des.PrimaryKey.Columns, ","),
		des.Indexes[0].Name + "(" + des.Indexes[0].Parts[0].Column + ")",
		des.Indexes[1].Name + "(" + des.Indexes[1].Parts[0].Column + ")",
		des.Indexes[2].Parts[0].Expr,
		des.Checks[0].Expr,
		des.Columns[1].Generated,
	}
	want := []string{
		"id,Qty,Year",
		"id,Qty",
		"Ix(Qty)",
		"IX2(Year)",
		"(Qty * 2)",
		"Qty > 0 AND year(now()) > 2000 AND 'qty' <> `Qty`",
		"Year + 1",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%d: got %q, want %q", i, got[i], want[i])
		}
	}
	// The exact dialect changes nothing.
	des2 := tbl("t", col("qty", "int"))
	AdoptCurrentSpelling(fakeDialect{}, sch(cur), sch(des2))
	if des2.Columns[1].Name != "qty" {
		t.Errorf("exact dialect respelled %q", des2.Columns[1].Name)
	}
}
