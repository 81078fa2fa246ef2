package postgres

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

func TestMakeObjectName(t *testing.T) {
	long := strings.Repeat("a", 70)
	cases := []struct {
		name1, name2, label, want string
	}{
		{"users", "", "pkey", "users_pkey"},
		{"users", "email", "key", "users_email_key"},
		{"users", "org_id_team_id", "fkey", "users_org_id_team_id_fkey"},
		// The longer name is truncated first, the label never.
		{long, "", "pkey", strings.Repeat("a", 58) + "_pkey"},
		{long, "email", "key", strings.Repeat("a", 53) + "_email_key"},
		{"t", long, "idx", "t_" + strings.Repeat("a", 57) + "_idx"},
		{strings.Repeat("b", 40), strings.Repeat("c", 40), "check", strings.Repeat("b", 28) + "_" + strings.Repeat("c", 28) + "_check"},
		// A multi-byte character is never split.
		{strings.Repeat("é", 40), "", "pkey", strings.Repeat("é", 29) + "_pkey"},
	}
	for _, tc := range cases {
		got := makeObjectName(tc.name1, tc.name2, tc.label)
		if got != tc.want {
			t.Errorf("makeObjectName(%q, %q, %q) = %q, want %q", tc.name1, tc.name2, tc.label, got, tc.want)
		}
		if len(got) > maxIdentifierLength {
			t.Errorf("makeObjectName(%q, %q, %q) is %d bytes", tc.name1, tc.name2, tc.label, len(got))
		}
	}
}

func TestChooseNameNumbersCollisions(t *testing.T) {
	taken := map[string]bool{"t_a_key": true, "t_a_key1": true}
	got := chooseName("t", "a", "key", func(s string) bool { return taken[s] })
	if got != "t_a_key2" {
		t.Fatalf("chooseName = %q, want t_a_key2", got)
	}
}

func TestIndexColumnNames(t *testing.T) {
	got := indexColumnNames([]string{"a", "", "", "a", "lower"})
	want := []string{"a", "expr", "expr1", "a1", "lower"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("indexColumnNames = %v, want %v", got, want)
	}
}

// namingCorpus is DDL with unnamed constraints and indexes whose generated
// names TestGeneratedNamesLive compares with the server's.
var namingCorpus = `
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text UNIQUE,
  age int CHECK (age > 0),
  a int, b int,
  CHECK (a < b),
  CHECK (a > 0),
  UNIQUE (a, b),
  UNIQUE (email)
);
CREATE TABLE orgs (id int PRIMARY KEY UNIQUE, owner_id bigint REFERENCES users, parent int REFERENCES orgs (id));
CREATE TABLE memberships (
  user_id bigint, org_id int,
  PRIMARY KEY (user_id, org_id),
  FOREIGN KEY (user_id) REFERENCES users (id),
  FOREIGN KEY (org_id) REFERENCES orgs,
  FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX ON users (lower(email));
CREATE INDEX ON users (lower(email));
CREATE INDEX ON users (a, b DESC) INCLUDE (age);
CREATE INDEX ON users ((a + b));
CREATE INDEX ON users (email text_pattern_ops) WHERE email IS NOT NULL;
CREATE INDEX ON users (coalesce(a, b), (email::varchar), (a));
CREATE TABLE a_table_with_a_really_quite_extraordinarily_long_name_for_tests (
  a_column_with_a_really_quite_extraordinarily_long_name_too int PRIMARY KEY,
  another_column_with_a_pretty_long_name_as_well int UNIQUE CHECK (another_column_with_a_pretty_long_name_as_well > 1),
  x int, y int,
  UNIQUE (x, y, another_column_with_a_pretty_long_name_as_well, a_column_with_a_really_quite_extraordinarily_long_name_too)
);
CREATE INDEX ON a_table_with_a_really_quite_extraordinarily_long_name_for_tests (x);
CREATE INDEX ON a_table_with_a_really_quite_extraordinarily_long_name_for_tests (x);
CREATE TABLE "Ünïcödé_täblé_with_ä_löng_nämé_thät_göes_ön_änd_ön" ("ïd" int PRIMARY KEY, "välüé" int UNIQUE);
CREATE SCHEMA other;
CREATE TABLE other.users (id int PRIMARY KEY, email text UNIQUE);
CREATE TABLE t2 (x int CONSTRAINT t2_x_check CHECK (x > 1), y int CHECK (y > x), z int CHECK (z > 0));
CREATE TABLE t3 (id int, CONSTRAINT t3_pkey UNIQUE (id));
ALTER TABLE t3 ADD PRIMARY KEY (id);
ALTER TABLE t3 ADD UNIQUE (id);
ALTER TABLE t3 ADD CHECK (id > 0);
ALTER TABLE t3 ADD COLUMN ref int REFERENCES orgs;
CREATE TABLE t4 (id int PRIMARY KEY, u int UNIQUE, v int UNIQUE DEFERRABLE INITIALLY DEFERRED);
CREATE UNIQUE INDEX ON t4 (u);
`

// TestGeneratedNamesLive runs namingCorpus on the server and compares every
// table's constraint and index names with the names ParseSQL generated.
func TestGeneratedNamesLive(t *testing.T) {
	conn, ctx := parserTestDB(t)
	if _, err := conn.Exec(ctx, namingCorpus); err != nil {
		t.Fatalf("running the naming corpus on the server: %v", err)
	}
	s, err := Dialect{}.ParseSQL("naming.sql", []byte(namingCorpus))
	if err != nil {
		t.Fatalf("ParseSQL: %v", err)
	}
	if len(s.Tables) != 9 {
		t.Fatalf("ParseSQL found %d tables in the naming corpus, want 9", len(s.Tables))
	}
	for _, tbl := range s.Tables {
		var want []string
		rows, err := conn.Query(ctx, `
			SELECT 'constraint ' || contype::text || ' ' || conname FROM pg_constraint WHERE conrelid = $1::regclass
			UNION ALL
			SELECT 'index ' || c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass`,
			quoteIdent(tbl.Schema)+"."+quoteIdent(tbl.Name))
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			want = append(want, s)
		}
		rows.Close()
		var got []string
		if pk := tbl.PrimaryKey; pk != nil {
			got = append(got, "constraint p "+pk.Name, "index "+pk.Name)
		}
		for _, u := range tbl.Uniques {
			got = append(got, "constraint u "+u.Name, "index "+u.Name)
		}
		for _, c := range tbl.Checks {
			got = append(got, "constraint c "+c.Name)
		}
		for _, f := range tbl.ForeignKeys {
			got = append(got, "constraint f "+f.Name)
		}
		for _, i := range tbl.Indexes {
			got = append(got, "index "+i.Name)
		}
		sort.Strings(want)
		sort.Strings(got)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("table %s:\nParseSQL names:\n  %s\nserver names:\n  %s", tbl.QName(),
				strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
	}
	// Serial sequences take their names in the same scheme.
	var seq string
	if err := conn.QueryRow(ctx, `SELECT pg_get_serial_sequence('users', 'id')`).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	if seq != "public.users_id_seq" {
		t.Errorf("serial sequence is %q, want public.users_id_seq", seq)
	}
}

// parserTestDB creates an empty database with a unique name, returns a
// connection to it, and drops the database when the test ends. An
// unreachable server fails the test with a message saying how to get one.
func parserTestDB(t *testing.T) (*pgx.Conn, context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	conn, err := pgx.Connect(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatalf("connect to the test database: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn, ctx
}
