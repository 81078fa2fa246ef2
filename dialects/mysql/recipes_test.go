package mysql

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Servers the recipe tests plan for.
var (
	mariaDB1011 = dialects.Version{Flavor: "mariadb", Major: 10, Minor: 11, Patch: 6}
	mysql8036   = dialects.Version{Flavor: "mysql", Major: 8, Minor: 0, Patch: 36}
	mysql8010   = dialects.Version{Flavor: "mysql", Major: 8, Minor: 0, Patch: 10}
	mysql8020   = dialects.Version{Flavor: "mysql", Major: 8, Minor: 0, Patch: 20}
)

// recipeTable is the table most recipe cases change.
func recipeTable() *schema.Table {
	return &schema.Table{Schema: "shop", Name: "items", Columns: []*schema.Column{
		{Name: "id", Type: "int"},
		{Name: "name", Type: "varchar(20)", Nullable: true},
		{Name: "code", Type: "varchar(100)", Nullable: true},
		{Name: "status", Type: "enum('new','paid')", Nullable: false, Default: "'new'"},
		{Name: "qty", Type: "int", Nullable: true},
		{Name: "owner_id", Type: "int", Nullable: true},
		{Name: "flag", Type: "tinyint(1)", Nullable: true},
	}, PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
		Indexes: []*schema.Index{{Name: "by_name", Parts: []schema.IndexPart{{Column: "name"}}}},
		Checks:  []*schema.Check{{Name: "qty_positive", Expr: "`qty` > 0"}, {Name: "qty", Expr: "`qty` < 100"}},
		ForeignKeys: []*schema.ForeignKey{{Name: "items_owner", Columns: []string{"owner_id"}, RefSchema: "shop", RefTable: "owners",
			RefColumns: []string{"id"}}},
	}
}

// recipeCase is one change planned against one server.
type recipeCase struct {
	name    string
	version dialects.Version
	// change makes the change from the current table and the desired one
	// (a copy of the current one that desired edited first).
	change  func(cur, des *schema.Table) schema.Change
	desired func(t *schema.Table)
	newT    bool
	rebuilt bool
	// referenced adds to the current schema a table whose foreign key
	// references the case's table (ordersTable).
	referenced bool
	// rowFormat is the current table's ROW_FORMAT ("" = the default).
	rowFormat string
	// weakest asks the live test to check that the server refuses each
	// ALTER with the next weaker algorithm (see TestRecipesLive).
	weakest bool
}

