package mysql

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

// withoutPos returns a copy of s with every position zeroed.
func withoutPos(s *schema.Schema) *schema.Schema {
	c := s.Clone()
	for _, n := range c.Namespaces {
		n.Pos = schema.Pos{}
	}
	for _, t := range c.Tables {
		t.Pos = schema.Pos{}
		for _, col := range t.Columns {
			col.Pos = schema.Pos{}
		}
		if t.PrimaryKey != nil {
			t.PrimaryKey.Pos = schema.Pos{}
		}
		for _, u := range t.Uniques {
			u.Pos = schema.Pos{}
		}
		for _, k := range t.Checks {
			k.Pos = schema.Pos{}
		}
		for _, f := range t.ForeignKeys {
			f.Pos = schema.Pos{}
		}
		for _, i := range t.Indexes {
			i.Pos = schema.Pos{}
		}
	}
	return c
}

// requireSameSchema fails when two schemas differ (positions aside).
func requireSameSchema(t *testing.T, what string, got, want *schema.Schema) {
	t.Helper()
	g, w := withoutPos(got), withoutPos(want)
	if !reflect.DeepEqual(g, w) {
		gj, _ := json.MarshalIndent(g, "", "  ")
		wj, _ := json.MarshalIndent(w, "", "  ")
		t.Fatalf("%s differs\n--- got\n%s\n--- want\n%s", what, gj, wj)
	}
}

// roundTrip renders s and parses the result back.
func roundTrip(d Dialect, s *schema.Schema) (*schema.Schema, string, error) {
	stmts, err := d.CreateSQL(s)
	if err != nil {
		return nil, "", err
	}
	sql := strings.Join(stmts, ";\n") + ";\n"
	back, err := d.ParseSQL("rendered.sql", []byte(sql))
	return back, sql, err
}

// TestRenderRoundTrip checks parse(render(x)) == x over the parser's
// testdata, and that what the parser returns is already normalised.
func TestRenderRoundTrip(t *testing.T) {
	for _, file := range corpus(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			x := parseFile(t, file)
			back, sql, err := roundTrip(Dialect{}, x)
			if err != nil {
				t.Fatalf("round trip: %v\n%s", err, sql)
			}
			requireSameSchema(t, "parse(render(x))", back, x)
			n := x.Clone()
			if err := (Dialect{}).Normalize(n); err != nil {
				t.Fatalf("Normalize(parsed): %v", err)
			}
			requireSameSchema(t, "Normalize(parsed)", n, x)
		})
	}
}

// TestCreateSQLStatements checks the statements CreateSQL emits: databases
// other than the connection's, tables with qualified names, foreign keys
// last as ALTER TABLE.
func TestCreateSQLStatements(t *testing.T) {
	src := "CREATE DATABASE other;\nCREATE TABLE other.a (id int PRIMARY KEY, b_id int);\n" +
		"CREATE TABLE b (id int PRIMARY KEY, a_id int, CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES other.a (id));\n" +
		"ALTER TABLE other.a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES app.b (id);\n"
	d := Dialect{Database: "app"}
	s, err := d.ParseSQL("x.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.CreateSQL(s)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"CREATE DATABASE `other`",
		"CREATE TABLE `other`.`a` (\n  `id` int NOT NULL,\n  `b_id` int NULL,\n  PRIMARY KEY (`id`),\n  KEY `a_b` (`b_id`)\n)",
		"CREATE TABLE `b` (\n  `id` int NOT NULL,\n  `a_id` int NULL,\n  PRIMARY KEY (`id`),\n  KEY `b_a` (`a_id`)\n)",
		"ALTER TABLE `other`.`a` ADD CONSTRAINT `a_b` FOREIGN KEY (`b_id`) REFERENCES `b` (`id`)",
		"ALTER TABLE `b` ADD CONSTRAINT `b_a` FOREIGN KEY (`a_id`) REFERENCES `other`.`a` (`id`)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CreateSQL:\n%s\nwant:\n%s", strings.Join(got, ";\n"), strings.Join(want, ";\n"))
	}
	back, sql, err := roundTrip(d, s)
	if err != nil {
		t.Fatalf("round trip: %v\n%s", err, sql)
	}
	requireSameSchema(t, "parse(render(x))", back, s)
}

