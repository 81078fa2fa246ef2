package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tidedb/tide/cmd/tidebench/schemagen"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
	"github.com/tidedb/tide/schema"
)

// TestFastNormalizeMatchesWholeShadowMySQL is TestFastNormalizeMatchesWholeShadow
// for MySQL/MariaDB: the fast normalisation (offline normal form, plus the
// server's spelling of each column, check and index from scratch tables in
// the shadow database) equals loading the whole desired schema into a
// shadow database, for every desired state of the MySQL convergence corpus,
// the parser corpus, the normalisation corpus (testdata/normalize-mysql:
// what the server spells differently from the offline form), the
// shop-mysql example and a generated 300-table schema.
func TestFastNormalizeMatchesWholeShadowMySQL(t *testing.T) {
	var files []string
	dirs, _ := filepath.Glob("testdata/mysql-convergence/*")
	for _, dir := range dirs {
		if after := findAfter(dir); after != "" {
			files = append(files, after)
		}
		if before := filepath.Join(dir, "before.sql"); exists(before) {
			files = append(files, before)
		}
	}
	for _, pattern := range []string{"../../dialects/mysql/testdata/parse/*.sql", "testdata/normalize-mysql/*", "../../examples/shop-mysql"} {
		more, _ := filepath.Glob(pattern)
		if len(more) == 0 {
			t.Fatalf("no files match %s", pattern)
		}
		files = append(files, more...)
	}
	generated := filepath.Join(t.TempDir(), "generated.sql")
	if err := os.WriteFile(generated, []byte(schemagen.MySQL(schemagen.Options{Tables: 300, Variant: 1})), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, generated)
	ctx := context.Background()
	db, err := inspect.Open(ctx, mytest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, path := range files {
		name := path
		if path == generated {
			name = "generated-300-tables"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			desired, _, err := loadFilesFor([]string{path}, "mysql", db.Dialect(), nil)
			if err != nil {
				t.Skipf("not loadable offline (a bad-input case): %v", err)
			}
			requireFastMatchesWhole(ctx, t, db, desired)
		})
	}
}

// requireFastMatchesWhole normalises desired with the fast path and by
// loading it whole into a shadow database on db's server, and fails the
// test when they differ or only the fast path fails. A desired state the
// whole shadow refuses is a bad-input case: the test is skipped.
func requireFastMatchesWhole(ctx context.Context, t *testing.T, db inspect.Database, desired *schema.Schema) {
	t.Helper()
	whole, err := inspect.NormalizeWholeShadow(ctx, db, desired)
	if err != nil {
		t.Skipf("not loadable on the server (a bad-input case): %v", err)
	}
	fast, err := inspect.NormalizeFast(ctx, db, desired)
	if err != nil {
		t.Fatalf("fast normalisation failed where the whole shadow succeeded: %v", err)
	}
	if d := cmp.Diff(canonicalJSON(t, whole), canonicalJSON(t, fast)); d != "" {
		t.Errorf("fast normalisation differs from the whole shadow (-whole +fast):\n%s", d)
	}
}
