package mysql

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// More servers the recipe cases plan for.
var (
	mysql8012 = dialects.Version{Flavor: "mysql", Major: 8, Minor: 0, Patch: 12}
	mysql8015 = dialects.Version{Flavor: "mysql", Major: 8, Minor: 0, Patch: 15}
)

// ordersTable is a table whose foreign key references recipeTable's, for
// the cases with referenced set.
func ordersTable(db string) *schema.Table {
	return &schema.Table{Schema: db, Name: "orders", Columns: []*schema.Column{{Name: "id", Type: "int"}, {Name: "item_id", Type: "int", Nullable: true}},
		PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*schema.ForeignKey{{Name: "orders_item", Columns: []string{"item_id"}, RefSchema: db, RefTable: "items",
			RefColumns: []string{"id"}}}}
}

// cascade makes the current table's foreign key cascade (ON DELETE
// CASCADE, ON UPDATE SET NULL), as the desired one does.
func cascade(cur, des *schema.Table) {
	for _, t := range []*schema.Table{cur, des} {
		t.ForeignKeys[0].OnDelete, t.ForeignKeys[0].OnUpdate = schema.ActionCascade, schema.ActionSetNull
	}
}

// noForeignKeys drops recipeTable's foreign key from both tables.
func noForeignKeys(cur, des *schema.Table) { cur.ForeignKeys, des.ForeignKeys = nil, nil }

