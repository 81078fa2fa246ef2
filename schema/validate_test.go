package schema

import (
	"errors"
	"testing"
)

// twoTables builds a schema of tables a and b, each with column id, and
// lets mod add the objects under test.
func twoTables(dialect string, mod func(a, b *Table)) *Schema {
	mk := func(n string, line int) *Table {
		return &Table{Schema: "s", Name: n, Columns: []*Column{{Name: "id", Type: "int"}}, Pos: Pos{File: "f.hcl", Line: line, Column: 1}}
	}
	a, b := mk("a", 1), mk("b", 10)
	mod(a, b)
	return &Schema{Dialect: dialect, Tables: []*Table{a, b}}
}

func at2(line int) Pos { return Pos{File: "f.hcl", Line: line, Column: 3} }

// TestValidateNameScopes checks each dialect's namespaces: the same two
// names clash on one engine and not on another.
func TestValidateNameScopes(t *testing.T) {
	sameIndexName := func(a, b *Table) {
		a.Indexes = []*Index{{Name: "idx", Parts: []IndexPart{{Column: "id"}}, Pos: at2(2)}}
		b.Indexes = []*Index{{Name: "idx", Parts: []IndexPart{{Column: "id"}}, Pos: at2(11)}}
	}
	sameCheckName := func(a, b *Table) {
		a.Checks = []*Check{{Name: "chk", Expr: "id > 0", Pos: at2(3)}}
		b.Checks = []*Check{{Name: "chk", Expr: "id > 0", Pos: at2(12)}}
	}
	sameFKName := func(a, b *Table) {
		a.ForeignKeys = []*ForeignKey{{Name: "fk", Columns: []string{"id"}, RefSchema: "s", RefTable: "b", RefColumns: []string{"id"}, Pos: at2(4)}}
		b.ForeignKeys = []*ForeignKey{{Name: "fk", Columns: []string{"id"}, RefSchema: "s", RefTable: "a", RefColumns: []string{"id"}, Pos: at2(13)}}
	}
	uniqueNamedLikeTable := func(a, b *Table) {
		a.Uniques = []*Unique{{Name: "b", Columns: []string{"id"}, Pos: at2(5)}}
	}
	tests := []struct {
		name    string
		dialect string
		mod     func(a, b *Table)
		want    string // "" = valid
	}{
		{"pg index names are per schema", "postgres", sameIndexName,
			`f.hcl:11:3: index "idx" of table "s.b": name "idx" is already used by index "idx" of table "s.a" at f.hcl:2:3; on postgres, tables, views, sequences, indexes and unique and primary key constraints share one namespace per schema`},
		{"mysql index names are per table", "mysql", sameIndexName, ""},
		{"mssql index names are per table", "mssql", sameIndexName, ""},
		{"pg check names are per table", "postgres", sameCheckName, ""},
		{"mysql check names are per table (MariaDB names unnamed checks CONSTRAINT_1 in every table)", "mysql", sameCheckName, ""},
		{"mssql check names are per schema", "mssql", sameCheckName,
			`f.hcl:12:3: check "chk" of table "s.b": name "chk" is already used by check "chk" of table "s.a" at f.hcl:3:3; on mssql, tables, views, sequences and constraints share one namespace per schema`},
		{"pg fk names are per table", "postgres", sameFKName, ""},
		{"mysql fk names are per schema", "mysql", sameFKName,
			`f.hcl:13:3: foreign key "fk" of table "s.b": name "fk" is already used by foreign key "fk" of table "s.a" at f.hcl:4:3; on mysql, foreign key names must be unique within a database`},
		{"pg unique named like a table", "postgres", uniqueNamedLikeTable,
			`f.hcl:5:3: unique "b" of table "s.a": name "b" is already used by table "s.b" at f.hcl:10:1; on postgres, tables, views, sequences, indexes and unique and primary key constraints share one namespace per schema`},
		{"mysql unique named like a table", "mysql", uniqueNamedLikeTable, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(twoTables(tt.dialect, tt.mod))
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

// TestValidateWithoutPositions checks a schema read from a database (no
// positions): errors still name the objects, and are collected in a list.
func TestValidateWithoutPositions(t *testing.T) {
	s := &Schema{Dialect: "postgres", Tables: []*Table{{
		Schema: "public", Name: "t",
		Columns:    []*Column{{Name: "a", Type: "int"}, {Name: "b", Type: ""}},
		PrimaryKey: &PrimaryKey{},
		Indexes:    []*Index{{Name: "i", Parts: []IndexPart{{Column: "a"}}, Include: []string{"zz"}}},
		ForeignKeys: []*ForeignKey{{Name: "f", Columns: []string{"a", "b"}, RefSchema: "public", RefTable: "t",
			RefColumns: []string{"a"}}},
	}}}
	err := Validate(s)
	want := `column "b" of table "public.t" has no type; set type = "…"
primary key of table "public.t" has no columns; list at least one
index "i" of table "public.t" (include): column "zz" does not exist in table "public.t"
foreign key "f" of table "public.t" has 2 columns but 1 ref_columns; they must pair up`
	if err == nil || err.Error() != want {
		t.Fatalf("Validate:\n got: %v\nwant: %s", err, want)
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 4 {
		t.Errorf("want an ErrorList of 4, got %T", err)
	}
	var first *Error
	if !errors.As(err, &first) || first.Msg == "" {
		t.Errorf("errors.As(*Error) failed on %T", err)
	}
}

// TestValidateAcceptsRichSchema: a valid schema gives nil.
func TestValidateAcceptsRichSchema(t *testing.T) {
	if err := Validate(richSchema()); err != nil {
		t.Fatal(err)
	}
}