// TestColumnSQL checks how column definitions are written, defaults above
// all: literals bare, expressions and TEXT/BLOB/JSON literals in
// parentheses.
func TestColumnSQL(t *testing.T) {
	tb := &schema.Table{Name: "t"}
	tests := []struct {
		col  schema.Column
		want string
	}{
		{schema.Column{Name: "a", Type: "int", Nullable: true}, "`a` int NULL"},
		{schema.Column{Name: "a", Type: "INTEGER(11)", Attrs: map[string]string{schema.AttrUnsigned: "true"}}, "`a` int unsigned NOT NULL"},
		{schema.Column{Name: "a", Type: "bigint unsigned", Identity: schema.IdentityByDefault}, "`a` bigint unsigned NOT NULL AUTO_INCREMENT"},
		{schema.Column{Name: "s", Type: "varchar(5)", Nullable: true, Default: "'x'", Collation: "latin1_bin",
			Attrs: map[string]string{schema.AttrCharset: "latin1"}}, "`s` varchar(5) CHARACTER SET latin1 COLLATE latin1_bin NULL DEFAULT 'x'"},
		{schema.Column{Name: "n", Type: "int", Default: "-1"}, "`n` int NOT NULL DEFAULT -1"},
		{schema.Column{Name: "n", Type: "int", Default: "`m` + 1"}, "`n` int NOT NULL DEFAULT (`m` + 1)"},
		{schema.Column{Name: "u", Type: "char(36)", Default: "uuid()"}, "`u` char(36) NOT NULL DEFAULT (uuid())"},
		{schema.Column{Name: "b", Type: "text", Nullable: true, Default: "'none'"}, "`b` text NULL DEFAULT ('none')"},
		{schema.Column{Name: "j", Type: "json", Nullable: true, Default: "'{}'"}, "`j` json NULL DEFAULT ('{}')"},
		{schema.Column{Name: "ts", Type: "timestamp(3)", Default: "current_timestamp(3)", Attrs: map[string]string{schema.AttrOnUpdate: "current_timestamp(3)"}},
			"`ts` timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3)"},
		{schema.Column{Name: "g", Type: "int", Nullable: true, Generated: "`a` * 2", Attrs: map[string]string{schema.AttrVirtual: "true"}},
			"`g` int GENERATED ALWAYS AS (`a` * 2) VIRTUAL"},
		{schema.Column{Name: "g", Type: "int", Generated: "`a` * 2"}, "`g` int GENERATED ALWAYS AS (`a` * 2) STORED NOT NULL"},
		{schema.Column{Name: "we`ird", Type: "int", Nullable: true, Comment: `it's a \ back`}, "`we``ird` int NULL COMMENT 'it''s a \\\\ back'"},
	}
	for _, tt := range tests {
		got, err := Dialect{}.ColumnSQL(tb, &tt.col)
		if err != nil {
			t.Errorf("%s: %v", tt.col.Name, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ColumnSQL(%s):\n got %s\nwant %s", tt.col.Name, got, tt.want)
		}
	}
}

// TestRenderErrors checks that what MySQL cannot hold is an error naming
// the object, not SQL the server would reject or silently change.
func TestRenderErrors(t *testing.T) {
	tb := &schema.Table{Schema: "app", Name: "t"}
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"identity always", func() error {
			_, err := Dialect{}.ColumnSQL(tb, &schema.Column{Name: "a", Type: "int", Identity: schema.IdentityAlways})
			return err
		}, `column "a" of table app.t: MySQL has no GENERATED ALWAYS identity; use auto_increment`},
		{"postgres column option", func() error {
			_, err := Dialect{}.ColumnSQL(tb, &schema.Column{Name: "a", Type: "int", Attrs: map[string]string{"storage": "plain"}})
			return err
		}, `column "a" of table app.t: MySQL has no column option "storage"; remove it`},
		{"bad type", func() error {
			_, err := Dialect{}.ColumnSQL(tb, &schema.Column{Name: "a", Type: "int); DROP TABLE x; --"})
			return err
		}, `column "a" of table app.t: invalid MySQL type "int); DROP TABLE x; --": write a type such as "int", "varchar(255)" or "enum('a','b')"`},
		{"bad charset", func() error {
			_, err := Dialect{}.ColumnSQL(tb, &schema.Column{Name: "a", Type: "text", Attrs: map[string]string{schema.AttrCharset: "latin1 COLLATE x"}})
			return err
		}, `column "a" of table app.t: character set "latin1 COLLATE x" is not a valid name`},
		{"partial index", func() error {
			_, err := IndexSQL(tb, &schema.Index{Name: "i", Parts: []schema.IndexPart{{Column: "a"}}, Where: "a > 0"})
			return err
		}, `index "i" of table app.t: MySQL has no partial indexes; remove where`},
		{"unique fulltext", func() error {
			_, err := IndexSQL(tb, &schema.Index{Name: "i", Unique: true, Using: "fulltext", Parts: []schema.IndexPart{{Column: "a"}}})
			return err
		}, `index "i" of table app.t: a FULLTEXT index cannot be unique`},
		{"gin index", func() error {
			_, err := IndexSQL(tb, &schema.Index{Name: "i", Using: "gin", Parts: []schema.IndexPart{{Column: "a"}}})
			return err
		}, `index "i" of table app.t: MySQL has no index type "gin" (btree, hash, rtree, fulltext, spatial)`},
		{"deferrable foreign key", func() error {
			_, err := Dialect{}.ForeignKeySQL(tb, &schema.ForeignKey{Name: "f", Columns: []string{"a"}, RefTable: "p", RefColumns: []string{"id"}, Deferrable: true})
			return err
		}, `foreign key "f" of table app.t: MySQL constraints cannot be deferred`},
		{"table option", func() error {
			_, err := Dialect{}.CreateTableSQL(&schema.Table{Name: "t", Columns: []*schema.Column{{Name: "a", Type: "int"}}, Attrs: map[string]string{"fillfactor": "70"}})
			return err
		}, `table t: MySQL has no table option "fillfactor"; remove it`},
		{"view", func() error {
			_, err := Dialect{}.CreateSQL(&schema.Schema{Views: []*schema.View{{Schema: "app", Name: "v", Def: "SELECT 1"}}})
			return err
		}, `view app.v: views are not supported by tide's MySQL dialect yet; remove it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}
