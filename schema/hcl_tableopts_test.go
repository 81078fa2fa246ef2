package schema

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestDecodeStorageOptions: row_format and key_block_size are MySQL table
// attributes that land in Attrs and that the encoder writes back.
func TestDecodeStorageOptions(t *testing.T) {
	src := myHeader + `
table "t" {
  schema         = "app"
  row_format     = "COMPRESSED"
  key_block_size = 8
  column "id" { type = "int" }
}
`
	s, err := LoadHCL(map[string][]byte{"a.hcl": []byte(src)}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tb := s.Table(QName{Schema: "app", Name: "t"})
	want := map[string]string{AttrRowFormat: "COMPRESSED", AttrKeyBlockSize: "8"}
	if !reflect.DeepEqual(tb.Attrs, want) {
		t.Errorf("table attrs = %v, want %v", tb.Attrs, want)
	}
	if n, err := tb.KeyBlockSize(); err != nil || n != 8 {
		t.Errorf("KeyBlockSize() = %d, %v; want 8", n, err)
	}
	out := assertRoundTrip(t, s, LoadOptions{})
	for _, w := range []string{`row_format     = "COMPRESSED"`, "key_block_size = 8"} {
		if !strings.Contains(string(out), w) {
			t.Errorf("encoded HCL lacks %q:\n%s", w, out)
		}
	}
}

// TestStorageOptionErrors asserts the messages for misused storage options,
// from HCL and from Validate (schemas built by parsers and inspectors).
func TestStorageOptionErrors(t *testing.T) {
	hcl := []struct{ name, src, want string }{
		{"key_block_size zero", myHeader + "table \"t\" {\n  schema = \"app\"\n  key_block_size = 0\n  column \"a\" { type = \"int\" }\n}\n",
			"a.hcl:5:20: table \"app.t\": key_block_size is the key block size in kilobytes (leave it out for the default) and must be a positive whole number, not 0"},
		{"key_block_size a string", myHeader + "table \"t\" {\n  schema = \"app\"\n  key_block_size = \"8k\"\n  column \"a\" { type = \"int\" }\n}\n",
			"a.hcl:5:20: attribute \"key_block_size\" must be a whole number, not a string"},
		{"row_format on postgres", pgHeader + "table \"t\" {\n  row_format = \"DYNAMIC\"\n}\n",
			"a.hcl:3:3: table \"public.t\": row_format is a MySQL option; this schema's dialect is postgres"},
		{"key_block_size on postgres", pgHeader + "table \"t\" {\n  key_block_size = 8\n}\n",
			"a.hcl:3:3: table \"public.t\": key_block_size is a MySQL option; this schema's dialect is postgres"},
	}
	for _, tt := range hcl {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadHCL(map[string][]byte{"a.hcl": []byte(tt.src)}, LoadOptions{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got: %v\nwant: %s", err, tt.want)
			}
		})
	}
	validate := []struct {
		name  string
		attrs Attrs
		want  string
	}{
		{"valid", Attrs{AttrRowFormat: "DYNAMIC", AttrKeyBlockSize: "16"}, ""},
		{"key_block_size not a number", Attrs{AttrKeyBlockSize: "8k"}, `table "d.t": key_block_size must be a positive whole number of kilobytes (1, 2, 4, 8 or 16 on InnoDB), not "8k"`},
		{"key_block_size zero", Attrs{AttrKeyBlockSize: "0"}, `table "d.t": key_block_size must be a positive whole number of kilobytes (1, 2, 4, 8 or 16 on InnoDB), not "0"`},
		{"row_format empty", Attrs{AttrRowFormat: ""}, `table "d.t": row_format is empty; name a row format (e.g. "DYNAMIC") or leave it out for the engine's default`},
	}
	for _, tt := range validate {
		t.Run("validate "+tt.name, func(t *testing.T) {
			s := &Schema{Dialect: "mysql", Tables: []*Table{{Schema: "d", Name: "t", Attrs: tt.attrs, Columns: []*Column{{Name: "a", Type: "int"}}}}}
			got := ""
			if err := Validate(s); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate:\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

// TestDialectDefaultNamespace: objects that name no namespace are in the one
// LoadOptions.DefaultSchema gives for the dialect, "" (unqualified: the
// target database's own, MySQL offline) included; without the option they
// are in "public".
func TestDialectDefaultNamespace(t *testing.T) {
	src := "database { dialect = \"mysql\" }\ntable \"t\" {\n  column \"a\" { type = \"int\" }\n}\n"
	tests := []struct {
		name string
		def  func(string) string
		want QName
	}{
		{"no option", nil, QName{Schema: "public", Name: "t"}},
		{"the URL's database", func(string) string { return "shop" }, QName{Schema: "shop", Name: "t"}},
		{"none (offline MySQL)", func(string) string { return "" }, QName{Name: "t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := LoadHCL(map[string][]byte{"a.hcl": []byte(src)}, LoadOptions{DefaultSchema: tt.def})
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Tables[0].QName(); got != tt.want {
				t.Errorf("table %v, want %v", got, tt.want)
			}
		})
	}
	empty := "database { dialect = \"mysql\" }\ntable \"t\" {\n  schema = \"\"\n  column \"a\" { type = \"int\" }\n}\n"
	_, err := LoadHCL(map[string][]byte{"a.hcl": []byte(empty)}, LoadOptions{DefaultSchema: func(string) string { return "" }})
	want := `a.hcl:3:12: attribute "schema" is empty; name a schema or leave the attribute out for the target's own database`
	if err == nil || err.Error() != want {
		t.Errorf("empty schema attribute:\n got: %v\nwant: %s", err, want)
	}
}

// TestUndeclaredNamespaceHint: the fix an undeclared namespace's error
// names is in the language of the file that uses it — the dialect's
// statement (LoadOptions.NamespaceSQL) for an SQL file, a schema block for
// an HCL file or when no statement is known.
func TestUndeclaredNamespaceHint(t *testing.T) {
	dir := t.TempDir()
	sqlFile := filepath.Join(dir, "u.sql")
	hclFile := filepath.Join(dir, "u.hcl")
	if err := os.WriteFile(sqlFile, []byte("USE shop;\nCREATE TABLE t (a int);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hclFile, []byte("table \"t\" {\n  schema = \"shop\"\n  column \"a\" { type = \"int\" }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	parse := func(_, file string, _ []byte) (*Schema, error) {
		return &Schema{Tables: []*Table{{Schema: "shop", Name: "t", Columns: []*Column{{Name: "a", Type: "int"}},
			Pos: Pos{File: file, Line: 2, Column: 1}}}}, nil
	}
	create := func(_, name string) string { return "CREATE DATABASE `" + name + "`" }
	none := func(string) string { return "" }
	tests := []struct {
		name string
		file string
		opts LoadOptions
		want string
	}{
		{"sql file", sqlFile, LoadOptions{Dialect: "mysql", ParseSQL: parse, DefaultSchema: none, NamespaceSQL: create},
			sqlFile + ":2:1: \"shop\" is not created by the desired state; add CREATE DATABASE `shop`; before the first statement that uses it (only the target's own database needs none)"},
		{"sql file, a named default", sqlFile, LoadOptions{Dialect: "mysql", ParseSQL: parse, DefaultSchema: func(string) string { return "prod" }, NamespaceSQL: create},
			sqlFile + ":2:1: \"shop\" is not created by the desired state; add CREATE DATABASE `shop`; before the first statement that uses it (only \"prod\" needs none)"},
		{"sql file, no statement known", sqlFile, LoadOptions{Dialect: "mysql", ParseSQL: parse, DefaultSchema: none},
			sqlFile + `:2:1: schema "shop" is not declared; add schema "shop" {}`},
		{"hcl file", hclFile, LoadOptions{Dialect: "mysql", DefaultSchema: none, NamespaceSQL: create},
			hclFile + `:2:12: schema "shop" is not declared; add schema "shop" {}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load([]string{tt.file}, tt.opts)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got: %v\nwant: %s", err, tt.want)
			}
		})
	}
}
