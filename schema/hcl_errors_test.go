package schema

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const pgHeader = "database { dialect = \"postgres\" }\n"

// TestLoadHCLErrors asserts the exact "file:line:col: message" for each
// kind of bad input.
func TestLoadHCLErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  LoadOptions
		want  string
	}{
		{name: "syntax", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = }\n}\n"}, want: "a.hcl:3:23: Invalid expression: Expected the start of an expression, but found an invalid expression token"},
		{name: "unknown top-level block", files: map[string]string{"a.hcl": pgHeader + "tabel \"t\" {}\n"}, want: "a.hcl:2:1: file a.hcl: unknown block \"tabel\"; expected one of: database, enum, locals, schema, sequence, table, variable, view"},
		{name: "top-level attribute", files: map[string]string{"a.hcl": pgHeader + "dialect = \"postgres\"\n"}, want: "a.hcl:2:1: file a.hcl: attribute \"dialect\" is not allowed here, only blocks: database, enum, locals, schema, sequence, table, variable, view"},
		{name: "unknown column attribute", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" {\n    type = \"int\"\n    nullable = false\n  }\n}\n"}, want: "a.hcl:5:5: column \"a\" of table \"public.t\": unknown attribute \"nullable\"; expected one of: type, null, default, identity, generated, collation, comment, renamed_from, backfill, using, auto_increment, unsigned, charset, on_update, virtual"},
		{name: "block written as attribute", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  primary_key = [\"a\"]\n}\n"}, want: "a.hcl:3:3: table \"t\": primary_key is a block, not an attribute; write primary_key { … }"},
		{name: "attribute written as block", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  comment { }\n}\n"}, want: "a.hcl:3:3: table \"t\": comment is an attribute, not a block; write comment = …"},
		{name: "wrong label count", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column { type = \"int\" }\n}\n"}, want: "a.hcl:3:3: table \"t\": block column takes one label (column \"name\" { … }), not 0"},
		{name: "bool attribute given a string", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" {\n    type = \"int\"\n    null = \"no\"\n  }\n}\n"}, want: "a.hcl:5:12: attribute \"null\" must be true or false, not a string"},
		{name: "list attribute given a string", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  primary_key { columns = \"a\" }\n}\n"}, want: "a.hcl:4:27: attribute \"columns\" must be a list of strings, not a string"},
		{name: "list element not a string", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  primary_key { columns = [\"a\", 2] }\n}\n"}, want: "a.hcl:4:27: attribute \"columns\" must be a list of strings, but element 2 is a number"},
		{name: "string attribute given a number", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = 5 }\n}\n"}, want: "a.hcl:3:23: attribute \"type\" must be a string, not a number"},
		{name: "number not whole", files: map[string]string{"a.hcl": pgHeader + "sequence \"s\" { start = 1.5 }\n"}, want: "a.hcl:2:24: attribute \"start\" must be a whole number between -9223372036854775808 and 9223372036854775807, not 1.5"},
		{name: "bad identity", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" {\n    type = \"int\"\n    identity = \"sometimes\"\n  }\n}\n"}, want: "a.hcl:5:16: attribute \"identity\" is \"sometimes\"; expected one of \"always\", \"by default\""},
		{name: "bad on_delete", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  foreign_key \"f\" {\n    columns = [\"a\"]\n    ref_table = \"t\"\n    ref_columns = [\"a\"]\n    on_delete = \"explode\"\n  }\n}\n"}, want: "a.hcl:8:17: attribute \"on_delete\" is \"explode\"; expected one of \"no action\", \"restrict\", \"cascade\", \"set null\", \"set default\""},
		{name: "column without type", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { null = false }\n}\n"}, want: "a.hcl:3:3: column \"a\" of table \"public.t\": attribute \"type\" is required, e.g. type = \"bigint\""},
		{name: "empty table name", files: map[string]string{"a.hcl": pgHeader + "table \"\" {\n}\n"}, want: "a.hcl:2:7: table name is empty; give the table a name"},
		{name: "no dialect", files: map[string]string{"a.hcl": "table \"t\" {}\n"}, want: "a.hcl: no dialect given; add database { dialect = \"postgres\" } (or mysql, mssql) or pass --dialect"},
		{name: "unknown dialect", files: map[string]string{"a.hcl": "database { dialect = \"oracle\" }\n"}, want: "a.hcl:1:22: attribute \"dialect\" is \"oracle\"; expected one of \"postgres\", \"mysql\", \"mssql\""},
		{name: "conflicting dialects", files: map[string]string{"a.hcl": pgHeader, "b.hcl": "\ndatabase { dialect = \"mysql\" }\n"}, want: "b.hcl:2:22: dialect \"mysql\" conflicts with dialect \"postgres\" set at a.hcl:1:22; all files must name the same dialect"},
		{name: "table defined twice", files: map[string]string{"a.hcl": pgHeader + "\n\ntable \"users\" {}\n", "b.hcl": "\n\n\n\n\n\n\n\ntable \"users\" {\n  schema = \"public\"\n}\n"}, want: "b.hcl:9:1: table \"public.users\" defined twice: a.hcl:4:1 and b.hcl:9:1"},
		{name: "schema not declared", files: map[string]string{"a.hcl": pgHeader + "enum \"e\" {\n  schema = \"sales\"\n  values = []\n}\n"}, want: "a.hcl:3:12: schema \"sales\" is not declared; add schema \"sales\" {}"},
		{name: "mysql option on postgres", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  engine = \"InnoDB\"\n}\n"}, want: "a.hcl:3:3: table \"public.t\": engine is a MySQL option; this schema's dialect is postgres"},
		{name: "undeclared --var", opts: LoadOptions{Vars: map[string]string{"nope": "1"}}, files: map[string]string{"a.hcl": pgHeader}, want: "--var nope: no variable \"nope\" is declared; declare it with variable \"nope\" {} or drop the --var"},
		{name: "variable without value", files: map[string]string{"a.hcl": pgHeader + "variable \"v\" {}\n"}, want: "a.hcl:2:1: variable \"v\" has no value; give it a default or pass --var v=…"},
		{name: "variable --var of wrong type", opts: LoadOptions{Vars: map[string]string{"n": "ten"}}, files: map[string]string{"a.hcl": pgHeader + "variable \"n\" { type = number }\n"}, want: "a.hcl:2:1: --var n=\"ten\" is not a valid number: a number is required"},
		{name: "variable defined twice", files: map[string]string{"a.hcl": pgHeader + "variable \"v\" { default = \"x\" }\n", "b.hcl": "variable \"v\" { default = \"y\" }\n"}, want: "b.hcl:1:1: variable \"v\" defined twice: a.hcl:2:1 and b.hcl:1:1"},
		{name: "bad variable type", files: map[string]string{"a.hcl": pgHeader + "variable \"v\" { type = \"string\" }\n"}, want: "a.hcl:2:23: variable \"v\": type must be one of string, number, bool or any (written without quotes)"},
		{name: "unknown variable", files: map[string]string{"a.hcl": pgHeader + "table \"t\" { comment = var.nope }\n"}, want: "a.hcl:2:23: var.nope is not declared; add variable \"nope\" {}"},
		{name: "undefined local", files: map[string]string{"a.hcl": pgHeader + "locals {\n  a = local.b\n}\n"}, want: "a.hcl:3:7: local.b is not defined; add it to a locals block"},
		{name: "local cycle", files: map[string]string{"a.hcl": pgHeader + "locals {\n  a = local.b\n  b = local.a\n}\n"}, want: "a.hcl:3:3: local.a cannot be evaluated: the locals a, b refer to each other in a cycle; break the cycle\na.hcl:4:3: local.b cannot be evaluated: the locals a, b refer to each other in a cycle; break the cycle"},
		{name: "local defined twice", files: map[string]string{"a.hcl": pgHeader + "locals {\n  a = 1\n}\nlocals {\n  a = 2\n}\n"}, want: "a.hcl:6:3: local.a defined twice: a.hcl:3:3 and a.hcl:6:3"},
		{name: "function error", files: map[string]string{"a.hcl": pgHeader + "table \"t\" { comment = upper(1, 2) }\n"}, want: "a.hcl:2:32: Too many function arguments: Function \"upper\" expects only 1 argument(s)"},
		{name: "unknown function", files: map[string]string{"a.hcl": pgHeader + "table \"t\" { comment = file(\"x\") }\n"}, want: "a.hcl:2:23: Call to unknown function: There is no function named \"file\". Did you mean \"title\"?"},
		{name: "index with two key forms", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  index \"i\" {\n    columns = [\"a\"]\n    on = [\"a\"]\n  }\n}\n"}, want: "a.hcl:4:3: index \"i\" of table \"public.t\": uses both columns and on; give the keys one way only"},
		{name: "index without keys", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  index \"i\" { unique = true }\n}\n"}, want: "a.hcl:4:3: index \"i\" of table \"public.t\": give its keys with columns = [...], on = [...] or part { … } blocks"},
		{name: "part with column and expr", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  index \"i\" {\n    part {\n      column = \"a\"\n      expr = \"a+1\"\n    }\n  }\n}\n"}, want: "a.hcl:5:5: part of index \"i\" of table \"public.t\": set exactly one of column and expr"},
		{name: "two primary keys", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  primary_key { columns = [\"a\"] }\n  primary_key { columns = [\"a\"] }\n}\n"}, want: "a.hcl:5:3: table \"public.t\" has two primary_key blocks: a.hcl:4:3 and a.hcl:5:3; keep one"},
		{name: "foreign key without ref_table", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  foreign_key \"f\" {\n    columns = [\"a\"]\n    ref_columns = [\"a\"]\n  }\n}\n"}, want: "a.hcl:4:3: foreign key \"f\" of table \"public.t\": attribute \"ref_table\" is required, e.g. ref_table = \"orgs\""},
		{name: "index names a missing column", files: map[string]string{"a.hcl": pgHeader + "table \"users\" {\n  column \"email\" { type = \"text\" }\n  index \"users_email_idx\" { columns = [\"emial\"] }\n}\n"}, want: "a.hcl:4:3: index \"users_email_idx\" of table \"public.users\": column \"emial\" does not exist in table \"public.users\"; did you mean \"email\"?"},
		{name: "primary key names a missing column", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  primary_key { columns = [\"id\"] }\n}\n"}, want: "a.hcl:4:3: primary key of table \"public.t\": column \"id\" does not exist in table \"public.t\""},
		{name: "foreign key to a missing table", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  foreign_key \"t_org_fk\" {\n    columns = [\"a\"]\n    ref_table = \"orgs\"\n    ref_columns = [\"id\"]\n  }\n}\n"}, want: "a.hcl:4:3: foreign key \"t_org_fk\" of table \"public.t\": referenced table \"public.orgs\" does not exist; define it or fix ref_table"},
		{name: "foreign key to a missing column", files: map[string]string{"a.hcl": pgHeader + "table \"orgs\" {\n  column \"id\" { type = \"int\" }\n}\ntable \"t\" {\n  column \"a\" { type = \"int\" }\n  foreign_key \"t_org_fk\" {\n    columns = [\"a\"]\n    ref_table = \"public.orgs\"\n    ref_columns = [\"uid\"]\n  }\n}\n"}, want: "a.hcl:7:3: foreign key \"t_org_fk\" of table \"public.t\": referenced column \"uid\" does not exist in table \"public.orgs\"; did you mean \"id\"?"},
		{name: "duplicate column", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  column \"a\" { type = \"text\" }\n}\n"}, want: "a.hcl:4:3: table \"public.t\": column \"a\" defined twice: a.hcl:3:3 and a.hcl:4:3"},
		{name: "index named like a table", files: map[string]string{"a.hcl": pgHeader + "table \"users\" {\n  column \"a\" { type = \"int\" }\n}\ntable \"t\" {\n  column \"a\" { type = \"int\" }\n  index \"users\" { columns = [\"a\"] }\n}\n"}, want: "a.hcl:7:3: index \"users\" of table \"public.t\": name \"users\" is already used by table \"public.users\" at a.hcl:2:1; on postgres, tables, views, sequences, indexes and unique and primary key constraints share one namespace per schema"},
		{name: "two checks with one name", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  check \"c\" { expr = \"a > 0\" }\n  check \"c\" { expr = \"a < 9\" }\n}\n"}, want: "a.hcl:5:3: check \"c\" of table \"public.t\": name \"c\" is already used by check \"c\" of table \"public.t\" at a.hcl:4:3; constraint names must be unique within a table"},
		{name: "identity and default", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" {\n    type = \"int\"\n    identity = \"always\"\n    default = \"1\"\n  }\n}\n"}, want: "a.hcl:3:3: column \"a\" of table \"public.t\" has both identity and default; an identity column takes its values from its sequence, so drop one"},
		{name: "initially deferred without deferrable", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n  unique \"u\" {\n    columns = [\"a\"]\n    initially_deferred = true\n  }\n}\n"}, want: "a.hcl:4:3: unique \"u\" of table \"public.t\" is initially_deferred but not deferrable; add deferrable = true"},
		{name: "sequence owned by a missing column", files: map[string]string{"a.hcl": pgHeader + "table \"t\" {\n  column \"a\" { type = \"int\" }\n}\nsequence \"s\" { owned_by = \"t.b\" }\n"}, want: "a.hcl:5:1: sequence \"public.s\": owned_by names column \"b\", which does not exist in table \"public.t\""},
		{name: "enum value twice", files: map[string]string{"a.hcl": pgHeader + "enum \"e\" { values = [\"a\", \"a\"] }\n"}, want: "a.hcl:2:1: enum \"public.e\" lists value \"a\" twice"},
		{name: "nesting too deep", files: map[string]string{"a.hcl": "locals { a = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + " }"}, want: "a.hcl:1:213: expression nests more than 200 levels deep; simplify it"},
		{name: "operator chain too long", files: map[string]string{"a.hcl": "locals { a = (1" + strings.Repeat("\n+1", 10001) + ") }"}, want: "a.hcl:10002:1: expression has more than 10000 operators; split it into locals"},
		{name: "view without as", files: map[string]string{"a.hcl": pgHeader + "view \"v\" { comment = \"x\" }\n"}, want: "a.hcl:2:1: view \"v\": attribute \"as\" is required; give the view's SELECT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string][]byte{}
			for n, s := range tt.files {
				files[n] = []byte(s)
			}
			s, err := LoadHCL(files, tt.opts)
			if err == nil {
				t.Fatalf("no error; schema %+v", s)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got: %s\nwant: %s", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error %T is not an *Error", err)
			}
		})
	}
}

