package schema

import (
	"reflect"
	"strings"
	"testing"
)

const myHeader = "database { dialect = \"mysql\" }\nschema \"app\" {}\n"

// TestDecodeMySQLOptions checks the MySQL table and column options that
// ride in Attrs: their HCL spelling, the keys they land in, and that the
// encoder writes them back as the same attributes.
func TestDecodeMySQLOptions(t *testing.T) {
	src := myHeader + `
table "events" {
  schema         = "app"
  engine         = "InnoDB"
  charset        = "utf8mb4"
  collate        = "utf8mb4_bin"
  auto_increment = 1000
  comment        = "what happened"

  column "id" {
    type           = "bigint"
    unsigned       = true
    auto_increment = true
  }
  column "updated_at" {
    type      = "datetime(6)"
    null      = false
    default   = "current_timestamp(6)"
    on_update = "current_timestamp(6)"
  }
  column "total" {
    type      = "int"
    generated = "id * 2"
    virtual   = true
  }
  primary_key { columns = ["id"] }
}
`
	s, err := LoadHCL(map[string][]byte{"a.hcl": []byte(src)}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tb := s.Table(QName{Schema: "app", Name: "events"})
	if tb == nil {
		t.Fatal("table app.events not decoded")
	}
	wantTable := map[string]string{AttrEngine: "InnoDB", AttrCharset: "utf8mb4", AttrCollate: "utf8mb4_bin", AttrAutoIncrement: "1000"}
	if !reflect.DeepEqual(tb.Attrs, wantTable) {
		t.Errorf("table attrs = %v, want %v", tb.Attrs, wantTable)
	}
	if n, err := tb.AutoIncrementStart(); err != nil || n != 1000 {
		t.Errorf("AutoIncrementStart() = %d, %v; want 1000", n, err)
	}
	cols := map[string]map[string]string{
		"id":         {AttrUnsigned: "true"},
		"updated_at": {AttrOnUpdate: "current_timestamp(6)"},
		"total":      {AttrVirtual: "true"},
	}
	for name, want := range cols {
		if got := tb.Column(name).Attrs; !reflect.DeepEqual(got, want) {
			t.Errorf("column %s attrs = %v, want %v", name, got, want)
		}
	}
	if tb.Column("id").Identity != IdentityByDefault {
		t.Errorf("auto_increment column identity = %q", tb.Column("id").Identity)
	}
	out := assertRoundTrip(t, s, LoadOptions{})
	for _, want := range []string{"auto_increment = 1000", `on_update = "current_timestamp(6)"`, "virtual   = true"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("encoded HCL lacks %q:\n%s", want, out)
		}
	}
}

// TestMySQLOptionErrors asserts the messages for misused MySQL options.
func TestMySQLOptionErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"auto_increment not positive", myHeader + "table \"t\" {\n  schema = \"app\"\n  auto_increment = 0\n  column \"a\" { type = \"int\" }\n}\n",
			"a.hcl:5:20: table \"app.t\": auto_increment is the counter's first value and must be a positive whole number, not 0"},
		{"auto_increment not a number", myHeader + "table \"t\" {\n  schema = \"app\"\n  auto_increment = \"x\"\n  column \"a\" { type = \"int\" }\n}\n",
			"a.hcl:5:20: attribute \"auto_increment\" must be a whole number, not a string"},
		{"virtual without generated", myHeader + "table \"t\" {\n  schema = \"app\"\n  column \"a\" {\n    type = \"int\"\n    virtual = true\n  }\n}\n",
			"a.hcl:5:3: column \"a\" of table \"app.t\" is virtual but not generated; add generated = \"<expression>\" or drop virtual"},
		{"on_update on a generated column", myHeader + "table \"t\" {\n  schema = \"app\"\n  column \"a\" {\n    type = \"int\"\n    generated = \"1\"\n    on_update = \"now()\"\n  }\n}\n",
			"a.hcl:5:3: column \"a\" of table \"app.t\" has both generated and on_update; a generated column is never assigned, so drop on_update"},
		{"on_update on postgres", pgHeader + "table \"t\" {\n  column \"a\" {\n    type = \"timestamp\"\n    on_update = \"now()\"\n  }\n}\n",
			"a.hcl:5:5: column \"a\" of table \"public.t\": on_update is a MySQL option; this schema's dialect is postgres"},
		{"auto_increment table option on postgres", pgHeader + "table \"t\" {\n  auto_increment = 5\n}\n",
			"a.hcl:3:3: table \"public.t\": auto_increment is a MySQL option; this schema's dialect is postgres"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadHCL(map[string][]byte{"a.hcl": []byte(tt.src)}, LoadOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got: %s\nwant: %s", err, tt.want)
			}
		})
	}
}

// TestValidateAttrValues checks the values Validate accepts in the
// well-known Attrs keys, for schemas built by parsers and inspectors.
func TestValidateAttrValues(t *testing.T) {
	tests := []struct {
		name  string
		table Attrs
		col   Attrs
		want  string
	}{
		{"valid", Attrs{AttrAutoIncrement: "7"}, Attrs{AttrUnsigned: "true"}, ""},
		{"auto_increment not a number", Attrs{AttrAutoIncrement: "seven"}, nil, `table "d.t": auto_increment must be a positive whole number, not "seven"`},
		{"auto_increment zero", Attrs{AttrAutoIncrement: "0"}, nil, `table "d.t": auto_increment must be a positive whole number, not "0"`},
		{"unsigned false", nil, Attrs{AttrUnsigned: "false"}, `column "a" of table "d.t": unsigned is "false"; it is either "true" or absent`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Schema{Dialect: "mysql", Tables: []*Table{{Schema: "d", Name: "t", Attrs: tt.table,
				Columns: []*Column{{Name: "a", Type: "int", Attrs: tt.col}}}}}
			err := Validate(s)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate:\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

// Attrs is shorthand for an options map in these tests.
type Attrs = map[string]string