func recipeCases() []recipeCase {
	col := func(t *schema.Table, n string) *schema.Column { return t.Column(n) }
	alter := func(name string, bits schema.ColumnChange, mod func(c *schema.Column)) func(cur, des *schema.Table) schema.Change {
		return func(cur, des *schema.Table) schema.Change {
			mod(des.Column(name))
			return schema.AlterColumn{T: des, From: col(cur, name), To: des.Column(name), Changes: bits}
		}
	}
	addCol := func(c *schema.Column) func(cur, des *schema.Table) schema.Change {
		return func(_, des *schema.Table) schema.Change { return schema.AddColumn{T: des, C: c} }
	}
	return append([]recipeCase{
		{name: "add_column_nullable_mariadb", version: mariaDB1011, change: addCol(&schema.Column{Name: "note", Type: "text", Nullable: true})},
		{name: "add_column_nullable_mysql", version: mysql8036, change: addCol(&schema.Column{Name: "note", Type: "text", Nullable: true})},
		{name: "add_column_nullable_mysql_8_0_10", version: mysql8010, change: addCol(&schema.Column{Name: "note", Type: "text", Nullable: true})},
		{name: "add_column_mysql_fulltext", version: mysql8036, change: func(cur, des *schema.Table) schema.Change {
			cur.Indexes = append(cur.Indexes, &schema.Index{Name: "ft", Using: "fulltext", Parts: []schema.IndexPart{{Column: "name"}}})
			return schema.AddColumn{T: des, C: &schema.Column{Name: "note", Type: "text", Nullable: true}}
		}},
		{name: "add_column_expression_default", version: mariaDB1011, change: addCol(&schema.Column{Name: "token", Type: "char(36)", Default: "uuid()"})},
		{name: "add_column_now_default", version: mariaDB1011, change: addCol(&schema.Column{Name: "at", Type: "datetime", Default: "current_timestamp()"})},
		{name: "add_column_auto_increment", version: mariaDB1011, change: func(_, des *schema.Table) schema.Change {
			c := &schema.Column{Name: "seq", Type: "bigint", Identity: schema.IdentityByDefault}
			des.Columns = append(des.Columns, c)
			des.Indexes = append(des.Indexes, &schema.Index{Name: "seq", Unique: true, Parts: []schema.IndexPart{{Column: "seq"}}})
			return schema.AddColumn{T: des, C: c}
		}},
		{name: "add_column_auto_increment_index_half", version: mariaDB1011, change: func(_, des *schema.Table) schema.Change {
			c := &schema.Column{Name: "seq", Type: "bigint", Identity: schema.IdentityByDefault}
			des.Columns = append(des.Columns, c)
			ix := &schema.Index{Name: "seq", Unique: true, Parts: []schema.IndexPart{{Column: "seq"}}}
			des.Indexes = append(des.Indexes, ix)
			return schema.AddIndex{T: des, I: ix}
		}},
		{name: "add_column_auto_increment_without_key_is_an_error", version: mariaDB1011, change: addCol(&schema.Column{Name: "seq", Type: "bigint", Identity: schema.IdentityByDefault})},
		{name: "add_column_stored_generated", version: mariaDB1011, change: addCol(&schema.Column{Name: "twice", Type: "int", Nullable: true, Generated: "`qty` * 2"})},
		{name: "add_column_not_null_no_default", version: mariaDB1011, change: addCol(&schema.Column{Name: "rank", Type: "int"})},
		{name: "add_column_backfill", version: mariaDB1011, change: addCol(&schema.Column{Name: "big", Type: "tinyint(1)", Default: "0", Backfill: "qty > 10"})},
		{name: "drop_column_mariadb", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change { return schema.DropColumn{T: cur, C: col(cur, "code")} }},
		{name: "drop_column_mysql_8_0_20", version: mysql8020, change: func(cur, des *schema.Table) schema.Change { return schema.DropColumn{T: cur, C: col(cur, "code")} }},
		{name: "rename_column_mysql_8_0_20", version: mysql8020, change: func(cur, des *schema.Table) schema.Change {
			to := *col(cur, "code")
			to.Name = "sku"
			return schema.RenameColumn{T: cur, From: col(cur, "code"), To: &to}
		}},
		{name: "rename_column_mariadb", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			to := *col(cur, "code")
			to.Name = "sku"
			return schema.RenameColumn{T: cur, From: col(cur, "code"), To: &to}
		}},
		{name: "alter_default_only", version: mysql8036, change: alter("status", schema.ChangeDefault, func(c *schema.Column) { c.Default = "'paid'" })},
		{name: "alter_drop_default", version: mariaDB1011, change: alter("status", schema.ChangeDefault, func(c *schema.Column) { c.Default = "" })},
		{name: "alter_varchar_within_class_mariadb", version: mariaDB1011, change: alter("name", schema.ChangeType, func(c *schema.Column) { c.Type = "varchar(60)" })},
		{name: "alter_varchar_within_class_mysql", version: mysql8036, change: alter("name", schema.ChangeType, func(c *schema.Column) { c.Type = "varchar(60)" })},
		{name: "alter_varchar_crossing_class", version: mariaDB1011, change: alter("name", schema.ChangeType, func(c *schema.Column) { c.Type = "varchar(64)" })},
		{name: "alter_varchar_latin1", version: mariaDB1011, change: alter("name", schema.ChangeType, func(c *schema.Column) {
			c.Type = "varchar(255)"
			c.Attrs = map[string]string{schema.AttrCharset: "latin1"}
		})},
		{name: "alter_enum_append", version: mysql8036, change: alter("status", schema.ChangeType, func(c *schema.Column) { c.Type = "enum('new','paid','shipped')" })},
		{name: "alter_enum_reorder", version: mariaDB1011, change: alter("status", schema.ChangeType, func(c *schema.Column) { c.Type = "enum('paid','new')" })},
		{name: "alter_int_to_bigint", version: mariaDB1011, change: alter("qty", schema.ChangeType, func(c *schema.Column) { c.Type = "bigint" })},
		{name: "alter_display_width", version: mariaDB1011, change: alter("flag", schema.ChangeType, func(c *schema.Column) { c.Type = "tinyint" })},
		{name: "alter_set_not_null", version: mariaDB1011, change: alter("code", schema.ChangeNull, func(c *schema.Column) { c.Nullable = false })},
		{name: "alter_set_not_null_fulltext", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			ft := &schema.Index{Name: "ft", Using: "fulltext", Parts: []schema.IndexPart{{Column: "name"}}}
			cur.Indexes = append(cur.Indexes, ft)
			des.Indexes = append(des.Indexes, ft)
			des.Column("code").Nullable = false
			return schema.AlterColumn{T: des, From: cur.Column("code"), To: des.Column("code"), Changes: schema.ChangeNull}
		}},
		{name: "drop_column_fulltext", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			cur.Indexes = append(cur.Indexes, &schema.Index{Name: "ft", Using: "fulltext", Parts: []schema.IndexPart{{Column: "name"}}})
			return schema.DropColumn{T: cur, C: cur.Column("code")}
		}},
		{name: "alter_comment_mysql", version: mysql8036, change: alter("code", schema.ChangeComment, func(c *schema.Column) { c.Comment = "it's" })},
		{name: "alter_collation_mariadb", version: mariaDB1011, change: alter("code", schema.ChangeCollation, func(c *schema.Column) { c.Collation = "utf8mb4_bin" })},
		{name: "alter_column_with_own_check_mariadb", version: mariaDB1011, change: alter("qty", schema.ChangeComment, func(c *schema.Column) { c.Comment = "kept" })},
		{name: "alter_plain_to_virtual_mariadb", version: mariaDB1011, change: alter("qty", schema.ChangeGenerated|schema.ChangeAttrs, func(c *schema.Column) {
			c.Generated, c.Attrs = "`owner_id` * 2", map[string]string{schema.AttrVirtual: "true"}
		})},
		{name: "alter_virtual_to_plain_mariadb", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			from := &schema.Column{Name: "twice", Type: "int", Nullable: true, Generated: "`qty` * 2", Attrs: map[string]string{schema.AttrVirtual: "true"}}
			to := &schema.Column{Name: "twice", Type: "int", Nullable: true}
			cur.Columns, des.Columns = append(cur.Columns, from), append(des.Columns, to)
			return schema.AlterColumn{T: des, From: from, To: to, Changes: schema.ChangeGenerated | schema.ChangeAttrs}
		}},
		{name: "alter_using_is_an_error", version: mariaDB1011, change: alter("qty", schema.ChangeType, func(c *schema.Column) {
			c.Type = "bigint"
			c.Using = "qty * 2"
		})},
		{name: "add_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "by_code", Parts: []schema.IndexPart{{Column: "code", Length: 10}, {Column: "qty", Desc: true}}}}
		}},
		{name: "add_unique_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "code_unique", Unique: true, Parts: []schema.IndexPart{{Column: "code"}}}}
		}},
		{name: "add_fulltext_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "ft", Using: "fulltext", Parts: []schema.IndexPart{{Column: "code"}}}}
		}},
		{name: "add_unique_hash_index_mariadb", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "code_hash", Unique: true, Using: "hash", Parts: []schema.IndexPart{{Column: "code"}}}}
		}},
		{name: "add_unique_hash_index_mysql", version: mysql8036, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "code_hash", Unique: true, Using: "hash", Parts: []schema.IndexPart{{Column: "code"}}}}
		}},
		{name: "replace_unique_hash_index_mariadb", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			cur.Indexes = append(cur.Indexes, &schema.Index{Name: "code_hash", Unique: true, Using: "hash", Parts: []schema.IndexPart{{Column: "code"}}})
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "code_hash", Unique: true, Parts: []schema.IndexPart{{Column: "code"}, {Column: "name"}}}}
		}},
		{name: "drop_unique_hash_index_mariadb", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			cur.Indexes = append(cur.Indexes, &schema.Index{Name: "code_hash", Unique: true, Using: "hash", Parts: []schema.IndexPart{{Column: "code"}}})
			return schema.DropIndex{T: cur, I: cur.Indexes[1]}
		}},
		{name: "replace_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "by_name", Parts: []schema.IndexPart{{Column: "name"}, {Column: "qty"}}}}
		}, desired: func(t *schema.Table) {
			t.Indexes[0].Parts = append(t.Indexes[0].Parts, schema.IndexPart{Column: "qty"})
		}},
		{name: "replace_index_drop_half", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.DropIndex{T: cur, I: cur.Indexes[0]}
		}},
		{name: "drop_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change { return schema.DropIndex{T: cur, I: cur.Indexes[0]} },
			desired: func(t *schema.Table) { t.Indexes = nil }},
		{name: "rename_index", version: mysql8036, change: func(cur, des *schema.Table) schema.Change {
			to := *cur.Indexes[0]
			to.Name = "by_title"
			return schema.RenameIndex{T: cur, From: cur.Indexes[0], To: &to}
		}},
		{name: "add_primary_key", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			cur.PrimaryKey = nil
			return schema.AddPrimaryKey{T: cur, PK: &schema.PrimaryKey{Columns: []string{"id"}}}
		}},
		{name: "replace_primary_key", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddPrimaryKey{T: cur, PK: &schema.PrimaryKey{Columns: []string{"id", "qty"}}}
		}},
		{name: "drop_primary_key", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.DropPrimaryKey{T: cur, PK: cur.PrimaryKey}
		}, desired: func(t *schema.Table) { t.PrimaryKey = nil }},
		{name: "drop_primary_key_with_its_auto_increment_column", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			cur.Column("id").Identity = schema.IdentityByDefault
			return schema.DropPrimaryKey{T: cur, PK: cur.PrimaryKey}
		}, desired: func(t *schema.Table) { t.PrimaryKey, t.Columns = nil, t.Columns[1:] }},
		{name: "add_check", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddCheck{T: cur, C: &schema.Check{Name: "name_set", Expr: "`name` <> ''"}}
		}},
		{name: "add_check_new_table", version: mariaDB1011, newT: true, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddCheck{T: cur, C: &schema.Check{Name: "name_set", Expr: "`name` <> ''"}}
		}},
		{name: "replace_check", version: mysql8036, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddCheck{T: cur, C: &schema.Check{Name: "qty_positive", Expr: "`qty` >= 0"}}
		}},
		{name: "replace_column_check_mariadb", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddCheck{T: cur, C: &schema.Check{Name: "qty", Expr: "`qty` < 1000"}}
		}, desired: func(t *schema.Table) { t.Checks[1].Expr = "`qty` < 1000" }},
		{name: "drop_check", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change { return schema.DropCheck{T: cur, C: cur.Checks[0]} },
			desired: func(t *schema.Table) { t.Checks = t.Checks[1:] }},
		{name: "drop_column_check_mariadb", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change { return schema.DropCheck{T: cur, C: cur.Checks[1]} },
			desired: func(t *schema.Table) { t.Checks = t.Checks[:1] }},
		{name: "drop_column_check_mysql", version: mysql8036, change: func(cur, des *schema.Table) schema.Change { return schema.DropCheck{T: cur, C: cur.Checks[1]} },
			desired: func(t *schema.Table) { t.Checks = t.Checks[:1] }},
		{name: "add_foreign_key", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddForeignKey{T: cur, FK: &schema.ForeignKey{Name: "items_code", Columns: []string{"code"}, RefSchema: "shop", RefTable: "codes",
				RefColumns: []string{"code"}, OnDelete: schema.ActionSetNull}}
		}},
		{name: "add_foreign_key_new_table", version: mariaDB1011, newT: true, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddForeignKey{T: cur, FK: &schema.ForeignKey{Name: "items_code", Columns: []string{"code"}, RefSchema: "other", RefTable: "codes", RefColumns: []string{"code"}}}
		}},
		{name: "replace_foreign_key", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			fk := *cur.ForeignKeys[0]
			fk.OnDelete = schema.ActionCascade
			return schema.AddForeignKey{T: cur, FK: &fk}
		}},
		{name: "drop_foreign_key", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.DropForeignKey{T: cur, FK: cur.ForeignKeys[0]}
		}, desired: func(t *schema.Table) { t.ForeignKeys = nil }},
		{name: "drop_foreign_key_rebuilt", version: mariaDB1011, rebuilt: true, change: func(cur, des *schema.Table) schema.Change {
			return schema.DropForeignKey{T: cur, FK: cur.ForeignKeys[0]}
		}},
		{name: "replace_foreign_key_and_its_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			addOwnerIndex(cur)
			return schema.AddForeignKey{T: des, FK: des.ForeignKeys[0]}
		}, desired: fkWithItsIndex},
		{name: "replace_foreign_key_and_its_index_index_half", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			addOwnerIndex(cur)
			return schema.AddIndex{T: des, I: des.Index("items_owner")}
		}, desired: fkWithItsIndex},
		{name: "replace_foreign_key_and_its_index_rebuilt", version: mariaDB1011, rebuilt: true, change: func(cur, des *schema.Table) schema.Change {
			addOwnerIndex(cur)
			return schema.AddForeignKey{T: des, FK: des.ForeignKeys[0]}
		}, desired: fkWithItsIndex},
		{name: "drop_foreign_key_and_change_its_index", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			addOwnerIndex(cur)
			return schema.DropForeignKey{T: cur, FK: cur.ForeignKeys[0]}
		}, desired: func(t *schema.Table) {
			fkWithItsIndex(t)
			t.ForeignKeys = nil
		}},
		{name: "rename_check", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.RenameConstraint{T: des, From: "qty_positive", To: "positive"}
		}, desired: func(t *schema.Table) { t.Checks[0].Name = "positive" }},
		{name: "rename_foreign_key", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.RenameConstraint{T: des, From: "items_owner", To: "owner_fk"}
		}, desired: func(t *schema.Table) { t.ForeignKeys[0].Name = "owner_fk" }},
		{name: "add_table", version: mariaDB1011, newT: true, change: func(cur, des *schema.Table) schema.Change {
			cur.Attrs = map[string]string{schema.AttrAutoIncrement: "100"}
			return schema.AddTable{T: cur}
		}},
		{name: "drop_table", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change { return schema.DropTable{T: cur} }},
		{name: "rename_table", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			to := *cur
			to.Name = "products"
			return schema.RenameTable{From: cur, To: &to}
		}},
		{name: "set_table_comment_mysql", version: mysql8036, change: func(cur, des *schema.Table) schema.Change {
			to := *cur
			to.Comment = "what we sell"
			return schema.SetTableComment{From: cur, To: &to}
		}},
		{name: "set_table_engine_and_charset", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			cur.ForeignKeys, des.ForeignKeys = nil, nil // Aria has no foreign keys
			des.Attrs = map[string]string{schema.AttrEngine: "Aria", schema.AttrCharset: "latin1", schema.AttrCollate: "latin1_bin"}
			return schema.SetTableAttrs{From: cur, To: des}
		}},
		{name: "set_table_auto_increment_only", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			to := *cur
			to.Attrs = map[string]string{schema.AttrAutoIncrement: "500"}
			return schema.SetTableAttrs{From: cur, To: &to}
		}},
		{name: "enum_type_is_an_error", version: mariaDB1011, change: func(_, _ *schema.Table) schema.Change {
			return schema.AddEnum{E: &schema.Enum{Schema: "shop", Name: "mood"}}
		}},
	}, append(reviewCases(), pinCases()...)...)
}