// TestLoadFileErrors covers errors about files rather than their content.
func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	txt := write("notes.txt", "table")
	sql := write("sqlonly/a.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\nDROP TABLE t;\n")
	emptyDir := filepath.Join(dir, "empty")
	if err := os.Mkdir(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		paths []string
		opts  LoadOptions
		want  string
	}{
		{"explicit file with another extension", []string{txt}, pgOptions(),
			txt + ": not a desired-state file; name it *.hcl or *.sql (or pass its directory)"},
		{"missing path", []string{filepath.Join(dir, "nope.hcl")}, pgOptions(),
			filepath.Join(dir, "nope.hcl") + ": cannot read desired state: no such file or directory"},
		{"directory without desired-state files", []string{emptyDir}, pgOptions(),
			emptyDir + ": directory holds no .hcl or .sql files"},
		{"sql without a parser", []string{sql}, LoadOptions{Dialect: "postgres"},
			sql + ": cannot read SQL files here: no SQL parser is configured; use .hcl files"},
		{"sql parse error keeps its position", []string{sql}, LoadOptions{Dialect: "postgres", ParseSQL: testParseSQL},
			sql + ":2:1: syntax error"},
		{"sql without a dialect", []string{sql}, LoadOptions{ParseSQL: testParseSQL},
			"no dialect given; add database { dialect = \"postgres\" } (or mysql, mssql) or pass --dialect"},
		{"no paths", nil, pgOptions(),
			"no desired-state files given; pass a .hcl or .sql file or a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.paths, tt.opts)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got: %v\nwant: %s", err, tt.want)
			}
		})
	}
}