// reviewCases are the recipe cases of the issue-5 review's findings: the
// online tools' command lines, MariaDB's instant column changes, ENUM and
// SET members removed, narrowing type changes, LOCK=SHARED on MySQL tables
// with cascading foreign keys, features refused by version, and the
// alternative to an expression default's table copy.
func reviewCases() []recipeCase {
	alter := func(name string, bits schema.ColumnChange, prep func(cur, des *schema.Table), mod func(c *schema.Column)) func(cur, des *schema.Table) schema.Change {
		return func(cur, des *schema.Table) schema.Change {
			if prep != nil {
				prep(cur, des)
			}
			mod(des.Column(name))
			return schema.AlterColumn{T: des, From: cur.Column(name), To: des.Column(name), Changes: bits}
		}
	}
	both := func(name string, f func(c *schema.Column)) func(cur, des *schema.Table) {
		return func(cur, des *schema.Table) { f(cur.Column(name)); f(des.Column(name)) }
	}
	utf8mb3 := func(c *schema.Column) { c.Attrs = map[string]string{schema.AttrCharset: "utf8mb3"} }
	utf8mb4 := func(c *schema.Column) { c.Attrs = map[string]string{schema.AttrCharset: "utf8mb4"} }
	addIndex := func(prep func(cur, des *schema.Table)) func(cur, des *schema.Table) schema.Change {
		return func(cur, des *schema.Table) schema.Change {
			if prep != nil {
				prep(cur, des)
			}
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "by_code", Parts: []schema.IndexPart{{Column: "code"}}}}
		}
	}
	notNull := func(prep func(cur, des *schema.Table)) func(cur, des *schema.Table) schema.Change {
		return alter("code", schema.ChangeNull, prep, func(c *schema.Column) { c.Nullable = false })
	}
	return []recipeCase{
		// Finding 1: command lines that run as printed.
		{name: "tools_no_foreign_keys_mariadb", version: mariaDB1011, change: alter("qty", schema.ChangeType, noForeignKeys, func(c *schema.Column) { c.Type = "bigint" })},
		{name: "tools_no_foreign_keys_offline_mysql", version: mysql8036, change: alter("qty", schema.ChangeType, noForeignKeys, func(c *schema.Column) { c.Type = "bigint" })},
		{name: "tools_referenced_table_mariadb", version: mariaDB1011, referenced: true,
			change: alter("qty", schema.ChangeType, noForeignKeys, func(c *schema.Column) { c.Type = "bigint" })},
		{name: "tools_child_and_referenced_table_mariadb", version: mariaDB1011, referenced: true,
			change: alter("qty", schema.ChangeType, nil, func(c *schema.Column) { c.Type = "bigint" })},
		{name: "tools_quoting_mariadb", version: mariaDB1011, change: alter("status", schema.ChangeType, noForeignKeys, func(c *schema.Column) {
			c.Type = "enum('new','it''s paid')"
		})},
		{name: "tools_table_without_key_mariadb", version: mariaDB1011, change: alter("qty", schema.ChangeType, func(cur, des *schema.Table) {
			noForeignKeys(cur, des)
			cur.PrimaryKey, des.PrimaryKey = nil, nil
		}, func(c *schema.Column) { c.Type = "bigint" })},

		// Finding 2: MariaDB's instant column changes (and MySQL's rules kept).
		{name: "alter_varchar_past_255_bytes_mariadb", version: mariaDB1011, weakest: true,
			change: alter("name", schema.ChangeType, nil, func(c *schema.Column) { c.Type = "varchar(64)" })},
		{name: "alter_varchar_from_128_bytes_past_255_mariadb", version: mariaDB1011, weakest: true,
			change: alter("name", schema.ChangeType, both("name", func(c *schema.Column) { c.Type = "varchar(32)" }), func(c *schema.Column) { c.Type = "varchar(64)" })},
		{name: "alter_varchar_past_255_bytes_mysql", version: mysql8036,
			change: alter("name", schema.ChangeType, nil, func(c *schema.Column) { c.Type = "varchar(64)" })},
		{name: "alter_varchar_past_255_bytes_redundant_mariadb", version: mariaDB1011, weakest: true, rowFormat: "REDUNDANT",
			change: alter("name", schema.ChangeType, both("name", func(c *schema.Column) { c.Type = "varchar(32)" }), func(c *schema.Column) { c.Type = "varchar(64)" })},
		{name: "alter_charset_utf8mb3_to_utf8mb4_mariadb", version: mariaDB1011, weakest: true,
			change: alter("code", schema.ChangeAttrs, both("code", utf8mb3), utf8mb4)},
		{name: "alter_charset_utf8mb3_to_utf8mb4_mysql", version: mysql8036,
			change: alter("code", schema.ChangeAttrs, both("code", utf8mb3), utf8mb4)},
		{name: "alter_charset_utf8mb3_to_utf8mb4_past_255_bytes_mariadb", version: mariaDB1011, weakest: true,
			change: alter("code", schema.ChangeAttrs, both("code", func(c *schema.Column) { c.Type = "varchar(70)"; utf8mb3(c) }), utf8mb4)},
		{name: "alter_charset_utf8mb3_to_utf8mb4_indexed_mariadb", version: mariaDB1011, weakest: true,
			change: alter("name", schema.ChangeAttrs, both("name", utf8mb3), utf8mb4)},
		{name: "alter_charset_utf8mb3_to_utf8mb4_bin_indexed_mariadb", version: mariaDB1011, weakest: true,
			change: alter("name", schema.ChangeAttrs|schema.ChangeCollation, both("name", utf8mb3), func(c *schema.Column) {
				utf8mb4(c)
				c.Collation = "utf8mb4_bin"
			})},
		{name: "alter_charset_latin1_to_utf8mb4_mariadb", version: mariaDB1011, weakest: true,
			change: alter("code", schema.ChangeAttrs, both("code", func(c *schema.Column) { c.Attrs = map[string]string{schema.AttrCharset: "latin1"} }), utf8mb4)},
		{name: "alter_collation_indexed_mariadb", version: mariaDB1011, weakest: true,
			change: alter("name", schema.ChangeCollation, nil, func(c *schema.Column) { c.Collation = "utf8mb4_bin" })},
		{name: "alter_drop_not_null_mariadb", version: mariaDB1011, weakest: true,
			change: alter("status", schema.ChangeNull, nil, func(c *schema.Column) { c.Nullable = true })},
		{name: "alter_drop_not_null_redundant_mariadb", version: mariaDB1011, weakest: true, rowFormat: "REDUNDANT",
			change: alter("status", schema.ChangeNull, nil, func(c *schema.Column) { c.Nullable = true })},

		// Finding 3: members removed, inserted; narrowing type changes.
		{name: "alter_enum_remove_member_mariadb", version: mariaDB1011,
			change: alter("status", schema.ChangeType, nil, func(c *schema.Column) { c.Type = "enum('new')" })},
		{name: "alter_enum_rename_member_mysql", version: mysql8036,
			change: alter("status", schema.ChangeType, nil, func(c *schema.Column) { c.Type = "enum('new','settled')" })},
		{name: "alter_enum_insert_member_mariadb", version: mariaDB1011,
			change: alter("status", schema.ChangeType, nil, func(c *schema.Column) { c.Type = "enum('new','held','paid')" })},
		{name: "alter_set_remove_member_mariadb", version: mariaDB1011,
			change: alter("status", schema.ChangeType, both("status", func(c *schema.Column) { c.Type = "set('new','paid')" }),
				func(c *schema.Column) { c.Type = "set('new')" })},
		{name: "alter_varchar_narrowing_mariadb", version: mariaDB1011,
			change: alter("code", schema.ChangeType, nil, func(c *schema.Column) { c.Type = "varchar(10)" })},
		{name: "alter_int_narrowing_mariadb", version: mariaDB1011,
			change: alter("qty", schema.ChangeType, nil, func(c *schema.Column) { c.Type = "smallint unsigned" })},
		{name: "alter_varchar_to_int_mysql", version: mysql8036,
			change: alter("code", schema.ChangeType, nil, func(c *schema.Column) { c.Type = "int" })},

		// Finding 4: LOCK=NONE refused on MySQL tables with cascading keys.
		{name: "add_index_cascade_mysql", version: mysql8036, change: addIndex(cascade)},
		{name: "add_index_cascade_mariadb", version: mariaDB1011, weakest: true, change: addIndex(cascade)},
		{name: "alter_set_not_null_cascade_mysql", version: mysql8036, change: notNull(cascade)},
		{name: "alter_set_not_null_cascade_mariadb", version: mariaDB1011, weakest: true, change: notNull(cascade)},
		{name: "add_primary_key_cascade_mysql", version: mysql8036, change: func(cur, des *schema.Table) schema.Change {
			cascade(cur, des)
			cur.PrimaryKey = nil
			return schema.AddPrimaryKey{T: cur, PK: &schema.PrimaryKey{Columns: []string{"id"}}}
		}},
		{name: "add_column_cascade_mysql_8_0_10", version: mysql8010, change: func(cur, des *schema.Table) schema.Change {
			cascade(cur, des)
			return schema.AddColumn{T: des, C: &schema.Column{Name: "note", Type: "text", Nullable: true}}
		}},
		{name: "drop_index_cascade_mysql", version: mysql8036, change: func(cur, des *schema.Table) schema.Change {
			cascade(cur, des)
			return schema.DropIndex{T: cur, I: cur.Indexes[0]}
		}, desired: func(t *schema.Table) { t.Indexes = nil }},
		{name: "alter_varchar_within_class_cascade_mysql", version: mysql8036,
			change: alter("name", schema.ChangeType, cascade, func(c *schema.Column) { c.Type = "varchar(60)" })},

		// Finding 5: features a server lacks are refused.
		{name: "add_check_mysql_8_0_15_is_an_error", version: mysql8015, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddCheck{T: cur, C: &schema.Check{Name: "name_set", Expr: "`name` <> ''"}}
		}},
		{name: "add_table_with_check_mysql_8_0_15_is_an_error", version: mysql8015, newT: true, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddTable{T: cur}
		}},
		{name: "add_column_expression_default_mysql_8_0_12_is_an_error", version: mysql8012,
			change: func(_, des *schema.Table) schema.Change {
				return schema.AddColumn{T: des, C: &schema.Column{Name: "token", Type: "char(36)", Default: "uuid()",
					Pos: schema.Pos{File: "schema.hcl", Line: 7, Column: 3}}}
			}},
		{name: "add_column_now_default_mysql_8_0_12", version: mysql8012, change: func(_, des *schema.Table) schema.Change {
			return schema.AddColumn{T: des, C: &schema.Column{Name: "at", Type: "datetime", Nullable: true, Default: "current_timestamp()"}}
		}},
		{name: "add_expression_index_mariadb_is_an_error", version: mariaDB1011, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "by_lower_name", Parts: []schema.IndexPart{{Expr: "lower(`name`)"}}}}
		}},
		{name: "add_expression_index_mysql_8_0_12_is_an_error", version: mysql8012, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "by_lower_name", Parts: []schema.IndexPart{{Expr: "lower(`name`)"}}}}
		}},
		{name: "add_expression_index_mysql", version: mysql8036, change: func(cur, des *schema.Table) schema.Change {
			return schema.AddIndex{T: cur, I: &schema.Index{Name: "by_lower_name", Parts: []schema.IndexPart{{Expr: "lower(`name`)"}}}}
		}},

		// Finding 7: the alternative to an expression default's copy.
		{name: "add_column_expression_default_backfill", version: mariaDB1011, change: func(_, des *schema.Table) schema.Change {
			return schema.AddColumn{T: des, C: &schema.Column{Name: "token", Type: "char(36)", Default: "uuid()", Backfill: "uuid()"}}
		}},
	}
}

