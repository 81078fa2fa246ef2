package mysql

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRenderLive runs every parser testdata file twice on the live server:
// once as written, once as ParseSQL → CreateSQL renders it. The server
// must accept the rendered statements, and the two databases must have the
// same catalog (catalogFacts): same columns and types, same index and
// foreign key names — which proves the parser predicts the names the
// server gives unnamed keys — same checks.
func TestRenderLive(t *testing.T) {
	for _, file := range corpus(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			s := parseFile(t, file)
			stmts, err := Dialect{}.CreateSQL(s)
			if err != nil {
				t.Fatalf("CreateSQL: %v", err)
			}
			asWritten, writtenName := scratchDB(t)
			if _, err := asWritten.Exec(string(src)); err != nil {
				t.Fatalf("the testdata file itself fails on the server: %v", err)
			}
			rendered, renderedName := scratchDB(t)
			if err := execAll(rendered, stmts); err != nil {
				t.Fatalf("the server rejects the rendered SQL:\n%v", err)
			}
			want := catalogFacts(t, asWritten, writtenName)
			got := catalogFacts(t, rendered, renderedName)
			if len(want) == 0 {
				t.Fatal("the testdata file created nothing")
			}
			if onlyWant, onlyGot := diffLines(want, got); len(onlyWant)+len(onlyGot) > 0 {
				t.Errorf("the rendered SQL builds a different database\n--- only as written:\n%s\n--- only as rendered:\n%s\n--- rendered SQL:\n%s",
					indent(onlyWant), indent(onlyGot), strings.Join(stmts, ";\n"))
			}
		})
	}
}
