package planner

import (
	"slices"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

func typed(name, typ string) func(*schema.Table) {
	return func(t *schema.Table) { t.Column(name).Type = typ }
}

func notNullCol(name, typ string) *schema.Column { return &schema.Column{Name: name, Type: typ} }

// TestDiffKeyDependents checks the order of the changes around a primary
// key or unique constraint that foreign keys use, and that type changes of
// columns joined by foreign keys stay together.
func TestDiffKeyDependents(t *testing.T) {
	tests := []struct {
		name             string
		current, desired *schema.Schema
		want             []string
	}{
		{
			name: "primary key replaced: the kept foreign key to it is dropped before and added after",
			current: sch(with(tbl("accounts", notNullCol("tenant", "bigint"))),
				with(tbl("orders", col("account_id", "bigint")), addFK(fk("orders_account_fk", "account_id", "accounts")))),
			desired: sch(with(tbl("accounts", notNullCol("tenant", "bigint")), pkColumns("tenant", "id"), addUnique("accounts_id_key", "id")),
				with(tbl("orders", col("account_id", "bigint")), addFK(fk("orders_account_fk", "account_id", "accounts")))),
			want: []string{"drop_foreign_key public.orders.orders_account_fk", "drop_primary_key public.accounts", "add_primary_key public.accounts",
				"add_unique public.accounts.accounts_id_key", "add_foreign_key public.orders.orders_account_fk"},
		},
		{
			name: "primary key replaced: a changed foreign key to it is split around it",
			current: sch(with(tbl("items", notNullCol("supplier", "bigint"))),
				with(tbl("prices", col("item_id", "bigint"), col("supplier", "bigint")), addFK(fk("prices_item_fk", "item_id", "items")))),
			desired: sch(with(tbl("items", notNullCol("supplier", "bigint")), pkColumns("supplier", "id")),
				with(tbl("prices", col("item_id", "bigint"), col("supplier", "bigint")), addFK(&schema.ForeignKey{Name: "prices_item_fk",
					Columns: []string{"supplier", "item_id"}, RefSchema: "public", RefTable: "items", RefColumns: []string{"supplier", "id"}}))),
			want: []string{"drop_foreign_key public.prices.prices_item_fk", "drop_primary_key public.items", "add_primary_key public.items",
				"add_foreign_key public.prices.prices_item_fk"},
		},
		{
			name: "primary key replaced: the foreign key of a dropped table is dropped before it",
			current: sch(with(tbl("users", notNullCol("user_id", "bigint"))),
				with(tbl("taggings", col("user_id", "bigint")), addFK(fk("taggings_user_fk", "user_id", "users")))),
			desired: sch(with(tbl("users", notNullCol("user_id", "bigint")), pkColumns("user_id"))),
			want: []string{"drop_foreign_key public.taggings.taggings_user_fk", "drop_primary_key public.users", "add_primary_key public.users",
				"drop_table public.taggings"},
		},
		{
			name: "unique constraint replaced: the foreign key to it is rebuilt around it",
			current: sch(with(tbl("codes", notNullCol("code", "text"), notNullCol("lang", "text")), addUnique("codes_key", "code")),
				with(tbl("uses", col("code", "text")), addFK(&schema.ForeignKey{Name: "uses_code_fk", Columns: []string{"code"},
					RefSchema: "public", RefTable: "codes", RefColumns: []string{"code"}}))),
			desired: sch(with(tbl("codes", notNullCol("code", "text"), notNullCol("lang", "text")), addUnique("codes_key", "code", "lang"),
				addUnique("codes_code_key", "code")),
				with(tbl("uses", col("code", "text")), addFK(&schema.ForeignKey{Name: "uses_code_fk", Columns: []string{"code"},
					RefSchema: "public", RefTable: "codes", RefColumns: []string{"code"}}))),
			want: []string{"drop_foreign_key public.uses.uses_code_fk", "add_unique public.codes.codes_code_key",
				"drop_unique public.codes.codes_key", "add_unique public.codes.codes_key", "add_foreign_key public.uses.uses_code_fk"},
		},
		{
			name: "key columns retyped together, before an index on one of them",
			current: sch(with(tbl("z_authors"), typed("id", "integer")),
				with(tbl("a_books", col("author_id", "integer")), addFK(fk("a_books_author_fk", "author_id", "z_authors")))),
			desired: sch(with(tbl("z_authors")),
				with(tbl("a_books", col("author_id", "bigint")), addFK(fk("a_books_author_fk", "author_id", "z_authors")),
					addIndex(idx("a_books_author_idx", "author_id")))),
			want: []string{"alter_column public.a_books.author_id [type]", "alter_column public.z_authors.id [type]",
				"add_index public.a_books_author_idx"},
		},
		{
			name: "an index on the referenced table's column waits for the joined type changes",
			current: sch(with(tbl("a_books", col("author_id", "integer")), addFK(fk("a_books_author_fk", "author_id", "z_authors"))),
				with(tbl("z_authors"), typed("id", "integer"))),
			desired: sch(with(tbl("a_books", col("author_id", "bigint")), addFK(fk("a_books_author_fk", "author_id", "z_authors"))),
				with(tbl("z_authors"), addIndex(idx("z_authors_id_idx", "id")))),
			want: []string{"alter_column public.a_books.author_id [type]", "alter_column public.z_authors.id [type]",
				"add_index public.z_authors_id_idx"},
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

// TestBuildEnvRebuiltForeignKeys checks which foreign keys the dialect is
// told are rebuilt around a dropped or replaced key.
func TestBuildEnvRebuiltForeignKeys(t *testing.T) {
	cur := sch(with(tbl("items", notNullCol("supplier", "bigint"))),
		with(tbl("prices", col("item_id", "bigint"), col("supplier", "bigint")), addFK(fk("prices_item_fk", "item_id", "items"))),
		with(tbl("stock", col("item_id", "bigint")), addFK(fk("stock_item_fk", "item_id", "items"))),
		with(tbl("notes", col("item_id", "bigint")), addFK(fk("notes_other_fk", "item_id", "prices"))))
	des := sch(with(tbl("items", notNullCol("supplier", "bigint")), pkColumns("supplier", "id"), addUnique("items_id_key", "id")),
		with(tbl("prices", col("item_id", "bigint"), col("supplier", "bigint")), addFK(&schema.ForeignKey{Name: "prices_item_fk",
			Columns: []string{"supplier", "item_id"}, RefSchema: "public", RefTable: "items", RefColumns: []string{"supplier", "id"}})),
		with(tbl("stock", col("item_id", "bigint")), addFK(fk("stock_item_fk", "item_id", "items"))),
		with(tbl("notes", col("item_id", "bigint")), addFK(fk("notes_other_fk", "item_id", "prices"))))
	changes, err := Diff(cur, des)
	if err != nil {
		t.Fatal(err)
	}
	d := &envRecorder{}
	if _, err := Build(changes, cur, des, d, Options{}); err != nil {
		t.Fatal(err)
	}
	want := map[dialects.ForeignKeyRef]bool{
		{Table: qname("prices"), Name: "prices_item_fk"}: true,
		{Table: qname("stock"), Name: "stock_item_fk"}:   true,
	}
	got := d.seen.RebuiltForeignKeys
	if len(got) != len(want) {
		t.Fatalf("RebuiltForeignKeys = %v, want %v", got, want)
	}
	for k := range want {
		if !got[k] {
			t.Errorf("RebuiltForeignKeys lacks %v (got %v)", k, got)
		}
	}
}