// TestCreateSQLRefusesUnsupported: a schema that a server cannot hold as
// written is refused before the shadow database sees it, naming the
// object, the server and what to do; offline nothing is refused.
func TestCreateSQLRefusesUnsupported(t *testing.T) {
	table := func(edit func(t *schema.Table)) *schema.Schema {
		tab := recipeTable()
		tab.ForeignKeys, tab.Checks = nil, nil
		edit(tab)
		return &schema.Schema{Tables: []*schema.Table{tab}}
	}
	check := func(t *schema.Table) { t.Checks = []*schema.Check{{Name: "qty_positive", Expr: "`qty` > 0"}} }
	exprDefault := func(t *schema.Table) { t.Column("code").Default = "uuid()" }
	exprIndex := func(t *schema.Table) {
		t.Indexes = append(t.Indexes, &schema.Index{Name: "by_lower", Parts: []schema.IndexPart{{Expr: "lower(`name`)"}}})
	}
	cases := []struct {
		name    string
		server  *Server
		s       *schema.Schema
		wantErr string
	}{
		{"check on 8.0.15", &Server{Version: mysql8015}, table(check), "check qty_positive on table shop.items: MySQL 8.0.15 parses CHECK constraints and ignores them"},
		{"check on 8.0.36", &Server{Version: mysql8036}, table(check), ""},
		{"check offline", nil, table(check), ""},
		{"expression default on 8.0.12", &Server{Version: mysql8012}, table(exprDefault), "column shop.items.code: its default uuid() is an expression, which MySQL 8.0.12 does not accept"},
		{"expression default on MariaDB", &Server{Version: mariaDB1011}, table(exprDefault), ""},
		{"expression index on MariaDB", &Server{Version: mariaDB1011}, table(exprIndex), "index by_lower on table shop.items: part 1 is the expression lower(`name`), and MariaDB 10.11.6 cannot index expressions"},
		{"expression index on 8.0.12", &Server{Version: mysql8012}, table(exprIndex), "which MySQL 8.0.12 cannot index (MySQL 8.0.13 can)"},
		{"expression index on 8.0.36", &Server{Version: mysql8036}, table(exprIndex), ""},
	}
	for _, c := range cases {
		_, err := Dialect{Database: "shop", Server: c.server}.CreateSQL(c.s)
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%s: unexpected error %v", c.name, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%s: got error %v, want one containing %q", c.name, err, c.wantErr)
		}
	}
}

