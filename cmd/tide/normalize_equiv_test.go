package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/cmd/tidebench/schemagen"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

// TestFastNormalizeMatchesWholeShadow holds the fast normalisation (offline
// normal form plus the server's spelling of each expression from scratch
// tables) equal to loading the whole desired schema into a shadow database,
// for every desired state of the convergence corpus and the examples.
func TestFastNormalizeMatchesWholeShadow(t *testing.T) {
	var files [][]string
	dirs, _ := filepath.Glob("testdata/convergence/*")
	for _, dir := range dirs {
		if after := findAfter(dir); after != "" {
			files = append(files, []string{after})
		}
		if before := filepath.Join(dir, "before.sql"); exists(before) {
			files = append(files, []string{before})
		}
	}
	files = append(files, []string{"../../examples/shop"}, []string{"../../examples/blog/schema.sql"})
	generated := filepath.Join(t.TempDir(), "generated.sql")
	if err := os.WriteFile(generated, []byte(schemagen.SQL(schemagen.Options{Tables: 300, Schemas: 3, Variant: 1})), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, []string{generated})
	ctx := context.Background()
	db, err := inspect.Open(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, paths := range files {
		name := strings.TrimPrefix(strings.Join(paths, ","), "testdata/convergence/")
		if paths[0] == generated {
			name = "generated-300-tables"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			desired, _, err := loadFiles(paths, "postgres", nil)
			if err != nil {
				t.Skipf("not loadable offline (a bad-input case): %v", err)
			}
			requireFastMatchesWhole(ctx, t, db, desired)
		})
	}
}

// canonicalJSON is a schema's sorted JSON as a generic value, for diffs.
func canonicalJSON(t *testing.T, s *schema.Schema) any {
	c := s.Clone()
	c.Sort()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}
