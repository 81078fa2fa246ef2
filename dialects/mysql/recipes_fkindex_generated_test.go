package mysql

import (
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// TestFoldName: columns, indexes and constraints compare without regard to
// case; tables only when the server's lower_case_table_names is not 0.
func TestFoldName(t *testing.T) {
	cases := []struct {
		name string
		d    Dialect
		kind dialects.NameKind
		want string
	}{
		{"column offline", Dialect{}, dialects.NameColumn, "name"},
		{"index", Dialect{}, dialects.NameIndex, "name"},
		{"constraint", Dialect{}, dialects.NameConstraint, "name"},
		{"table offline", Dialect{}, dialects.NameTable, "NaMe"},
		{"table, lower_case_table_names=0", Dialect{Server: &Server{}}, dialects.NameTable, "NaMe"},
		{"table, lower_case_table_names=1", Dialect{Server: &Server{LowerCaseTableNames: 1}}, dialects.NameTable, "name"},
		{"table, lower_case_table_names=2", Dialect{Server: &Server{LowerCaseTableNames: 2}}, dialects.NameTable, "name"},
	}
	for _, c := range cases {
		if got := dialects.FoldName(c.d, c.kind, "NaMe"); got != c.want {
			t.Errorf("%s: FoldName = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestGeneratedIndexPins: a statement after which the server would drop an
// index it may have generated for a foreign key (a plain index on exactly a
// foreign key's columns) pins that index with RENAME INDEX x TO x in the
// same ALTER TABLE: adding, replacing or renaming a foreign key whose
// generated index would take its place (when the desired state keeps it as
// it is), or building an index or primary key that leads with its columns.
func TestGeneratedIndexPins(t *testing.T) {
	const pin = "RENAME INDEX `owner_id` TO `owner_id`"
	ownerIndex := func(cur, des *schema.Table) {
		for _, tb := range []*schema.Table{cur, des} {
			tb.Indexes = append(tb.Indexes, &schema.Index{Name: "owner_id", Parts: []schema.IndexPart{{Column: "owner_id"}}})
		}
	}
	replaceFK := func(cur, des *schema.Table) schema.Change {
		ownerIndex(cur, des)
		des.ForeignKeys[0].RefTable = "admins"
		return schema.AddForeignKey{T: des, FK: des.ForeignKeys[0]}
	}
	addIndex := func(name string, cols ...string) func(cur, des *schema.Table) schema.Change {
		return func(cur, des *schema.Table) schema.Change {
			ownerIndex(cur, des)
			ix := &schema.Index{Name: name}
			for _, c := range cols {
				ix.Parts = append(ix.Parts, schema.IndexPart{Column: c})
			}
			des.Indexes = append(des.Indexes, ix)
			return schema.AddIndex{T: des, I: ix}
		}
	}
	cases := []struct {
		name   string
		change func(cur, des *schema.Table) schema.Change
		// want is the statements' pins: "" none, "same" in the ALTER TABLE
		// that adds the foreign key or builds the key, "alone" in a
		// statement of its own.
		want string
	}{
		{"foreign key replaced: its unnamed index is pinned", replaceFK, "same"},
		{"foreign key renamed: its unnamed index is pinned", func(cur, des *schema.Table) schema.Change {
			ownerIndex(cur, des)
			des.ForeignKeys[0].Name = "owner_fk"
			return schema.RenameConstraint{T: des, From: "items_owner", To: "owner_fk"}
		}, "same"},
		{"foreign key added beside another on the same columns", func(cur, des *schema.Table) schema.Change {
			ownerIndex(cur, des)
			fk := &schema.ForeignKey{Name: "items_owner_2", Columns: []string{"owner_id"}, RefSchema: "shop", RefTable: "admins", RefColumns: []string{"id"}}
			des.ForeignKeys = append(des.ForeignKeys, fk)
			return schema.AddForeignKey{T: des, FK: fk}
		}, "same"},
		{"index named as the foreign key: nothing to keep", func(cur, des *schema.Table) schema.Change {
			c := replaceFK(cur, des)
			cur.Indexes[1].Name, des.Indexes[1].Name = "items_owner", "items_owner"
			return c
		}, ""},
		{"unique index: never generated", func(cur, des *schema.Table) schema.Change {
			c := replaceFK(cur, des)
			cur.Indexes[1].Unique, des.Indexes[1].Unique = true, true
			return c
		}, ""},
		{"index with more columns than the foreign key: never generated", func(cur, des *schema.Table) schema.Change {
			c := replaceFK(cur, des)
			for _, tb := range []*schema.Table{cur, des} {
				tb.Indexes[1].Parts = append(tb.Indexes[1].Parts, schema.IndexPart{Column: "qty"})
			}
			return c
		}, ""},
		{"index the desired state changes: rebuilt anyway", func(cur, des *schema.Table) schema.Change {
			c := replaceFK(cur, des)
			des.Indexes[1].Parts[0].Length = 0
			des.Indexes[1].Parts = append(des.Indexes[1].Parts, schema.IndexPart{Column: "qty"})
			return c
		}, ""},
		{"index leading with its columns", addIndex("by_owner", "owner_id", "qty"), "same"},
		{"index on other columns", addIndex("by_qty", "qty", "owner_id"), ""},
		{"primary key leading with its columns", func(cur, des *schema.Table) schema.Change {
			ownerIndex(cur, des)
			des.PrimaryKey = &schema.PrimaryKey{Columns: []string{"owner_id", "id"}}
			return schema.AddPrimaryKey{T: des, PK: des.PrimaryKey}
		}, "same"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cur := recipeTable()
			des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
			change := c.change(cur, des.Tables[0])
			env := &dialects.Env{Version: mariaDB1011, Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des}
			actions, err := Dialect{Database: "shop"}.Recipe(change, env)
			if err != nil {
				t.Fatal(err)
			}
			var stmts []string
			for _, a := range actions {
				stmts = append(stmts, a.Statements...)
			}
			got := ""
			for _, s := range stmts {
				if !strings.Contains(s, pin) {
					continue
				}
				switch {
				case got != "":
					got = "twice"
				case strings.Contains(s, "ADD "):
					got = "same"
				default:
					got = "alone"
				}
			}
			if got != c.want {
				t.Errorf("pin: %q, want %q; statements:\n%s", got, c.want, strings.Join(stmts, "\n"))
			}
		})
	}
}

// ownerIndexKept gives the current and desired tables of a case an index
// owner_id on exactly the foreign key's column, as the server generates
// for an unnamed foreign key, which the desired state keeps.
func ownerIndexKept(cur, des *schema.Table) {
	for _, tb := range []*schema.Table{cur, des} {
		tb.Indexes = append(tb.Indexes, &schema.Index{Name: "owner_id", Parts: []schema.IndexPart{{Column: "owner_id"}}})
	}
}

// pinCases are the recipe cases whose statements pin an index the server
// may have generated for a foreign key (recipes_fkindex_generated.go) —
// inside the ALTER TABLE that adds a foreign key, replaced, renamed or put
// back by a rollback — and those that rebuild a held index on MySQL with
// cascading foreign keys (LOCK=SHARED).
func pinCases() []recipeCase {
	return []recipeCase{
		{name: "replace_foreign_key_keeping_its_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			ownerIndexKept(cur, des)
			des.ForeignKeys[0].OnDelete = schema.ActionCascade
			return schema.AddForeignKey{T: des, FK: des.ForeignKeys[0]}
		}},
		{name: "rename_foreign_key_keeping_its_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			ownerIndexKept(cur, des)
			des.ForeignKeys[0].Name = "owner_fk"
			return schema.RenameConstraint{T: des, From: "items_owner", To: "owner_fk"}
		}},
		{name: "drop_foreign_key_keeping_its_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			ownerIndexKept(cur, des)
			des.ForeignKeys = nil
			return schema.DropForeignKey{T: cur, FK: cur.ForeignKeys[0]}
		}},
		{name: "replace_foreign_key_and_its_index_cascade_mysql", version: mysql8036, change: heldRebuildCascading(true)},
		{name: "drop_foreign_key_and_change_its_index_cascade_mysql", version: mysql8036, change: heldRebuildCascading(false)},
		{name: "drop_foreign_key_and_change_its_index_cascade_mariadb", version: mariaDB1011, change: heldRebuildCascading(false)},
	}
}

// heldRebuildCascading is a change whose step rebuilds the index foreign
// key items_owner held (recipes_fkindex.go) on a table that keeps another
// foreign key with ON DELETE SET NULL: items_owner gains a column and is
// replaced (replace), or is dropped.
func heldRebuildCascading(replace bool) func(cur, des *schema.Table) schema.Change {
	return func(cur, des *schema.Table) schema.Change {
		for _, tb := range []*schema.Table{cur, des} {
			tb.ForeignKeys = append(tb.ForeignKeys, &schema.ForeignKey{Name: "items_code", Columns: []string{"code"}, RefSchema: cur.Schema,
				RefTable: "codes", RefColumns: []string{"code"}, OnDelete: schema.ActionSetNull})
		}
		addOwnerIndex(cur)
		fkWithItsIndex(des)
		if replace {
			return schema.AddForeignKey{T: des, FK: des.ForeignKeys[0]}
		}
		des.ForeignKeys = des.ForeignKeys[1:]
		return schema.DropForeignKey{T: cur, FK: cur.ForeignKeys[0]}
	}
}