// TestToolLinesRunInAShell: the gh-ost and pt-online-schema-change command
// lines of a TABLE_COPY hazard reach the tools, through a POSIX shell, as
// the arguments they mean — quotes in the ALTER, a comma in a table name
// (escaped in pt-online-schema-change's DSN), and offline placeholders
// that a shell would otherwise read as redirections.
func TestToolLinesRunInAShell(t *testing.T) {
	cases := []struct {
		name   string
		server *Server
		table  string
		wantGh []string
		wantPt []string
	}{
		{"live target", &Server{Version: mariaDB1011, Host: "db.example.com", Port: "3307", User: "o'brien"}, "items",
			[]string{"gh-ost", "--host=db.example.com", "--port=3307", "--user=o'brien", "--ask-pass", "--allow-on-master", "--database=shop", "--table=items",
				"--alter=MODIFY COLUMN `status` enum('new','it''s paid') NOT NULL DEFAULT 'new'", "--execute"},
			[]string{"pt-online-schema-change", "--ask-pass", "--alter=MODIFY COLUMN `status` enum('new','it''s paid') NOT NULL DEFAULT 'new'",
				"h=db.example.com,P=3307,u=o'brien,D=shop,t=items", "--execute"}},
		{"offline", nil, "odd, name",
			[]string{"gh-ost", "--host=<host>", "--port=<port>", "--user=<user>", "--ask-pass", "--allow-on-master", "--database=<database>", "--table=odd, name",
				"--alter=MODIFY COLUMN `status` enum('new','it''s paid') NOT NULL DEFAULT 'new'", "--execute"},
			[]string{"pt-online-schema-change", "--ask-pass", "--alter=MODIFY COLUMN `status` enum('new','it''s paid') NOT NULL DEFAULT 'new'",
				`h=<host>,P=<port>,u=<user>,D=<database>,t=odd\, name`, "--execute"}},
	}
	for _, c := range cases {
		cur := recipeTable()
		cur.Name, cur.ForeignKeys = c.table, nil
		des := (&schema.Schema{Tables: []*schema.Table{cur}}).Clone()
		des.Tables[0].Column("status").Type = "enum('new','it''s paid')"
		change := schema.AlterColumn{T: des.Tables[0], From: cur.Column("status"), To: des.Tables[0].Column("status"), Changes: schema.ChangeType}
		env := &dialects.Env{Current: &schema.Schema{Tables: []*schema.Table{cur}}, Desired: des}
		if c.server != nil {
			env.Version = c.server.Version
		}
		actions, err := Dialect{Database: "shop", Server: c.server}.Recipe(change, env)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var msg string
		for _, h := range actions[0].Hazards {
			if h.Code == dialects.HazardTableCopy {
				msg = h.Message
			}
		}
		for _, want := range [][]string{c.wantGh, c.wantPt} {
			start := strings.Index(msg, want[0]+" ")
			end := strings.Index(msg[max(start, 0):], " --execute")
			if start < 0 || end < 0 {
				t.Fatalf("%s: no %s line in %s", c.name, want[0], msg)
			}
			line := msg[start : start+end+len(" --execute")]
			if got := shellWords(t, line); strings.Join(got, "\x00") != strings.Join(want, "\x00") {
				t.Errorf("%s: %s\n  the shell reads %q\n  want          %q", c.name, line, got, want)
			}
		}
	}
}

// shellWords splits a command line as /bin/sh does.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	out, err := exec.Command("sh", "-c", `eval "set -- $1"; for a; do printf '%s\0' "$a"; done`, "sh", line).Output()
	if err != nil {
		t.Fatalf("sh: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
}
