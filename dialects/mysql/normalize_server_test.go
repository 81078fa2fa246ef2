package mysql

import (
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

// testServer is a MariaDB 10.11 whose database defaults to
// utf8mb4_general_ci.
func testServer() *Server {
	return &Server{Version: mariaDB1011, Charset: "utf8mb4", Collation: "utf8mb4_general_ci", Engine: "InnoDB",
		DefaultCollations: map[string]string{"utf8mb4": "utf8mb4_general_ci", "latin1": "latin1_swedish_ci", "ascii": "ascii_general_ci"},
		Charsets:          map[string]string{"utf8mb4_general_ci": "utf8mb4", "utf8mb4_bin": "utf8mb4", "latin1_swedish_ci": "latin1", "latin1_bin": "latin1"},
		MaxLen:            map[string]int{"utf8mb4": 4, "latin1": 1}}
}

// TestNormalizeInheritedCharsets: with the server known, character sets,
// collations and the engine are kept only where they differ from what is
// inherited; a character set named alone means its default collation.
func TestNormalizeInheritedCharsets(t *testing.T) {
	tests := []struct {
		name                 string
		table                map[string]string
		colCharset, colColl  string
		colType              string
		wantTable            map[string]string
		wantCharset, wantCol string
	}{
		{name: "all inherited", table: map[string]string{schema.AttrEngine: "innodb", schema.AttrCharset: "utf8mb4"},
			colType: "varchar(5)", colCharset: "utf8mb4", colColl: "utf8mb4_general_ci"},
		{name: "table collation differs", table: map[string]string{schema.AttrCollate: "utf8mb4_bin"}, colType: "varchar(5)",
			wantTable: map[string]string{schema.AttrCharset: "utf8mb4", schema.AttrCollate: "utf8mb4_bin"}},
		{name: "column charset alone means its default collation", table: map[string]string{schema.AttrCollate: "utf8mb4_bin"},
			colType: "varchar(5)", colCharset: "utf8mb4",
			wantTable: map[string]string{schema.AttrCharset: "utf8mb4", schema.AttrCollate: "utf8mb4_bin"}, wantCol: "utf8mb4_general_ci"},
		{name: "other character set", colType: "text", colCharset: "latin1", wantCharset: "latin1", wantCol: "latin1_swedish_ci"},
		{name: "other collation implies its character set", colType: "enum('a')", colColl: "latin1_bin", wantCharset: "latin1", wantCol: "latin1_bin"},
		{name: "not a character column", colType: "int", colCharset: "latin1", wantCharset: "latin1"},
		{name: "engine other than the default", table: map[string]string{schema.AttrEngine: "aria"}, colType: "int",
			wantTable: map[string]string{schema.AttrEngine: "Aria"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &schema.Column{Name: "c", Type: tt.colType, Nullable: true, Collation: tt.colColl}
			if tt.colCharset != "" {
				c.Attrs = map[string]string{schema.AttrCharset: tt.colCharset}
			}
			tb := &schema.Table{Schema: "app", Name: "t", Columns: []*schema.Column{c}, Attrs: tt.table}
			s := &schema.Schema{Dialect: "mysql", Tables: []*schema.Table{tb}}
			if err := (Dialect{Database: "app", Server: testServer()}).Normalize(s); err != nil {
				t.Fatal(err)
			}
			if !equalMaps(tb.Attrs, tt.wantTable) || c.Attrs[schema.AttrCharset] != tt.wantCharset || c.Collation != tt.wantCol {
				t.Errorf("table %v, column charset %q collation %q; want %v, %q, %q",
					tb.Attrs, c.Attrs[schema.AttrCharset], c.Collation, tt.wantTable, tt.wantCharset, tt.wantCol)
			}
		})
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestNormalizeOneDatabase: the connection's database is the implicit
// namespace, and against a live server objects elsewhere are errors.
func TestNormalizeOneDatabase(t *testing.T) {
	s := &schema.Schema{Namespaces: []*schema.Namespace{{Name: "app"}, {Name: "other"}},
		Tables: []*schema.Table{{Schema: "app", Name: "a", Columns: []*schema.Column{{Name: "x", Type: "int"}}}}}
	offline := s.Clone()
	if err := (Dialect{Database: "app"}).Normalize(offline); err != nil {
		t.Fatal(err)
	}
	if len(offline.Namespaces) != 1 || offline.Namespaces[0].Name != "other" {
		t.Errorf("offline namespaces %+v, want only other", offline.Namespaces)
	}
	live := s.Clone()
	live.Tables = append(live.Tables, &schema.Table{Schema: "other", Name: "b", Columns: []*schema.Column{{Name: "x", Type: "int"}}})
	err := (Dialect{Database: "app", Server: testServer()}).Normalize(live)
	for _, want := range []string{`database "other": the URL names database "app"`, `table "other.b" is in database "other"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not say %s", err, want)
		}
	}
}

func TestTypedDefault(t *testing.T) {
	tests := []struct{ typ, def, want string }{
		{"int", "'007'", "7"},
		{"int", "1.5", "2"},
		{"int", "-1.5", "-2"},
		{"bigint unsigned", "18446744073709551615", "18446744073709551615"},
		{"decimal(6,2)", "'1.5'", "1.50"},
		{"decimal(6,2)", "-0.001", "0.00"},
		{"decimal(10,0)", "3", "3"},
		{"float", "1.50", "1.5"},
		{"float", "'2.50'", "2.5"},
		{"double", "1e3", "1000"},
		{"double", "-0.0", "0"},
		{"double", "1e300", "1e+300"},
		{"float(7,3)", "1.5", "1.500"},
		{"bit(4)", "5", "b'101'"},
		{"bit(4)", "b'0101'", "b'101'"},
		{"bit(1)", "0", "b'0'"},
		{"year", "99", "1999"},
		{"year", "5", "2005"},
		{"varchar(5)", "1", "'1'"},
		{"varchar(5)", "1.50", "'1.50'"},
		{"char(3)", "'x'", "'x'"},
		{"varbinary(4)", "'ab'", "x'6162'"},
		{"binary(2)", "x'0A0B'", "x'0a0b'"},
		{"blob", "7", "x'37'"},
		{"date", "'2020-01-31'", "'2020-01-31'"},
		{"int", "(abs(-3))", "abs(-3)"},
		{"datetime", "current_timestamp()", "current_timestamp()"},
		{"int", "(1 + 1)", "1 + 1"},
	}
	for _, tt := range tests {
		if got := typedDefault(tt.typ, tt.def); got != tt.want {
			t.Errorf("typedDefault(%s, %s) = %s, want %s", tt.typ, tt.def, got, tt.want)
		}
	}
}

// TestParseMariaDBNames: for MariaDB the parser names unnamed checks as
// MariaDB does and reads a JSON column as SHOW CREATE TABLE prints it.
func TestParseMariaDBNames(t *testing.T) {
	src := "CREATE TABLE t (a int CHECK (a > 0), j longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin CHECK (json_valid(`j`)), b int,\n" +
		"CHECK (b > 0), CONSTRAINT CONSTRAINT_2 CHECK (b < 10), CHECK (b <> 5));\n" +
		"ALTER TABLE t ADD CHECK (a < 9);"
	d := Dialect{Database: "app", Server: testServer()}
	s, err := d.ParseSQL("x.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range s.Tables[0].Checks {
		names = append(names, k.Name)
	}
	if got := strings.Join(names, " "); got != "a CONSTRAINT_1 CONSTRAINT_2 CONSTRAINT_3 CONSTRAINT_4" {
		t.Errorf("check names %q", got)
	}
	if j := s.Tables[0].Column("j"); j.Type != "json" || j.Collation != "" || j.Attrs != nil {
		t.Errorf("column j: %+v, want a json column", j)
	}
	mysql, err := Dialect{Database: "app"}.ParseSQL("x.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if k := mysql.Tables[0].Checks; len(k) != 6 || k[0].Name != "t_chk_1" || mysql.Tables[0].Column("j").Type != "longtext" {
		t.Errorf("offline (MySQL rules): checks %+v, j %+v", k, mysql.Tables[0].Column("j"))
	}
}

// TestRenderMariaDBColumnChecks: on MariaDB a check named after a column is
// declared in the column's definition, where MariaDB keeps it.
func TestRenderMariaDBColumnChecks(t *testing.T) {
	tb := &schema.Table{Schema: "app", Name: "t", Columns: []*schema.Column{{Name: "a", Type: "int", Nullable: true}},
		Checks: []*schema.Check{{Name: "a", Expr: "`a` > 0"}, {Name: "other", Expr: "`a` < 9"}}}
	got, err := Dialect{Database: "app", Server: testServer()}.CreateTableSQL(tb)
	if err != nil {
		t.Fatal(err)
	}
	want := "CREATE TABLE `t` (\n  `a` int NULL CHECK (`a` > 0),\n  CONSTRAINT `other` CHECK (`a` < 9)\n)"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestDropCreationOptions: the AUTO_INCREMENT start stays on a table the
// plan creates and goes from one that exists.
func TestDropCreationOptions(t *testing.T) {
	ai := func() map[string]string { return map[string]string{schema.AttrAutoIncrement: "100"} }
	desired := &schema.Schema{Tables: []*schema.Table{
		{Schema: "app", Name: "exists", Attrs: ai()},
		{Schema: "app", Name: "renamed", RenamedFrom: "old", Attrs: ai()},
		{Schema: "app", Name: "new", Attrs: ai()},
	}}
	current := &schema.Schema{Tables: []*schema.Table{{Schema: "app", Name: "exists"}, {Schema: "app", Name: "old"}}}
	Dialect{}.DropCreationOptions(current, desired)
	if desired.Tables[0].Attrs != nil || desired.Tables[1].Attrs != nil || desired.Tables[2].Attrs[schema.AttrAutoIncrement] != "100" {
		t.Errorf("attrs after: %v %v %v", desired.Tables[0].Attrs, desired.Tables[1].Attrs, desired.Tables[2].Attrs)
	}
}