// fkWithItsIndex edits the desired table of a case: foreign key
// items_owner gains a column, and so does the index the server made for
// it (see addOwnerIndex).
func fkWithItsIndex(t *schema.Table) {
	fk := t.ForeignKeys[0]
	fk.Columns, fk.RefColumns = []string{"qty", "owner_id"}, []string{"region", "id"}
	t.Indexes = append(t.Indexes, &schema.Index{Name: "items_owner", Parts: []schema.IndexPart{{Column: "qty"}, {Column: "owner_id"}}})
}

// addOwnerIndex gives the current table of a case the index the server
// made for foreign key items_owner.
func addOwnerIndex(cur *schema.Table) {
	cur.Indexes = append(cur.Indexes, &schema.Index{Name: "items_owner", Parts: []schema.IndexPart{{Column: "owner_id"}}})
}

// recipeServer is the server the recipe tests plan for: version v with
// utf8mb4 / InnoDB defaults and the character sets the cases use.
func recipeServer(v dialects.Version) *Server {
	return &Server{Version: v, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Engine: "InnoDB",
		DefaultCollations: map[string]string{"utf8mb4": "utf8mb4_general_ci", "utf8mb3": "utf8mb3_general_ci", "latin1": "latin1_swedish_ci"},
		MaxLen:            map[string]int{"utf8mb4": 4, "utf8mb3": 3, "latin1": 1}}
}

