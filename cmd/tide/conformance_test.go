package main

import (
	"bufio"
	"flag"
	"os"
	"strings"
	"testing"
)

var conformance = flag.Bool("conformance", false, "run the sqldef PostgreSQL and MySQL conformance corpora (make conformance)")

// corpusDir is where the shared corpus sits beside the repository.
const corpusDir = "../../../shared/corpus/sqldef/postgres"

// readList reads "name" or "name<TAB or spaces>reason" lines, skipping comments.
func readList(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		out[name] = strings.TrimSpace(reason)
	}
	return out
}

// TestConformance runs every loadable sqldef case that is not on the
// checked-in out-of-scope list through the convergence check and requires at
// least 90% of them to converge.
func TestConformance(t *testing.T) {
	runConformance(t, conformanceSuite{
		name:       "sqldef/postgres",
		dir:        corpusDir,
		outOfScope: "testdata/conformance/postgres-out-of-scope.txt",
		check:      converge,
	})
}
