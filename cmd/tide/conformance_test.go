package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

var conformance = flag.Bool("conformance", false, "run the sqldef PostgreSQL conformance corpus (make conformance)")

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
	if !*conformance {
		t.Skip("conformance corpus runs with -conformance (make conformance)")
	}
	loadable := readList(t, corpusDir+"-loadable.txt")
	outOfScope := readList(t, "testdata/conformance/postgres-out-of-scope.txt")
	for name, reason := range outOfScope {
		if reason == "" {
			t.Errorf("out-of-scope case %s has no reason", name)
		}
	}
	var names []string
	for n := range loadable {
		if _, skip := outOfScope[n]; !skip {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	failed := map[string]string{}
	var mu sync.Mutex
	t.Run("cases", func(t *testing.T) {
		for _, name := range names {
			dir := filepath.Join(corpusDir, name)
			c := convergeCase{dir: dir, before: filepath.Join(dir, "before.sql"), after: filepath.Join(dir, "after.sql")}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				if err := converge(t, c); err != nil {
					t.Log(err) // the whole story, with -v
					msg := err.Error()
					if i := strings.IndexByte(msg, '\n'); i > 0 {
						msg = msg[:i]
					}
					mu.Lock()
					failed[name] = msg
					mu.Unlock()
				}
			})
		}
	})
	passed := len(names) - len(failed)
	rate := 100 * float64(passed) / float64(max(len(names), 1))
	var fl []string
	for n, m := range failed {
		fl = append(fl, n+": "+m)
	}
	sort.Strings(fl)
	if out := os.Getenv("TIDE_CONFORMANCE_FAILURES"); out != "" {
		_ = os.WriteFile(out, []byte(strings.Join(fl, "\n")+"\n"), 0o644)
	}
	for _, f := range fl {
		t.Log("FAIL " + f)
	}
	fmt.Printf("conformance (sqldef/postgres): %d/%d in-scope cases converge (%.1f%%); %d loadable, %d out of scope\n",
		passed, len(names), rate, len(loadable), len(outOfScope))
	if rate < 90 {
		t.Errorf("conformance pass rate %.1f%% is below 90%%", rate)
	}
}