// TestRecipes plans each case and compares the actions, as text, with
// testdata/recipes/<case>.golden (go test -run TestRecipes -update
// rewrites them).
func TestRecipes(t *testing.T) {
	srv := recipeServer(mariaDB1011)
	srv.Host, srv.Port, srv.User = "db.example.com", "3307", "deploy"
	for _, c := range recipeCases() {
		t.Run(c.name, func(t *testing.T) {
			cur := recipeTable()
			if c.rowFormat != "" {
				cur.Attrs = map[string]string{schema.AttrRowFormat: c.rowFormat}
			}
			des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
			if c.desired != nil {
				c.desired(des.Tables[0])
			}
			change := c.change(cur, des.Tables[0])
			env := &dialects.Env{Version: c.version, Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des,
				NewTables: map[schema.QName]bool{}}
			if c.referenced {
				env.Current.Tables = append(env.Current.Tables, ordersTable(cur.Schema))
			}
			if c.newT {
				env.NewTables[cur.QName()] = true
			}
			if c.rebuilt {
				env.RebuiltForeignKeys = map[dialects.ForeignKeyRef]bool{{Table: cur.QName(), Name: cur.ForeignKeys[0].Name}: true}
			}
			d := Dialect{Database: "shop"}
			if c.version.Flavor == "mariadb" {
				d.Server = srv
			}
			actions, err := d.Recipe(change, env)
			compareGolden(t, filepath.Join("testdata", "recipes", c.name+".golden"), []byte(describeActions(actions, err)))
		})
	}
}

