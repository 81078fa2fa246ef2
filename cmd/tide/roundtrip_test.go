package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tidedb/tide/cmd/tidebench/schemagen"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// roundTrip checks that `inspect --format hcl` of a database is a desired
// state the same database does not drift from.
func roundTrip(t *testing.T, url string) {
	t.Helper()
	code, hcl, errOut := run(t, "inspect", "--url", url, "--format", "hcl")
	if code != 0 {
		t.Fatalf("inspect: %d %s", code, errOut)
	}
	file := filepath.Join(t.TempDir(), "schema.hcl")
	if err := os.WriteFile(file, []byte(hcl), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "drift", "--url", url, "--to", file); code != 0 {
		t.Fatalf("drift against its own inspect output exited %d:\n%s%s\n--- schema.hcl ---\n%s", code, out, errOut, hcl)
	}
	code, sqlOut, errOut := run(t, "inspect", "--url", url, "--format", "sql")
	if code != 0 {
		t.Fatalf("inspect --format sql: %d %s", code, errOut)
	}
	sqlFile := filepath.Join(t.TempDir(), "schema.sql")
	if err := os.WriteFile(sqlFile, []byte(sqlOut), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "drift", "--url", url, "--to", sqlFile); code != 0 {
		t.Fatalf("drift against its own SQL exited %d:\n%s%s", code, out, errOut)
	}
}

// TestExamplesRoundTrip applies every example to an empty database, then
// round-trips it through inspect.
func TestExamplesRoundTrip(t *testing.T) {
	examples := []string{"../../examples/shop", "../../examples/blog/schema.sql"}
	for _, ex := range examples {
		t.Run(filepath.Base(ex), func(t *testing.T) {
			t.Parallel()
			url := pgtest.NewDB(t)
			if code, out, errOut := run(t, "apply", "--url", url, "--to", ex, "--auto-approve"); code != 0 {
				t.Fatalf("apply %s: %d\n%s%s", ex, code, out, errOut)
			}
			if code, out, errOut := run(t, "drift", "--url", url, "--to", ex); code != 0 {
				t.Fatalf("drift after apply: %d\n%s%s", code, out, errOut)
			}
			roundTrip(t, url)
		})
	}
}

// TestRoundTrip1000Tables round-trips a generated 1000-table schema.
func TestRoundTrip1000Tables(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skips the 1000-table round trip")
	}
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, schemagen.SQL(schemagen.Options{Tables: 1000, Schemas: 3}))
	roundTrip(t, url)
}
