package mysql

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
	"github.com/tidedb/tide/schema"
)

// openTest opens the database at url; t.Cleanup closes it.
func openTest(t *testing.T, url string) *Database {
	t.Helper()
	db, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db.(*Database)
}

// modelJSON is a schema's indented JSON (positions and statistics are not
// part of it), for comparisons that show the difference.
func modelJSON(t *testing.T, s *schema.Schema) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// requireSame fails with both JSON forms (sorted) and their first differing line
// when two schemas differ.
func requireSame(t *testing.T, what string, want, got *schema.Schema) {
	t.Helper()
	// The order of tables, indexes, checks and foreign keys means nothing
	// (the planner matches them by name); columns keep theirs.
	want, got = want.Clone(), got.Clone()
	want.Sort()
	got.Sort()
	w, g := modelJSON(t, want), modelJSON(t, got)
	if w == g {
		return
	}
	wl, gl := strings.Split(w, "\n"), strings.Split(g, "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			lo := max(i-12, 0)
			t.Fatalf("%s: the schemas differ at line %d:\n--- want\n%s\n--- got\n%s", what, i+1,
				strings.Join(wl[lo:min(i+6, len(wl))], "\n"), strings.Join(gl[lo:min(i+6, len(gl))], "\n"))
		}
	}
	t.Fatalf("%s: the schemas differ in length:\n--- want\n%s\n--- got\n%s", what, w, g)
}

// parseCorpus lists dialects/mysql's parser corpus.
func parseCorpus(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../dialects/mysql/testdata/parse/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no parser corpus under dialects/mysql/testdata/parse (%v)", err)
	}
	return files
}

// TestInspectMatchesParse loads each file of the dialect's parser corpus
// into a fresh database and inspects it: the result must be exactly the
// model that ParseSQL and Normalize make of the same file with the
// inspector's dialect (which knows the server and database), so that a
// database built from DDL never drifts from that DDL.
func TestInspectMatchesParse(t *testing.T) {
	for _, file := range parseCorpus(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			url := mytest.NewDB(t)
			mytest.Exec(t, url, string(src))
			db := openTest(t, url)
			db.reportAutoIncrement = true // the tables are new: the counter is the AUTO_INCREMENT option
			got, err := db.Inspect(context.Background(), inspect.Options{NoStats: true})
			if err != nil {
				t.Fatal(err)
			}
			d := db.Dialect()
			want, err := d.ParseSQL(filepath.Base(file), src)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Normalize(want); err != nil {
				t.Fatal(err)
			}
			want.Sort()
			requireSame(t, "parse+normalise vs inspect", want, got)
		})
	}
}
