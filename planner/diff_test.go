package planner

import (
	"errors"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name             string
		current, desired *schema.Schema
		want             []string
	}{
		{
			name:    "no changes",
			current: sch(tbl("a", col("x", "text"))), desired: sch(tbl("a", col("x", "text"))),
			want: []string{},
		},
		{
			name:    "new namespace and everything in it, types before tables before views",
			current: sch(ns("public")),
			desired: sch(ns("public"), ns("app"), enum("app.mood", "a", "b"), seq("app.s", 1),
				tbl("app.t", col("m", "app.mood")), view("app.v", "SELECT * FROM app.t", "app.t")),
			want: []string{"add_schema app", "add_enum app.mood", "add_sequence app.s", "add_table app.t", "add_view app.v"},
		},
		{
			name: "namespace dropped after everything in it, public never dropped",
			current: sch(ns("public"), ns("old"), tbl("old.t"), enum("old.e", "x"), seq("old.s", 1),
				view("old.v", "SELECT 1 FROM old.t", "old.t")),
			desired: sch(),
			want:    []string{"drop_view old.v", "drop_table old.t", "drop_sequence old.s", "drop_enum old.e", "drop_schema old"},
		},
		{
			name:    "namespace used by a desired table is not dropped",
			current: sch(ns("app"), tbl("app.t")), desired: sch(tbl("app.t")),
			want: []string{},
		},
		{
			name:    "namespace comment",
			current: sch(&schema.Namespace{Name: "app", Comment: "x"}), desired: sch(&schema.Namespace{Name: "app", Comment: "y"}),
			want: []string{"set_schema_comment app"},
		},
		{
			name:    "new tables referencing each other: foreign keys after both tables",
			current: sch(),
			desired: sch(with(tbl("a_child", col("parent_id", "bigint")), addFK(fk("a_child_parent_fk", "parent_id", "b_parent"))), tbl("b_parent")),
			want:    []string{"add_table public.a_child", "add_table public.b_parent", "add_foreign_key public.a_child.a_child_parent_fk"},
		},
		{
			name:    "foreign key from an existing table to a new table",
			current: sch(tbl("orders")),
			desired: sch(with(tbl("orders", col("customer_id", "bigint")), addFK(fk("orders_customer_fk", "customer_id", "customers"))), tbl("customers")),
			want:    []string{"add_table public.customers", "add_column public.orders.customer_id", "add_foreign_key public.orders.orders_customer_fk"},
		},
		{
			name: "dropped tables: referencing tables first",
			current: sch(tbl("a_parent"),
				with(tbl("z_child", col("p", "bigint")), addFK(fk("z_child_p_fk", "p", "a_parent"))),
				with(tbl("m_grandchild", col("c", "bigint")), addFK(fk("m_grandchild_c_fk", "c", "z_child")))),
			desired: sch(),
			want:    []string{"drop_table public.m_grandchild", "drop_table public.z_child", "drop_table public.a_parent"},
		},
		{
			name: "dropped tables in a reference cycle: their cycle's foreign keys go first",
			current: sch(with(tbl("a", col("b_id", "bigint")), addFK(fk("a_b_fk", "b_id", "b"))),
				with(tbl("b", col("a_id", "bigint")), addFK(fk("b_a_fk", "a_id", "a")))),
			desired: sch(),
			want:    []string{"drop_foreign_key public.a.a_b_fk", "drop_foreign_key public.b.b_a_fk", "drop_table public.a", "drop_table public.b"},
		},
		{
			name:    "self-referencing dropped table needs no separate drop",
			current: sch(with(tbl("tree", col("parent", "bigint")), addFK(fk("tree_parent_fk", "parent", "tree")))),
			desired: sch(),
			want:    []string{"drop_table public.tree"},
		},
		{
			name:    "foreign key of a surviving table to a dropped table",
			current: sch(tbl("customers"), with(tbl("orders", col("customer_id", "bigint")), addFK(fk("orders_customer_fk", "customer_id", "customers")))),
			desired: sch(tbl("orders", col("customer_id", "bigint"))),
			want:    []string{"drop_foreign_key public.orders.orders_customer_fk", "drop_table public.customers"},
		},
		{
			name: "a dropped table yields only its drop",
			current: sch(with(tbl("t", col("x", "int")), addIndex(idx("t_x_idx", "x")),
				addCheck("t_x_chk", "x > 0"), addUnique("t_x_key", "x"))),
			desired: sch(),
			want:    []string{"drop_table public.t"},
		},
		{
			name:    "foreign key dropped with its column: key first",
			current: sch(tbl("parent"), with(tbl("t", col("p", "bigint")), addFK(fk("t_p_fk", "p", "parent")))),
			desired: sch(tbl("parent"), tbl("t")),
			want:    []string{"drop_foreign_key public.t.t_p_fk", "drop_column public.t.p"},
		},
		{
			name:    "removals: indexes, checks, uniques",
			current: sch(with(tbl("t", col("a", "int"), col("b", "int")), addIndex(idx("i", "a")), addUnique("u", "b"), addCheck("k", "a > 0"))),
			desired: sch(tbl("t", col("a", "int"), col("b", "int"))),
			want:    []string{"drop_index public.i", "drop_check public.t.k", "drop_unique public.t.u"},
		},
		{
			name:    "renamed table: columns diffed against the old table, implicit names follow",
			current: sch(with(tbl("accounts", col("email", "text")), addIndex(idx("accounts_email_idx", "email")))),
			desired: sch(with(tbl("users", col("email", "text"), col("name", "text")), renamedFrom("accounts"),
				addIndex(idx("users_email_idx", "email")), pkName("users_pkey"))),
			want: []string{"rename_table public.users from public.accounts", "add_column public.users.name",
				"rename_constraint public.users.users_pkey from accounts_pkey", "rename_index public.users_email_idx from accounts_email_idx"},
		},
		{
			name:    "table hint with a schema",
			current: sch(tbl("old.accounts")), desired: sch(with(tbl("users"), renamedFrom("old.accounts"), pkName("accounts_pkey"))),
			want: []string{"rename_table public.users from old.accounts"},
		},
		{
			name:    "stale table hint: the new name exists already",
			current: sch(tbl("accounts"), tbl("users")), desired: sch(with(tbl("users"), renamedFrom("accounts"))),
			want: []string{"drop_table public.accounts"},
		},
		{
			name:    "table hint whose old table is absent: created",
			current: sch(), desired: sch(with(tbl("users"), renamedFrom("accounts"))),
			want: []string{"add_table public.users"},
		},
		{
			name:    "foreign key to a renamed table is unchanged",
			current: sch(tbl("accounts"), with(tbl("orders", col("a", "bigint")), addFK(fk("orders_a_fk", "a", "accounts")))),
			desired: sch(with(tbl("users"), renamedFrom("accounts"), pkName("accounts_pkey")),
				with(tbl("orders", col("a", "bigint")), addFK(fk("orders_a_fk", "a", "users")))),
			want: []string{"rename_table public.users from public.accounts"},
		},
		{
			name:    "renamed column: indexes and checks on it are unchanged",
			current: sch(with(tbl("t", col("old", "text")), addIndex(idx("t_idx", "old")), addCheck("t_chk", "old <> 'old'"))),
			desired: sch(with(tbl("t", renamed(col("new", "text"), "old")), addIndex(idx("t_idx", "new")), addCheck("t_chk", "new <> 'old'"))),
			want:    []string{"rename_column public.t.new from old"},
		},
		{
			name:    "renamed and altered column",
			current: sch(tbl("t", col("old", "int"))),
			desired: sch(tbl("t", renamed(col("new", "bigint"), "old"))),
			want:    []string{"rename_column public.t.new from old", "alter_column public.t.new [type]"},
		},
		{
			name:    "stale column hint: the new column exists already",
			current: sch(tbl("t", col("old", "text"), col("new", "text"))), desired: sch(tbl("t", renamed(col("new", "text"), "old"))),
			want: []string{"drop_column public.t.old"},
		},
		{
			name:    "column hint whose old column is absent: added",
			current: sch(tbl("t")), desired: sch(tbl("t", renamed(col("new", "text"), "old"))),
			want: []string{"add_column public.t.new"},
		},
		{
			name: "every column attribute",
			current: sch(tbl("t", col("a", "int"), col("b", "text"), col("c", "int"), col("d", "int"), col("e", "text"),
				col("f", "text"), col("g", "text"), col("h", "text"))),
			desired: sch(tbl("t", &schema.Column{Name: "a", Type: "bigint"}, &schema.Column{Name: "b", Type: "text", Nullable: true, Default: "'x'"},
				&schema.Column{Name: "c", Type: "int", Nullable: true, Identity: schema.IdentityAlways},
				&schema.Column{Name: "d", Type: "int", Nullable: true, Generated: "a * 2"},
				&schema.Column{Name: "e", Type: "text", Nullable: true, Collation: "C"},
				&schema.Column{Name: "f", Type: "text", Nullable: true, Comment: "note"},
				&schema.Column{Name: "g", Type: "text", Nullable: true, Attrs: map[string]string{"charset": "utf8mb4"}},
				col("h", "text"))),
			want: []string{"alter_column public.t.a [type|null]", "alter_column public.t.b [default]", "alter_column public.t.c [identity]",
				"alter_column public.t.d [generated]", "alter_column public.t.e [collation]", "alter_column public.t.f [comment]",
				"alter_column public.t.g [attrs]"},
		},
		{
			name:    "columns added in the desired order, dropped at the end",
			current: sch(tbl("t", col("x", "int"), col("y", "int"))),
			desired: sch(tbl("t", col("y", "int"), col("z", "int"), col("a", "int"))),
			want:    []string{"add_column public.t.z", "add_column public.t.a", "drop_column public.t.x"},
		},
		{
			name:    "primary key added",
			current: sch(with(tbl("t"), pkName(""), noPK)), desired: sch(tbl("t")),
			want: []string{"add_primary_key public.t"},
		},
		{
			name:    "primary key dropped",
			current: sch(tbl("t")), desired: sch(with(tbl("t"), noPK)),
			want: []string{"drop_primary_key public.t"},
		},
		{
			name:    "primary key replaced",
			current: sch(tbl("t", col("x", "int"))), desired: sch(with(tbl("t", col("x", "int")), pkColumns("id", "x"))),
			want: []string{"drop_primary_key public.t", "add_primary_key public.t"},
		},
		{
			name:    "primary key renamed",
			current: sch(tbl("t")), desired: sch(with(tbl("t"), pkName("t_pk"))),
			want: []string{"rename_constraint public.t.t_pk from t_pkey"},
		},
		{
			name:    "primary key without a desired name keeps the current one",
			current: sch(tbl("t")), desired: sch(with(tbl("t"), pkName(""))),
			want: []string{},
		},
		{
			name:    "unique changed: drop and add adjacent, at the add's position",
			current: sch(with(tbl("t", col("a", "int"), col("b", "int")), addUnique("u1", "a"))),
			desired: sch(with(tbl("t", col("a", "int"), col("b", "int"), col("c", "int")), addUnique("u1", "a", "c"), addCheck("k1", "a > 0"))),
			want:    []string{"add_column public.t.c", "drop_unique public.t.u1", "add_unique public.t.u1", "add_check public.t.k1"},
		},
		{
			name:    "unique deferrable changed",
			current: sch(with(tbl("t", col("a", "int")), addUnique("u", "a"))),
			desired: sch(with(tbl("t", col("a", "int")), addUnique("u", "a"), func(t *schema.Table) { t.Uniques[0].Deferrable = true })),
			want:    []string{"drop_unique public.t.u", "add_unique public.t.u"},
		},
		{
			name:    "check changed",
			current: sch(with(tbl("t", col("a", "int")), addCheck("k", "a > 0"))),
			desired: sch(with(tbl("t", col("a", "int")), addCheck("k", "a > 1"))),
			want:    []string{"drop_check public.t.k", "add_check public.t.k"},
		},
		{
			name:    "foreign key action changed: replaced with the foreign keys",
			current: sch(tbl("p"), with(tbl("t", col("a", "bigint")), addFK(fk("f", "a", "p")))),
			desired: sch(tbl("p"), with(tbl("t", col("a", "bigint")), addFK(&schema.ForeignKey{Name: "f", Columns: []string{"a"},
				RefSchema: "public", RefTable: "p", RefColumns: []string{"id"}, OnDelete: schema.ActionCascade}), addIndex(idx("t_a", "a")))),
			want: []string{"add_index public.t_a", "drop_foreign_key public.t.f", "add_foreign_key public.t.f"},
		},
		{
			name:    "foreign key: no action is the default action",
			current: sch(tbl("p"), with(tbl("t", col("a", "bigint")), addFK(fk("f", "a", "p")))),
			desired: sch(tbl("p"), with(tbl("t", col("a", "bigint")), addFK(&schema.ForeignKey{Name: "f", Columns: []string{"a"},
				RefSchema: "public", RefTable: "p", RefColumns: []string{"id"}, OnDelete: schema.ActionNoAction, OnUpdate: schema.ActionNoAction}))),
			want: []string{},
		},
		{
			name:    "index, check and foreign key renamed",
			current: sch(tbl("p"), with(tbl("t", col("a", "bigint")), addIndex(idx("i_old", "a")), addCheck("c_old", "a > 0"), addFK(fk("f_old", "a", "p")))),
			desired: sch(tbl("p"), with(tbl("t", col("a", "bigint")), addIndex(idx("i_new", "a")), addCheck("c_new", "a > 0"), addFK(fk("f_new", "a", "p")))),
			want: []string{"rename_index public.i_new from i_old", "rename_constraint public.t.c_new from c_old",
				"rename_constraint public.t.f_new from f_old"},
		},
		{
			name:    "enum values appended",
			current: sch(enum("mood", "a", "b")), desired: sch(enum("mood", "a", "b", "c", "d")),
			want: []string{"add_enum_value public.mood c", "add_enum_value public.mood d"},
		},
		{
			name:    "enum value inserted in the middle",
			current: sch(enum("mood", "a", "c")), desired: sch(enum("mood", "a", "b", "c")),
			want: []string{"add_enum_value public.mood b after a"},
		},
		{
			name:    "enum values inserted at the beginning",
			current: sch(enum("mood", "b", "c")), desired: sch(enum("mood", "x", "y", "b", "c")),
			want: []string{"add_enum_value public.mood x before b", "add_enum_value public.mood y after x"},
		},
		{
			name:    "enum value removed: replaced",
			current: sch(enum("mood", "a", "b")), desired: sch(enum("mood", "a")),
			want: []string{"replace_enum public.mood"},
		},
		{
			name:    "enum values reordered: replaced",
			current: sch(enum("mood", "a", "b")), desired: sch(enum("mood", "b", "a")),
			want: []string{"replace_enum public.mood"},
		},
		{
			name:    "enum dropped after the table using it",
			current: sch(enum("mood", "a"), tbl("t", col("m", "mood"))), desired: sch(),
			want: []string{"drop_table public.t", "drop_enum public.mood"},
		},
		{
			name:    "enum created before the column using it",
			current: sch(tbl("t")), desired: sch(enum("mood", "a"), tbl("t", col("m", "public.mood"))),
			want: []string{"add_enum public.mood", "add_column public.t.m"},
		},
		{
			name:    "sequences",
			current: sch(seq("s1", 1), seq("s2", 1)), desired: sch(seq("s1", 2), seq("s3", 1)),
			want: []string{"add_sequence public.s3", "alter_sequence public.s1", "drop_sequence public.s2"},
		},
		{
			name:    "view definition changed",
			current: sch(view("v", "SELECT 1")), desired: sch(view("v", "SELECT 2")),
			want: []string{"drop_view public.v", "add_view public.v"},
		},
		{
			name: "views over an altered column: dropped dependents first, re-created after",
			current: sch(tbl("t", col("a", "int")), view("z_base", "SELECT a FROM t", "t"),
				view("a_reader", "SELECT * FROM z_base", "z_base")),
			desired: sch(tbl("t", col("a", "bigint")), view("z_base", "SELECT a FROM t", "t"),
				view("a_reader", "SELECT * FROM z_base", "z_base")),
			want: []string{"drop_view public.a_reader", "drop_view public.z_base", "alter_column public.t.a [type]",
				"add_view public.z_base", "add_view public.a_reader"},
		},
		{
			name:    "view without dependencies: found by the table's name in its definition",
			current: sch(tbl("t", col("a", "int")), view("v", "SELECT a FROM public.t")),
			desired: sch(tbl("t", col("a", "bigint")), view("v", "SELECT a FROM public.t")),
			want:    []string{"drop_view public.v", "alter_column public.t.a [type]", "add_view public.v"},
		},
		{
			name:    "view over a renamed table is re-created",
			current: sch(tbl("accounts"), view("v", "SELECT id FROM accounts", "accounts")),
			desired: sch(with(tbl("users"), renamedFrom("accounts"), pkName("accounts_pkey")), view("v", "SELECT id FROM users", "users")),
			want:    []string{"drop_view public.v", "rename_table public.users from public.accounts", "add_view public.v"},
		},
		{
			name:    "a comment-only column change keeps the view",
			current: sch(tbl("t", col("a", "int")), view("v", "SELECT a FROM t", "t")),
			desired: sch(tbl("t", &schema.Column{Name: "a", Type: "int", Nullable: true, Comment: "c"}), view("v", "SELECT a FROM t", "t")),
			want:    []string{"alter_column public.t.a [comment]"},
		},
		{
			name:    "view comment",
			current: sch(view("v", "SELECT 1")), desired: sch(&schema.View{Schema: "public", Name: "v", Def: "SELECT 1", Comment: "c"}),
			want: []string{"set_view_comment public.v"},
		},
		{
			name:    "a view that goes away is dropped with the removals",
			current: sch(view("v", "SELECT 1")), desired: sch(tbl("n")),
			want: []string{"add_table public.n", "drop_view public.v"},
		},
		{
			name:    "new view over a new table",
			current: sch(), desired: sch(view("a_v", "SELECT * FROM z_t", "z_t"), tbl("z_t")),
			want: []string{"add_table public.z_t", "add_view public.a_v"},
		},
		{
			name:    "table comment and options",
			current: sch(tbl("t")),
			desired: sch(with(tbl("t"), func(t *schema.Table) { t.Comment = "c"; t.Attrs = map[string]string{"engine": "InnoDB"} })),
			want:    []string{"set_table_comment public.t", "set_table_options public.t"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Diff(tc.current, tc.desired)
			if err != nil {
				t.Fatalf("Diff: %v", err)
			}
			if g := describeAll(got); !slices.Equal(g, tc.want) {
				t.Errorf("Diff:%s\nwant:%s", lines(g), lines(tc.want))
			}
		})
	}
}