// describeActions writes actions (or the error) as text for a golden file.
func describeActions(actions []dialects.Action, err error) string {
	var b strings.Builder
	if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
		return b.String()
	}
	if len(actions) == 0 {
		b.WriteString("(no actions)\n")
	}
	for i, a := range actions {
		fmt.Fprintf(&b, "action %d [%s] %s\n", i+1, a.Phase, a.Summary)
		fmt.Fprintf(&b, "  lock %q (%s) transactional=%v rewrites=%v scans=%v long=%v irreversible=%v\n",
			a.Lock, a.LockNote, a.Transactional, a.Rewrites, a.Scans, a.LongRunning, a.Irreversible)
		if a.Table != nil {
			fmt.Fprintf(&b, "  table %s\n", *a.Table)
		}
		for _, s := range a.Statements {
			fmt.Fprintf(&b, "  sql: %s\n", s)
		}
		for _, h := range a.Hazards {
			fmt.Fprintf(&b, "  hazard %s: %s\n", h.Code, h.Message)
		}
		for _, p := range a.Preflight {
			fmt.Fprintf(&b, "  preflight %s (%s): %s\n", p.Kind, p.Description, p.SQL)
			if p.SampleSQL != "" {
				fmt.Fprintf(&b, "    sample: %s\n", p.SampleSQL)
			}
		}
		for _, s := range a.Rollback {
			fmt.Fprintf(&b, "  undo: %s\n", s)
		}
	}
	return b.String()
}

