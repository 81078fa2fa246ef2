package mysql

import (
	"fmt"
	"strings"
	"testing"
)

// typeCases are spellings and their canonical form; the live test declares
// each on the server and checks that the server's COLUMN_TYPE maps to the
// same canonical form.
var typeCases = []struct{ in, want string }{
	{"int", "int"}, {"INT(11)", "int"}, {"integer", "int"}, {"int4", "int"}, {"int(5)", "int"},
	{"tinyint", "tinyint"}, {"tinyint(4)", "tinyint"}, {"tinyint(1)", "tinyint(1)"}, {"bool", "tinyint(1)"},
	{"boolean", "tinyint(1)"}, {"tinyint(1) unsigned", "tinyint(1) unsigned"}, {"int1", "tinyint"},
	{"smallint(6)", "smallint"}, {"int2", "smallint"}, {"mediumint", "mediumint"}, {"middleint", "mediumint"},
	{"bigint(20) unsigned", "bigint unsigned"}, {"BIGINT UNSIGNED", "bigint unsigned"}, {"int8", "bigint"},
	{"int zerofill", "int(10) unsigned zerofill"}, {"int(5) zerofill", "int(5) unsigned zerofill"},
	{"smallint unsigned zerofill", "smallint(5) unsigned zerofill"},
	{"decimal", "decimal(10,0)"}, {"dec(5)", "decimal(5,0)"}, {"numeric(8,3)", "decimal(8,3)"},
	{"fixed(4,1)", "decimal(4,1)"}, {"decimal(10,2) unsigned", "decimal(10,2) unsigned"},
	{"float", "float"}, {"float(10)", "float"}, {"float(30)", "double"}, {"float(7,3)", "float(7,3)"},
	{"double", "double"}, {"real", "double"}, {"double precision", "double"}, {"double(10,2)", "double(10,2)"},
	{"bit", "bit(1)"}, {"bit(0)", "bit(1)"}, {"bit(64)", "bit(64)"}, {"decimal(0)", "decimal(10,0)"},
	{"tinyint(1) zerofill", "tinyint(1) unsigned zerofill"}, {"varchar(0)", "varchar(0)"},
	{"char", "char(1)"}, {"character(3)", "char(3)"}, {"varchar(255)", "varchar(255)"},
	{"character varying(30)", "varchar(30)"}, {"binary", "binary(1)"}, {"varbinary(16)", "varbinary(16)"},
	{"tinytext", "tinytext"}, {"text", "text"}, {"mediumtext", "mediumtext"}, {"longtext", "longtext"},
	{"long", "mediumtext"}, {"long varchar", "mediumtext"}, {"tinyblob", "tinyblob"}, {"blob", "blob"},
	{"blob(100)", "tinyblob"}, {"blob(300)", "blob"}, {"blob(70000)", "mediumblob"}, {"long varbinary", "mediumblob"},
	{"json", "json"}, {"date", "date"}, {"datetime", "datetime"}, {"datetime(6)", "datetime(6)"},
	{"timestamp(0)", "timestamp"}, {"time(3)", "time(3)"}, {"year", "year"}, {"year(4)", "year"},
	{"enum('a','b')", "enum('a','b')"}, {"ENUM ( 'x' , 'Y' )", "enum('x','Y')"},
	{`enum('it''s','back\\slash')`, `enum('it''s','back\\slash')`}, {"set('a','b')", "set('a','b')"},
	{"uuid", "uuid"}, {"INET6", "inet6"}, {"geometry", "geometry"}, {"point", "point"},
}

