package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden plan files under testdata/plans")

// TestGoldenPlans plans each testdata/plans case offline with the real
// PostgreSQL dialect and compares every output format with its golden file.
// A case's optional args file holds more plan flags (--batch-size 250).
func TestGoldenPlans(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/plans/*")
	if len(dirs) == 0 {
		t.Fatal("no golden plan cases")
	}
	for _, dir := range dirs {
		to := filepath.Join(dir, "to.sql")
		if !exists(to) {
			to = filepath.Join(dir, "to.hcl")
		}
		for _, format := range []string{"text", "markdown", "json", "sql"} {
			t.Run(filepath.Base(dir)+"/"+format, func(t *testing.T) {
				args := []string{"plan", "--from", filepath.Join(dir, "from.sql"), "--to", to, "--dialect", "postgres", "--format", format}
				if extra, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
					args = append(args, strings.Fields(string(extra))...)
				}
				code, out, errOut := run(t, args...)
				if code != 0 {
					t.Fatalf("plan exited %d: %s", code, errOut)
				}
				golden := filepath.Join(dir, "plan."+format+".golden")
				if *updateGolden {
					if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./cmd/tide/ -run TestGoldenPlans -update)", err)
				}
				if string(want) != out {
					t.Errorf("%s differs from the plan (run with -update to accept):\n%s", golden, out)
				}
			})
		}
	}
}