// Edits for with().

func addFK(f *schema.ForeignKey) func(*schema.Table) {
	return func(t *schema.Table) { t.ForeignKeys = append(t.ForeignKeys, f) }
}

func addIndex(i *schema.Index) func(*schema.Table) {
	return func(t *schema.Table) { t.Indexes = append(t.Indexes, i) }
}

func addCheck(name, expr string) func(*schema.Table) {
	return func(t *schema.Table) { t.Checks = append(t.Checks, &schema.Check{Name: name, Expr: expr}) }
}

func addUnique(name string, cols ...string) func(*schema.Table) {
	return func(t *schema.Table) { t.Uniques = append(t.Uniques, &schema.Unique{Name: name, Columns: cols}) }
}

func renamedFrom(old string) func(*schema.Table) {
	return func(t *schema.Table) { t.RenamedFrom = old }
}

func pkName(n string) func(*schema.Table) { return func(t *schema.Table) { t.PrimaryKey.Name = n } }

func pkColumns(cols ...string) func(*schema.Table) {
	return func(t *schema.Table) { t.PrimaryKey.Columns = cols }
}

func noPK(t *schema.Table) { t.PrimaryKey = nil }

func renamed(c *schema.Column, old string) *schema.Column { c.RenamedFrom = old; return c }

