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