func TestSessionSettings(t *testing.T) {
	maria := Dialect{Server: &Server{Version: mariaDB1011}}
	// Every step session is strict, keeping the server's other modes.
	const strict = "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES')"
	tests := []struct {
		d          Dialect
		lock, stmt time.Duration
		want       string
	}{
		{maria, 2 * time.Second, time.Minute, "SET SESSION lock_wait_timeout = 2; SET SESSION innodb_lock_wait_timeout = 2; " + strict + "; SET SESSION max_statement_time = 60"},
		{maria, 1500 * time.Millisecond, 250 * time.Millisecond, "SET SESSION lock_wait_timeout = 2; SET SESSION innodb_lock_wait_timeout = 2; " + strict + "; SET SESSION max_statement_time = 0.25"},
		{maria, 0, 0, "SET SESSION lock_wait_timeout = 31536000; SET SESSION innodb_lock_wait_timeout = 31536000; " + strict + "; SET SESSION max_statement_time = 0"},
		{Dialect{}, 100 * time.Millisecond, time.Minute, "SET SESSION lock_wait_timeout = 1; SET SESSION innodb_lock_wait_timeout = 1; " + strict + "; SET SESSION max_execution_time = 60000"},
		{Dialect{}, time.Second, 0, "SET SESSION lock_wait_timeout = 1; SET SESSION innodb_lock_wait_timeout = 1; " + strict + "; SET SESSION max_execution_time = 0"},
	}
	for _, tt := range tests {
		if got := strings.Join(tt.d.SessionSettings(tt.lock, tt.stmt), "; "); got != tt.want {
			t.Errorf("SessionSettings(%v, %v) on %s:\n got %s\nwant %s", tt.lock, tt.stmt, tt.d.Server.Version.Flavor, got, tt.want)
		}
	}
}
