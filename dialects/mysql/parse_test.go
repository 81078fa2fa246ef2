package mysql

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

// corpus lists the parser's testdata files.
func corpus(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/parse/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no parse corpus under testdata/parse (%v)", err)
	}
	return files
}

// TestParseSQLGolden parses every testdata/parse/*.sql file and compares the
// schema's JSON with the .json beside it. render_livedb_test.go runs the
// same files on the live server.
func TestParseSQLGolden(t *testing.T) {
	for _, file := range corpus(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			s := parseFile(t, file)
			compareGolden(t, strings.TrimSuffix(file, ".sql")+".json", schemaJSON(t, s))
			if err := schema.Validate(s); err != nil {
				t.Errorf("the parsed schema does not validate: %v", err)
			}
		})
	}
}

// TestParseSQLFeatures checks parses the golden corpus does not cover,
// because they are MySQL 8-only or involve other databases.
func TestParseSQLFeatures(t *testing.T) {
	t.Run("databases", func(t *testing.T) {
		src := "CREATE DATABASE shop;\nCREATE TABLE plain (a int);\nUSE shop;\nCREATE TABLE items (a int);\nCREATE TABLE other.x (b int);\n"
		s, err := Dialect{Database: "app"}.ParseSQL("x.sql", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tb := range s.Tables {
			got = append(got, tb.QName().String())
		}
		if strings.Join(got, " ") != "app.plain shop.items other.x" || len(s.Namespaces) != 1 || s.Namespaces[0].Name != "shop" {
			t.Errorf("tables %v, namespaces %+v", got, s.Namespaces)
		}
	})
	t.Run("functional indexes and index types", func(t *testing.T) {
		src := "CREATE TABLE t (a int, b int, KEY ((a + b)), KEY ((a * 2)) , KEY h (b) USING HASH, UNIQUE KEY (a DESC));"
		s, err := Dialect{}.ParseSQL("x.sql", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want := []*schema.Index{
			{Name: "functional_index", Parts: []schema.IndexPart{{Expr: "`a` + `b`"}}},
			{Name: "functional_index_2", Parts: []schema.IndexPart{{Expr: "`a` * 2"}}},
			{Name: "h", Using: "hash", Parts: []schema.IndexPart{{Column: "b"}}},
			{Name: "a", Unique: true, Parts: []schema.IndexPart{{Column: "a", Desc: true}}},
		}
		requireSameSchema(t, "indexes", &schema.Schema{Tables: []*schema.Table{{Indexes: s.Tables[0].Indexes}}}, &schema.Schema{Tables: []*schema.Table{{Indexes: want}}})
		back, sql, err := roundTrip(Dialect{}, s)
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, sql)
		}
		requireSameSchema(t, "parse(render(x))", back, s)
	})
	t.Run("serial and case-insensitive column names", func(t *testing.T) {
		src := "CREATE TABLE t (KEY (Name), ID serial, name varchar(10), PRIMARY KEY (id));"
		s, err := Dialect{}.ParseSQL("x.sql", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		tb := s.Tables[0]
		id := tb.Column("ID")
		if id.Type != "bigint unsigned" || id.Nullable || id.Identity != schema.IdentityByDefault {
			t.Errorf("serial column = %+v", id)
		}
		if tb.PrimaryKey.Columns[0] != "ID" {
			t.Errorf("primary key columns %v, want the column's own spelling ID", tb.PrimaryKey.Columns)
		}
		var names []string
		for _, ix := range tb.Indexes {
			names = append(names, ix.Name+"("+ix.Parts[0].Column+")")
		}
		if got := strings.Join(names, " "); got != "name(name) ID(ID)" {
			t.Errorf("indexes %s, want name(name) ID(ID)", got)
		}
	})
	t.Run("alter adds to a table's names", func(t *testing.T) {
		src := "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE t (a int, CHECK (a > 0), FOREIGN KEY (a) REFERENCES p (id));\n" +
			"ALTER TABLE t ADD CHECK (a < 9), ADD CONSTRAINT t_ibfk_7 FOREIGN KEY (a) REFERENCES p (id), ADD FOREIGN KEY (a) REFERENCES p (ID);"
		s, err := Dialect{}.ParseSQL("x.sql", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		tb := s.Tables[1]
		var got []string
		for _, k := range tb.Checks {
			got = append(got, k.Name)
		}
		for _, f := range tb.ForeignKeys {
			got = append(got, f.Name+"->"+f.RefColumns[0])
		}
		if want := "t_chk_1 t_chk_2 t_ibfk_1->id t_ibfk_7->id t_ibfk_2->id"; strings.Join(got, " ") != want {
			t.Errorf("names %q, want %q", strings.Join(got, " "), want)
		}
	})
}
