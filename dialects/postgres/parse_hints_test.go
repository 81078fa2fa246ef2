package postgres

import (
	"testing"

	"github.com/tidedb/tide/schema"
)

func TestParseRenameAnnotations(t *testing.T) {
	src := `CREATE TABLE users (
  id bigint NOT NULL,
  user_name text, -- @renamed from=username
  "NewName" text /* @renamed from="Old""Name" */,
  email text, -- renamed later, not a hint
  age int
);`
	s, err := Dialect{}.ParseSQL("u.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"id": "", "user_name": "username", "NewName": `Old"Name`, "email": "", "age": ""}
	for _, c := range s.Tables[0].Columns {
		if c.RenamedFrom != want[c.Name] {
			t.Errorf("column %s: renamed from %q, want %q", c.Name, c.RenamedFrom, want[c.Name])
		}
	}
}

// TestParseSameConstraintNameOnTwoTables: PostgreSQL allows a foreign key or
// check name once per table, not once per schema.
func TestParseSameConstraintNameOnTwoTables(t *testing.T) {
	src := `CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int, a_id int, CONSTRAINT shared_fk FOREIGN KEY (a_id) REFERENCES a (id));
CREATE TABLE c (id int, a_id int, CONSTRAINT shared_fk FOREIGN KEY (a_id) REFERENCES a (id));`
	s, err := Dialect{}.ParseSQL("s.sql", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.Table(schemaQ("b")).ForeignKeys) + len(s.Table(schemaQ("c")).ForeignKeys); n != 2 {
		t.Fatalf("got %d foreign keys, want 2", n)
	}
}

func schemaQ(name string) schema.QName { return schema.QName{Schema: "public", Name: name} }
