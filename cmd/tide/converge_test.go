package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

// run calls the CLI in-process and returns exit code, stdout and stderr.
func run(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Do(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// convergeCase is one before → after pair.
type convergeCase struct {
	dir    string // holds before.sql, after.sql|after.hcl, optional data.sql, check.sql
	before string // path of the before schema
	after  string // path of the desired state
}

func findAfter(dir string) string {
	for _, n := range []string{"after.hcl", "after.sql"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			return filepath.Join(dir, n)
		}
	}
	return ""
}

// converge checks the convergence invariant for one pair: after apply, a
// second plan is empty, drift exits 0, the catalog equals that of a database
// loaded from the desired state directly, and the data checks hold. It
// returns the first broken part as an error; setup failures are fatal.
func converge(t *testing.T, c convergeCase) error {
	t.Helper()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, readFile(t, c.before))
	if data := filepath.Join(c.dir, "data.sql"); exists(data) {
		pgtest.Exec(t, url, readFile(t, data))
	}

	code, out, errOut := run(t, "apply", "--url", url, "--to", c.after, "--auto-approve", "--allow-data-loss")
	if code != 0 {
		return fmt.Errorf("apply exited %d: %s\nstdout:\n%s\nstderr:\n%s", code, firstError(errOut), out, errOut)
	}
	code, out, errOut = run(t, "plan", "--url", url, "--to", c.after, "--format", "json")
	if code != 0 {
		return fmt.Errorf("second plan exited %d: %s", code, errOut)
	}
	var p struct {
		Summary struct{ Steps int } `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		return fmt.Errorf("plan json: %v\n%s", err, out)
	}
	if p.Summary.Steps != 0 {
		_, text, _ := run(t, "plan", "--url", url, "--to", c.after)
		return fmt.Errorf("plan after apply is not empty (%d steps):\n%s", p.Summary.Steps, text)
	}
	if code, out, errOut = run(t, "drift", "--url", url, "--to", c.after); code != 0 {
		return fmt.Errorf("drift exited %d after apply:\n%s%s", code, out, errOut)
	}

	// The catalog must equal that of a database built from the desired state.
	direct := pgtest.NewDB(t)
	if strings.HasSuffix(c.after, ".sql") {
		pgtest.Exec(t, direct, readFile(t, c.after))
	} else {
		desired, d, err := loadFiles([]string{c.after}, "postgres", nil)
		if err != nil {
			return err
		}
		stmts, err := d.CreateSQL(desired)
		if err != nil {
			return err
		}
		pgtest.Exec(t, direct, strings.Join(stmts, ";\n"))
	}
	got, want := catalog(t, url), catalog(t, direct)
	if diff := cmp.Diff(want, got); diff != "" {
		return fmt.Errorf("catalog after apply differs from one loaded from %s (-direct +applied):\n%s", filepath.Base(c.after), diff)
	}

	if checks := filepath.Join(c.dir, "check.sql"); exists(checks) {
		for _, q := range splitStatements(readFile(t, checks)) {
			if ok := pgtest.QueryBool(t, url, q); !ok {
				return fmt.Errorf("data check failed: %s", q)
			}
		}
	}
	return nil
}

// firstError returns the first "tide:" line of a command's stderr.
func firstError(stderr string) string {
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "tide: ") {
			return strings.TrimPrefix(l, "tide: ")
		}
	}
	return strings.TrimSpace(stderr)
}

// catalog inspects a database into comparable JSON-ready form.
func catalog(t *testing.T, url string) *schema.Schema {
	t.Helper()
	ctx := context.Background()
	db, err := inspect.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Inspect(ctx, inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	s.Sort()
	// PostgreSQL appends new columns; tide never rewrites a table to reorder
	// them, and column order is not part of a diff (README: column order).
	for _, tb := range s.Tables {
		sort.SliceStable(tb.Columns, func(i, j int) bool { return tb.Columns[i].Name < tb.Columns[j].Name })
	}
	return s
}

func splitStatements(src string) []string {
	var out []string
	for _, line := range strings.Split(src, ";") {
		var keep []string
		for _, l := range strings.Split(line, "\n") {
			if s := strings.TrimSpace(l); s != "" && !strings.HasPrefix(s, "--") {
				keep = append(keep, l)
			}
		}
		if q := strings.TrimSpace(strings.Join(keep, "\n")); q != "" {
			out = append(out, q)
		}
	}
	return out
}

func readFile(t testing.TB, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestConvergence runs every pair under testdata/convergence.
func TestConvergence(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/convergence/*")
	n := 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		after := findAfter(dir)
		if after == "" {
			t.Errorf("%s: no after.sql or after.hcl", dir)
			continue
		}
		n++
		c := convergeCase{dir: dir, before: filepath.Join(dir, "before.sql"), after: after}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			if err := converge(t, c); err != nil {
				t.Fatal(err)
			}
		})
	}
	if n < 40 {
		t.Errorf("convergence corpus has %d pairs; the bar is at least 40", n)
	}
}