// TestCanonicalType checks the canonical spelling of every case, and that
// canonicalising is idempotent.
func TestCanonicalType(t *testing.T) {
	for _, tt := range typeCases {
		got, err := Dialect{}.CanonicalType(tt.in)
		if err != nil {
			t.Errorf("CanonicalType(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("CanonicalType(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again, err := (Dialect{}).CanonicalType(got); err != nil || again != got {
			t.Errorf("CanonicalType(%q) = %q, %v; not idempotent", got, again, err)
		}
	}
}

// TestCanonicalTypeErrors asserts the messages for what is not one type.
func TestCanonicalTypeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `empty type: write a MySQL type such as "int" or "varchar(255)"`},
		{"intt", `invalid MySQL type "intt": write a type such as "int", "varchar(255)" or "enum('a','b')"`},
		{"int, b int", `invalid MySQL type "int, b int": expected one type name`},
		{"int NOT NULL", `type "int NOT NULL": only the type belongs here; NOT NULL, DEFAULT, COLLATE and the like are the column's own attributes`},
		{"varchar(10) COLLATE utf8mb4_bin", `type "varchar(10) COLLATE utf8mb4_bin": only the type belongs here; NOT NULL, DEFAULT, COLLATE and the like are the column's own attributes`},
		{"varchar(10) CHARACTER SET latin1", `type "varchar(10) CHARACTER SET latin1": the character set is not part of the type; set the column's charset instead`},
		{"char(4) binary", `type "char(4) binary": the BINARY attribute means the _bin collation of the column's character set; set the column's collation (e.g. "utf8mb4_bin") instead`},
		{"nvarchar(10)", `type "nvarchar(10)": NVARCHAR types are utf8mb3 character types; write the plain type (char, varchar) and set the column's charset to "utf8mb3"`},
		{"serial", `type "serial" is shorthand for bigint unsigned NOT NULL AUTO_INCREMENT UNIQUE; write type "bigint unsigned", NOT NULL, auto_increment and a unique key`},
		{"text(100)", `type "text(100)": the server turns text(n) into tinytext, text, mediumtext or longtext depending on the character set; write one of those`},
		{"year(2)", `invalid MySQL type "year(2)": write a type such as "int", "varchar(255)" or "enum('a','b')"`},
		{"decimal(70,2)", `type "decimal(70,2)": precision 70 is out of range (1 to 65)`},
		{"decimal(5,6)", `type "decimal(5,6)": scale 6 must be at most 30 and at most the precision 5`},
		{"bit(65)", `type "bit(65)": bit width 65 is out of range (1 to 64)`},
		{"int(256)", `type "int(256)": display width 256 is out of range (at most 255)`},
		{"float(7,8)", `type "float(7,8)": the scale 8 must not exceed the precision 7`},
		{"varchar(70000)", `type "varchar(70000)": length must be between 0 and 65535`},
		{"datetime(7)", `type "datetime(7)": fractional-seconds precision 7 is out of range (0 to 6)`},
		{"char(256)", `type "char(256)": length 256 is out of range (at most 255); use varchar or varbinary`},
		{"int); DROP TABLE t; --", `invalid MySQL type "int); DROP TABLE t; --": write a type such as "int", "varchar(255)" or "enum('a','b')"`},
	}
	for _, tt := range tests {
		_, err := Dialect{}.CanonicalType(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("CanonicalType(%q) error:\n got %v\nwant %s", tt.in, err, tt.want)
		}
	}
}

// TestEqualIgnoringDisplayWidth checks the comparison modulo integer
// display widths.
func TestEqualIgnoringDisplayWidth(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"int(11)", "int", true},
		{"int(11)", "INTEGER", true},
		{"tinyint(4)", "tinyint(1)", true},
		{"bool", "tinyint", true},
		{"bigint(20) unsigned", "bigint unsigned", true},
		{"int(5) zerofill", "int(10) unsigned zerofill", true},
		{"int", "bigint", false},
		{"int unsigned", "int", false},
		{"int zerofill", "int unsigned", false},
		{"varchar(10)", "varchar(11)", false},
		{"decimal(10,2)", "decimal(10,0)", false},
		{"decimal", "decimal(10,0)", true},
		{"not a type", "NOT  a type", true},
	}
	for _, tt := range tests {
		if got := EqualIgnoringDisplayWidth(tt.a, tt.b); got != tt.want {
			t.Errorf("EqualIgnoringDisplayWidth(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestCanonicalTypeLive declares a column of every case's type on the live
// server and checks that the server's own spelling (COLUMN_TYPE, which has
// display widths on MariaDB) canonicalises to the same type: the inspector
// and the desired state meet on that form. JSON is the exception MariaDB
// makes (it stores LONGTEXT with a json_valid check).
func TestCanonicalTypeLive(t *testing.T) {
	db, name := scratchDB(t)
	var cols []string
	for i, tt := range typeCases {
		cols = append(cols, fmt.Sprintf("c%d %s", i, tt.in))
	}
	if _, err := db.Exec("CREATE TABLE types (" + strings.Join(cols, ", ") + ")"); err != nil {
		t.Fatalf("create the table of types: %v", err)
	}
	var version string
	if err := db.QueryRow("SELECT version()").Scan(&version); err != nil {
		t.Fatal(err)
	}
	mariadb := strings.Contains(strings.ToLower(version), "mariadb")
	rows, err := db.Query(`SELECT column_type FROM information_schema.columns
	                        WHERE table_schema = ? AND table_name = 'types' ORDER BY ordinal_position`, name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for ; rows.Next(); i++ {
		var serverType string
		if err := rows.Scan(&serverType); err != nil {
			t.Fatal(err)
		}
		tt := typeCases[i]
		want := tt.want
		if mariadb && want == "json" {
			want = "longtext"
		}
		got, err := canonicalType(serverType)
		if err != nil || got != want {
			t.Errorf("declared %q, the server says %q, which canonicalises to %q (%v); want %q", tt.in, serverType, got, err, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(typeCases) {
		t.Fatalf("read %d columns, declared %d", i, len(typeCases))
	}
}