func TestDiffIndexDefinition(t *testing.T) {
	edits := map[string]func(*schema.Index){
		"unique":    func(i *schema.Index) { i.Unique = true },
		"where":     func(i *schema.Index) { i.Where = "a > 0" },
		"using":     func(i *schema.Index) { i.Using = "hash" },
		"include":   func(i *schema.Index) { i.Include = []string{"b"} },
		"desc":      func(i *schema.Index) { i.Parts[0].Desc = true },
		"nulls":     func(i *schema.Index) { i.Parts[0].Nulls = "first" },
		"opclass":   func(i *schema.Index) { i.Parts[0].Opclass = "text_pattern_ops" },
		"collation": func(i *schema.Index) { i.Parts[0].Collation = "C" },
		"length":    func(i *schema.Index) { i.Parts[0].Length = 10 },
		"column":    func(i *schema.Index) { i.Parts[0].Column = "b" },
		"expr":      func(i *schema.Index) { i.Parts[0] = schema.IndexPart{Expr: "lower(a)"} },
		"parts":     func(i *schema.Index) { i.Parts = append(i.Parts, schema.IndexPart{Column: "b"}) },
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			des := idx("i", "a")
			edit(des)
			got, err := Diff(sch(with(tbl("t", col("a", "text"), col("b", "text")), addIndex(idx("i", "a")))),
				sch(with(tbl("t", col("a", "text"), col("b", "text")), addIndex(des))))
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"drop_index public.i", "add_index public.i"}
			if g := describeAll(got); !slices.Equal(g, want) {
				t.Errorf("Diff:%s\nwant:%s", lines(g), lines(want))
			}
		})
	}
}

