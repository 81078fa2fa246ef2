package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// mysqlCorpusDir is where sqldef's mysqldef cases sit beside the repository.
const mysqlCorpusDir = "../../../shared/corpus/sqldef/mysql"

// conformanceSuite is one engine's conformance run: sqldef's cases under
// dir, the loadable list beside it (dir + "-loadable.txt"), our out-of-scope
// list, and the convergence check for one case.
type conformanceSuite struct {
	name       string // "sqldef/postgres", printed with the pass rate
	dir        string
	outOfScope string
	check      func(t *testing.T, c convergeCase) error
}

// runConformance runs every loadable case of s that is not on its
// out-of-scope list through s.check, in parallel, logs each failure's first
// line, prints the pass rate and requires at least 90%.
// TIDE_CONFORMANCE_FAILURES=<file> writes the failures there too.
func runConformance(t *testing.T, s conformanceSuite) {
	if !*conformance {
		t.Skip("conformance corpus runs with -conformance (make conformance)")
	}
	loadable := readList(t, s.dir+"-loadable.txt")
	outOfScope := readList(t, s.outOfScope)
	for name, reason := range outOfScope {
		if reason == "" {
			t.Errorf("out-of-scope case %s has no reason", name)
		}
		if _, ok := loadable[name]; !ok {
			t.Errorf("out-of-scope case %s is not on %s-loadable.txt", name, filepath.Base(s.dir))
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
	ran := 0 // fewer than len(names) under -run …/cases/<name>
	var mu sync.Mutex
	t.Run("cases", func(t *testing.T) {
		for _, name := range names {
			dir := filepath.Join(s.dir, name)
			c := convergeCase{dir: dir, before: filepath.Join(dir, "before.sql"), after: filepath.Join(dir, "after.sql")}
			t.Run(name, func(t *testing.T) {
				mu.Lock()
				ran++
				mu.Unlock()
				t.Parallel()
				defer func() { // a setup failure (t.Fatal) counts as a failure too
					if t.Failed() {
						mu.Lock()
						failed[name] = "setup failed (see the test log)"
						mu.Unlock()
					}
				}()
				if err := s.check(t, c); err != nil {
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
	passed := ran - len(failed)
	rate := 100 * float64(passed) / float64(max(ran, 1))
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
	fmt.Printf("conformance (%s): %d/%d in-scope cases converge (%.1f%%); %d loadable, %d out of scope, %d in scope\n",
		s.name, passed, ran, rate, len(loadable), len(outOfScope), len(names))
	if rate < 90 {
		t.Errorf("conformance pass rate %.1f%% is below 90%%", rate)
	}
}

// TestConformanceMySQL runs every sqldef mysqldef case that loads on the
// test server and is not on the out-of-scope list through the MySQL
// convergence check (make conformance; -run TestConformanceMySQL/cases/Name
// for one case) and requires at least 90% of them to converge.
func TestConformanceMySQL(t *testing.T) {
	runConformance(t, conformanceSuite{
		name:       "sqldef/mysql",
		dir:        mysqlCorpusDir,
		outOfScope: "testdata/conformance/mysql-out-of-scope.txt",
		check: func(t *testing.T, c convergeCase) error {
			return mysqlConverge(t, c, mysqlCheck{anyColumnOrder: true})
		},
	})
}
