package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestPreflightSamplesNotNullAndCheck: a plan that makes a column with NULLs
// NOT NULL and adds a check that rows violate is refused before anything
// runs (exit 1), and the refusal shows up to 5 offending rows of each check
// with their key and the offending value.
func TestPreflightSamplesNotNullAndCheck(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE orders (id int PRIMARY KEY, email text, qty int);
INSERT INTO orders SELECT g, CASE WHEN g % 4 = 0 THEN NULL ELSE 'c' || g || '@example.com' END, CASE WHEN g IN (7, 11) THEN -g ELSE g END FROM generate_series(1, 40) g`)
	desired := writeFiles(t, map[string]string{"s.sql": `CREATE TABLE orders (
  id int PRIMARY KEY,
  email text NOT NULL,
  qty int CONSTRAINT qty_positive CHECK (qty > 0)
);`})
	code, out, errOut := run(t, "apply", "--url", url, "--to", desired, "--auto-approve")
	if code != exitError {
		t.Fatalf("want exit 1, got %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"refusing to apply", "nothing was changed", "10 rows of public.orders where email is NULL", "2 rows of public.orders that violate qty_positive",
		"e.g. (id=7, qty=-7)", "e.g. (id=11, qty=-11)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("refusal lacks %q:\n%s", want, errOut)
		}
	}
	nulls := regexp.MustCompile(`e\.g\. \(id=(\d+), email=NULL\)`).FindAllStringSubmatch(errOut, -1)
	if len(nulls) != 5 {
		t.Fatalf("want 5 samples of the 10 rows without email:\n%s", errOut)
	}
	for _, m := range nulls {
		if !pgtest.QueryBool(t, url, "SELECT email IS NULL FROM orders WHERE id = "+m[1]) {
			t.Fatalf("sampled order %s has an email", m[1])
		}
	}
	if pgtest.QueryBool(t, url, "SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'tide') OR EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'c')") {
		t.Fatal("a refused apply touched the database")
	}
}

// TestPreflightSampleKeys: every row check of the PostgreSQL recipes
// carries its own sample, keyed the way the table is: a composite primary
// key, a unique key on NOT NULL columns when there is no primary key, the
// offending value alone on a table without a key; the columns a check
// reads (not words inside its string literals, a mixed-case name as
// written), a removed enum value and a conversion that gives NULL each show
// the values that fail.
func TestPreflightSampleKeys(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TYPE mood AS ENUM ('ok', 'meh', 'bad');
CREATE TABLE pair (a int, b text, qty int, PRIMARY KEY (a, b));
INSERT INTO pair VALUES (1, 'x', 5), (1, 'y', NULL), (2, 'x', NULL);
CREATE TABLE coded (code text NOT NULL UNIQUE, note text);
INSERT INTO coded VALUES ('c1', 'fine'), ('c2', NULL);
CREATE TABLE heap (v int);
INSERT INTO heap VALUES (1), (NULL);
CREATE TABLE feel (id int PRIMARY KEY, m mood, "Price" int, label text);
INSERT INTO feel VALUES (1, 'ok', 3, 'a'), (2, 'bad', -2, 'id label'), (3, 'meh', 4, 'b');
CREATE TABLE parts (id int PRIMARY KEY, code text NOT NULL);
INSERT INTO parts VALUES (1, ' 42'), (2, ' '), (3, '7')`)
	desired := writeFiles(t, map[string]string{"s.hcl": `database { dialect = "postgres" }
enum "mood" { values = ["ok", "meh"] }
table "pair" {
  column "a" {
    type = "integer"
    null = false
  }
  column "b" {
    type = "text"
    null = false
  }
  column "qty" {
    type = "integer"
    null = false
  }
  primary_key { columns = ["a", "b"] }
}
table "coded" {
  column "code" {
    type = "text"
    null = false
  }
  column "note" {
    type = "text"
    null = false
  }
  unique "coded_code_key" { columns = ["code"] }
}
table "heap" {
  column "v" {
    type = "integer"
    null = false
  }
}
table "feel" {
  column "id" {
    type = "integer"
    null = false
  }
  column "m" { type = "mood" }
  column "Price" { type = "integer" }
  column "label" { type = "text" }
  primary_key { columns = ["id"] }
  check "feel_price_positive" { expr = "\"Price\" > 0 AND label <> 'code qty'" }
}
table "parts" {
  column "id" {
    type = "integer"
    null = false
  }
  column "code" {
    type  = "integer"
    null  = false
    using = "nullif(trim(code), '')::integer"
  }
  primary_key { columns = ["id"] }
}
`})
	code, out, errOut := run(t, "apply", "--url", url, "--to", desired, "--auto-approve")
	if code != exitError {
		t.Fatalf("want exit 1, got %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"refusing to apply", "nothing was changed",
		"e.g. (a=1, b=y, qty=NULL)", "e.g. (a=2, b=x, qty=NULL)",
		"e.g. (code=c2, note=NULL)",
		"e.g. (v=NULL)",
		"e.g. (id=2, m=bad)",
		// label is read by the check; code and qty, inside its literal, are not.
		"e.g. (id=2, Price=-2, label=id label)",
		"e.g. (id=2, code= )",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("refusal lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "warning") || strings.Count(errOut, "e.g.") != 7 {
		t.Errorf("want exactly the 7 offending rows, without warnings:\n%s", errOut)
	}
	if pgtest.QueryBool(t, url, "SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'tide')") {
		t.Fatal("a refused apply touched the database")
	}
}
