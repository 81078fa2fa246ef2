package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

// The MySQL convergence check, shared by TestMySQLConvergence (our pairs)
// and TestConformanceMySQL (sqldef's cases). It returns what broke as an
// error instead of failing the test, so that the conformance run can count
// failures; setup failures (a database that cannot be created, a before.sql
// that does not load) still fail the test.

// mysqlPlanE runs 'tide plan --format json' and reads the plan.
func mysqlPlanE(t *testing.T, url, to string) (*planner.Plan, error) {
	t.Helper()
	code, out, errOut := run(t, "plan", "--url", url, "--to", to, "--format", "json")
	if code != 0 {
		return nil, fmt.Errorf("plan exited %d: %s", code, firstError(errOut))
	}
	p, err := planner.ReadJSON(strings.NewReader(out))
	if err != nil {
		return nil, fmt.Errorf("plan JSON: %v\n%s", err, out)
	}
	return p, nil
}

// mysqlCheck selects the variations of mysqlConverge.
type mysqlCheck struct {
	// needChange makes an empty first plan an error: our own pairs must
	// change something, while some of sqldef's cases check idempotence.
	needChange bool
	// anyColumnOrder compares the catalogs with each table's columns sorted
	// by name: column order is not part of a schema's meaning for tide
	// (README), which never rebuilds a table to reorder columns. Our own
	// pairs keep the order check: tide adds a column where the desired
	// state has it.
	anyColumnOrder bool
}

// sortColumns sorts each table's columns by name.
func sortColumns(s *schema.Schema) {
	for _, tb := range s.Tables {
		sort.SliceStable(tb.Columns, func(i, j int) bool { return tb.Columns[i].Name < tb.Columns[j].Name })
	}
}

// mysqlConverge checks the convergence invariant for one MySQL pair: load
// before (and data), plan, run the plan with 'tide apply --auto-approve
// --allow-data-loss' (the executor: pre-flight checks, batched backfills,
// post-checks); then the next plan must be
// empty, drift must exit 0, the catalog must equal that of a database loaded
// from the desired state directly, and each line of check.sql must return
// true. See mysqlCheck for the variations.
func mysqlConverge(t *testing.T, c convergeCase, opt mysqlCheck) error {
	t.Helper()
	url := mytest.NewDB(t)
	mysqlExecFile(t, url, c.before)
	if data := filepath.Join(c.dir, "data.sql"); exists(data) {
		mysqlExecFile(t, url, data)
	}
	p, err := mysqlPlanE(t, url, c.after)
	if err != nil {
		return err
	}
	if opt.needChange && p.Empty() {
		return fmt.Errorf("the plan is empty: the pair changes nothing")
	}
	t.Cleanup(func() { // the server's apply history is shared by every database
		_, _ = mytest.Open(t, url).Exec("DELETE FROM tide.applies WHERE db_name = ?", mytest.Config(t, url).DBName)
	})
	if code, out, errOut := run(t, "apply", "--url", url, "--to", c.after, "--auto-approve", "--allow-data-loss", "--batch-pause", "0"); code != exitOK {
		return fmt.Errorf("apply exited %d: %s\n%s%s", code, firstError(errOut), out, errOut)
	}
	again, err := mysqlPlanE(t, url, c.after)
	if err != nil {
		return fmt.Errorf("second %v", err)
	}
	if !again.Empty() {
		_, text, _ := run(t, "plan", "--url", url, "--to", c.after)
		return fmt.Errorf("the plan after running the first is not empty (%d steps):\n%s", len(again.Steps()), text)
	}
	if code, out, errOut := run(t, "drift", "--url", url, "--to", c.after); code != 0 {
		return fmt.Errorf("drift exited %d after the plan ran:\n%s%s", code, out, errOut)
	}
	direct := mytest.NewDB(t)
	if strings.HasSuffix(c.after, ".sql") {
		mysqlExecFile(t, direct, c.after)
	} else if err := mysqlCreateFromHCL(direct, c.after); err != nil {
		return err
	}
	want, got := mysqlCatalog(t, direct), mysqlCatalog(t, url)
	// Names are compared as tide compares them: a column, index or
	// constraint that differs only in case is the same one, and the
	// database keeps its spelling (planner.DiffFor).
	if d, err := dialects.Get("mysql"); err == nil {
		planner.AdoptCurrentSpelling(d, got, want)
	}
	if opt.anyColumnOrder {
		sortColumns(want)
		sortColumns(got)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		return fmt.Errorf("the catalog after the plan ran differs from one loaded from %s (-direct +applied):\n%s", filepath.Base(c.after), diff)
	}
	if checks := filepath.Join(c.dir, "check.sql"); exists(checks) {
		db := mytest.Open(t, url)
		for _, q := range splitStatements(readFile(t, checks)) {
			var ok bool
			if err := db.QueryRow(q).Scan(&ok); err != nil || !ok {
				return fmt.Errorf("data check failed (%v): %s", err, q)
			}
		}
	}
	return nil
}

// mysqlExecFile runs the SQL script at path on the database at url; a
// script without statements (some of sqldef's cases start from nothing)
// runs nothing.
func mysqlExecFile(t *testing.T, url, path string) {
	t.Helper()
	if script := readFile(t, path); len(splitStatements(script)) > 0 {
		mytest.Exec(t, url, script)
	}
}

// mysqlCreateFromHCL creates the tables of an HCL desired state in the
// empty database at url, with the statements the dialect renders.
func mysqlCreateFromHCL(url, path string) error {
	db, err := inspect.Open(context.Background(), url)
	if err != nil {
		return err
	}
	defer db.Close()
	desired, d, err := loadFilesFor([]string{path}, "mysql", db.Dialect(), nil)
	if err != nil {
		return err
	}
	stmts, err := d.CreateSQL(desired)
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := db.DB().ExecContext(context.Background(), s); err != nil {
			return fmt.Errorf("%s: %v", s, err)
		}
	}
	return nil
}