func TestDiffHintErrors(t *testing.T) {
	tests := []struct {
		name             string
		current, desired *schema.Schema
		wantIn           []string
	}{
		{
			name:    "table hint naming a table the desired schema defines",
			current: sch(tbl("accounts")),
			desired: sch(with(tbl("users"), renamedFrom("accounts"), func(t *schema.Table) { t.Pos = schema.Pos{File: "s.hcl", Line: 3, Column: 1} }), tbl("accounts")),
			wantIn:  []string{"s.hcl:3:1: ", "public.users", "public.accounts", "remove the renamed_from hint"},
		},
		{
			name:    "two tables renamed from one",
			current: sch(tbl("accounts")),
			desired: sch(with(tbl("users"), renamedFrom("accounts")), with(tbl("people"), renamedFrom("accounts"))),
			wantIn:  []string{"public.people", "public.users", "public.accounts"},
		},
		{
			name:    "column hint naming a column the table defines",
			current: sch(tbl("t", col("old", "text"))),
			desired: sch(tbl("t", renamed(col("new", "text"), "old"), col("old", "text"))),
			wantIn:  []string{"column public.t.new", `renamed_from = "old"`, "remove the renamed_from hint or the column old"},
		},
		{
			name:    "two columns renamed from one",
			current: sch(tbl("t", col("old", "text"))),
			desired: sch(tbl("t", renamed(col("a", "text"), "old"), renamed(col("b", "text"), "old"))),
			wantIn:  []string{"public.t.b", "column a is already renamed from"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Diff(tc.current, tc.desired)
			if err == nil {
				t.Fatal("Diff succeeded, want an error")
			}
			for _, s := range tc.wantIn {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
		})
	}
}

func TestDiffCycle(t *testing.T) {
	_, err := Diff(sch(), sch(view("a", "SELECT * FROM b", "b"), view("b", "SELECT * FROM a", "a"), tbl("t")))
	var ce *CycleError
	if !errors.As(err, &ce) {
		t.Fatalf("Diff error = %v, want a *CycleError", err)
	}
	want := []string{"add_view public.a", "add_view public.b"}
	if !slices.Equal(ce.Changes, want) {
		t.Errorf("cycle names %v, want %v", ce.Changes, want)
	}
	if !strings.Contains(err.Error(), "add_view public.a, add_view public.b") {
		t.Errorf("message %q does not name the views", err)
	}
}

func TestDiffNilSchemas(t *testing.T) {
	got, err := Diff(nil, sch(tbl("t")))
	if err != nil || !slices.Equal(describeAll(got), []string{"add_table public.t"}) {
		t.Errorf("Diff(nil, t) = %v, %v", describeAll(got), err)
	}
	got, err = Diff(sch(tbl("t")), nil)
	if err != nil || !slices.Equal(describeAll(got), []string{"drop_table public.t"}) {
		t.Errorf("Diff(t, nil) = %v, %v", describeAll(got), err)
	}
}

// bigPair is a current/desired pair touching every object kind.
func bigPair() (cur, des *schema.Schema) {
	cur = sch(ns("public"), ns("gone"), enum("mood", "a", "c"), enum("gone.e", "x"), seq("s1", 1), seq("s2", 1),
		tbl("accounts", col("email", "text")),
		with(tbl("orders", col("account_id", "bigint"), col("amount", "int"), col("old_note", "text"), col("legacy", "text")),
			addFK(fk("orders_account_fk", "account_id", "accounts")), addIndex(idx("orders_amount_idx", "amount")),
			addCheck("orders_amount_chk", "amount > 0")),
		tbl("gone.t1"), with(tbl("gone.t2", col("t1", "bigint")), addFK(fk("t2_t1_fk", "t1", "gone.t1"))),
		view("order_totals", "SELECT sum(amount) FROM orders", "orders"),
		view("big_orders", "SELECT * FROM order_totals", "order_totals"),
		view("old_view", "SELECT 1"))
	des = sch(ns("public"), ns("app"), enum("mood", "a", "b", "c", "d"), seq("s1", 5), seq("app.s3", 1),
		with(tbl("users", col("email", "text"), col("name", "text")), renamedFrom("accounts"), pkName("users_pkey")),
		with(tbl("orders", col("account_id", "bigint"), col("amount", "bigint"), renamed(col("note", "text"), "old_note"),
			col("region_id", "bigint")),
			addFK(fk("orders_account_fk", "account_id", "users")), addFK(fk("orders_region_fk", "region_id", "app.regions")),
			addIndex(idx("orders_amount_idx", "amount", "account_id")), addCheck("orders_amount_chk", "amount >= 0")),
		tbl("app.regions", col("name", "text")),
		view("order_totals", "SELECT sum(amount) FROM orders", "orders"),
		view("big_orders", "SELECT * FROM order_totals", "order_totals"),
		view("app.region_names", "SELECT name FROM app.regions", "app.regions"))
	return cur, des
}

// shuffled returns a copy of s with every object list shuffled (columns
// keep their order: it is part of the schema).
func shuffled(s *schema.Schema, r *rand.Rand) *schema.Schema {
	c := s.Clone()
	for _, t := range c.Tables {
		r.Shuffle(len(t.Indexes), func(i, j int) { t.Indexes[i], t.Indexes[j] = t.Indexes[j], t.Indexes[i] })
		r.Shuffle(len(t.ForeignKeys), func(i, j int) { t.ForeignKeys[i], t.ForeignKeys[j] = t.ForeignKeys[j], t.ForeignKeys[i] })
		r.Shuffle(len(t.Checks), func(i, j int) { t.Checks[i], t.Checks[j] = t.Checks[j], t.Checks[i] })
	}
	r.Shuffle(len(c.Tables), func(i, j int) { c.Tables[i], c.Tables[j] = c.Tables[j], c.Tables[i] })
	r.Shuffle(len(c.Namespaces), func(i, j int) { c.Namespaces[i], c.Namespaces[j] = c.Namespaces[j], c.Namespaces[i] })
	r.Shuffle(len(c.Enums), func(i, j int) { c.Enums[i], c.Enums[j] = c.Enums[j], c.Enums[i] })
	r.Shuffle(len(c.Sequences), func(i, j int) { c.Sequences[i], c.Sequences[j] = c.Sequences[j], c.Sequences[i] })
	r.Shuffle(len(c.Views), func(i, j int) { c.Views[i], c.Views[j] = c.Views[j], c.Views[i] })
	return c
}

func TestDiffEverythingAndDeterminism(t *testing.T) {
	cur, des := bigPair()
	got, err := Diff(cur, des)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		// Views reading changing tables go first: a replaced enum type
		// (levelTypes) must not find them in its way either.
		"drop_view public.big_orders",
		"drop_view public.order_totals",
		"add_schema app",
		"add_enum_value public.mood b after a",
		"add_enum_value public.mood d",
		"add_sequence app.s3",
		"alter_sequence public.s1",
		"rename_table public.users from public.accounts",
		"add_table app.regions",
		"rename_column public.orders.note from old_note",
		"add_column public.orders.region_id",
		"alter_column public.orders.amount [type]",
		"drop_check public.orders.orders_amount_chk",
		"add_check public.orders.orders_amount_chk",
		"drop_index public.orders_amount_idx",
		"add_index public.orders_amount_idx",
		"add_column public.users.name",
		"rename_constraint public.users.users_pkey from accounts_pkey",
		"add_foreign_key public.orders.orders_region_fk",
		"add_view app.region_names",
		"add_view public.order_totals",
		"add_view public.big_orders",
		"drop_view public.old_view",
		"drop_column public.orders.legacy",
		"drop_table gone.t2",
		"drop_table gone.t1",
		"drop_sequence public.s2",
		"drop_enum gone.e",
		"drop_schema gone",
	}
	if g := describeAll(got); !slices.Equal(g, want) {
		t.Fatalf("Diff:%s\nwant:%s", lines(g), lines(want))
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 50; i++ {
		again, err := Diff(shuffled(cur, r), shuffled(des, r))
		if err != nil {
			t.Fatal(err)
		}
		if g := describeAll(again); !slices.Equal(g, want) {
			t.Fatalf("shuffle %d changed the order:%s", i, lines(g))
		}
	}
}
