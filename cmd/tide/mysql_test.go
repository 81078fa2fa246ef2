package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

// MySQL and MariaDB end to end through the command line, against the local
// MariaDB (TIDE_TEST_MYSQL_URL to use another server). The executor does
// not run MySQL plans yet, so the convergence tests run each plan's steps
// themselves (mysqlApply), as 'tide plan --format sql' would be run by hand.

// mysqlCorpus lists dialects/mysql's parser corpus.
func mysqlCorpus(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../dialects/mysql/testdata/parse/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no parser corpus under dialects/mysql/testdata/parse (%v)", err)
	}
	return files
}

// TestMySQLInspectDriftRoundTrip loads each corpus file into a database:
// drift against the file exits 0, and so does drift against what 'tide
// inspect' writes, as HCL and as SQL; the SQL loaded into a second
// database inspects the same as the first.
func TestMySQLInspectDriftRoundTrip(t *testing.T) {
	for _, file := range mysqlCorpus(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			url := mytest.NewDB(t)
			mytest.Exec(t, url, readFile(t, file))
			if code, out, errOut := run(t, "drift", "--url", url, "--to", file); code != 0 {
				t.Fatalf("drift against the file exited %d:\n%s%s", code, out, errOut)
			}
			dir := t.TempDir()
			for _, format := range []string{"hcl", "sql"} {
				code, out, errOut := run(t, "inspect", "--url", url, "--format", format)
				if code != 0 {
					t.Fatalf("inspect --format %s exited %d: %s", format, code, errOut)
				}
				path := filepath.Join(dir, "inspected."+format)
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				if code, out, errOut := run(t, "drift", "--url", url, "--to", path); code != 0 {
					t.Fatalf("drift against inspect --format %s exited %d:\n%s%s\n%s", format, code, out, errOut, readFile(t, path))
				}
			}
			second := mytest.NewDB(t)
			mytest.Exec(t, second, readFile(t, filepath.Join(dir, "inspected.sql")))
			requireSameCatalog(t, mysqlCatalog(t, url), mysqlCatalog(t, second))
		})
	}
}

// mysqlCatalog inspects a database, without statistics, with the
// database's own name replaced by "db" so that two databases compare.
func mysqlCatalog(t *testing.T, url string) *schema.Schema {
	t.Helper()
	db, err := inspect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	name := db.Dialect().DefaultSchema()
	for _, tb := range s.Tables {
		tb.Schema = "db"
		for _, fk := range tb.ForeignKeys {
			if fk.RefSchema == name {
				fk.RefSchema = "db"
			}
		}
	}
	return s
}

// requireSameCatalog fails when two catalogs differ.
func requireSameCatalog(t *testing.T, want, got *schema.Schema) {
	t.Helper()
	w, _ := json.MarshalIndent(want, "", "  ")
	g, _ := json.MarshalIndent(got, "", "  ")
	if string(w) != string(g) {
		t.Fatalf("the catalogs differ:\n--- want\n%s\n--- got\n%s", w, g)
	}
}

// mysqlPlan runs 'tide plan --format json' and reads the plan.
func mysqlPlan(t *testing.T, url, to string) *planner.Plan {
	t.Helper()
	code, out, errOut := run(t, "plan", "--url", url, "--to", to, "--format", "json")
	if code != 0 {
		t.Fatalf("plan exited %d: %s", code, errOut)
	}
	p, err := planner.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("plan JSON: %v\n%s", err, out)
	}
	return p
}

// mysqlApply runs a plan's steps in order, each on one connection after its
// session settings, as the plan's SQL form says to. Each step's pre-flight
// checks run first and must find no offending rows.
func mysqlApply(t *testing.T, url string, p *planner.Plan) {
	t.Helper()
	db, err := inspect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d := db.Dialect()
	ctx := context.Background()
	for _, st := range p.Steps() {
		if st.Backfill != nil {
			t.Fatalf("step %d has a batched backfill, which no MySQL recipe plans yet", st.ID)
		}
		conn, err := db.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		lock, _ := time.ParseDuration(st.LockTimeout)
		stmt, _ := time.ParseDuration(st.StatementTimeout)
		for _, s := range d.SessionSettings(lock, stmt) {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				t.Fatalf("step %d: %s: %v", st.ID, s, err)
			}
		}
		for _, pf := range st.Preflight {
			var n int
			if err := conn.QueryRowContext(ctx, pf.SQL).Scan(&n); err != nil || n != 0 {
				t.Fatalf("step %d: pre-flight %s: %d rows, %v", st.ID, pf.SQL, n, err)
			}
			if pf.SampleSQL != "" {
				rows, err := conn.QueryContext(ctx, pf.SampleSQL)
				if err != nil {
					t.Fatalf("step %d: pre-flight sample %s: %v", st.ID, pf.SampleSQL, err)
				}
				rows.Close()
			}
		}
		for _, s := range st.Statements {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				conn.Close()
				t.Fatalf("step %d (%s): %s\n  -> %v", st.ID, st.Summary, s, err)
			}
		}
		conn.Close()
	}
}

// TestMySQLConvergence runs each pair under testdata/mysql-convergence
// (before.sql, after.sql or after.hcl, optional data.sql and check.sql):
// load before and data, plan, run the plan's steps, then the next plan must
// be empty, drift must exit 0, the catalog must equal that of a database
// loaded from the desired state directly, and each line of check.sql must
// return true. Run one with -run 'TestMySQLConvergence/NNN'.
func TestMySQLConvergence(t *testing.T) {
	dirs, err := filepath.Glob("testdata/mysql-convergence/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no pairs under testdata/mysql-convergence (%v)", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			after := findAfter(dir)
			if after == "" {
				t.Fatalf("%s has no after.sql or after.hcl", dir)
			}
			url := mytest.NewDB(t)
			mytest.Exec(t, url, readFile(t, filepath.Join(dir, "before.sql")))
			if data := filepath.Join(dir, "data.sql"); exists(data) {
				mytest.Exec(t, url, readFile(t, data))
			}
			p := mysqlPlan(t, url, after)
			if p.Empty() {
				t.Fatal("the plan is empty: the pair changes nothing")
			}
			mysqlApply(t, url, p)
			if again := mysqlPlan(t, url, after); !again.Empty() {
				_, text, _ := run(t, "plan", "--url", url, "--to", after)
				t.Fatalf("the plan after running the first is not empty:\n%s", text)
			}
			if code, out, errOut := run(t, "drift", "--url", url, "--to", after); code != 0 {
				t.Fatalf("drift exited %d after the plan ran:\n%s%s", code, out, errOut)
			}
			direct := mytest.NewDB(t)
			if strings.HasSuffix(after, ".sql") {
				mytest.Exec(t, direct, readFile(t, after))
			} else {
				db, err := inspect.Open(context.Background(), direct)
				if err != nil {
					t.Fatal(err)
				}
				desired, d, err := loadFilesFor([]string{after}, "mysql", db.Dialect(), nil)
				db.Close()
				if err != nil {
					t.Fatal(err)
				}
				stmts, err := d.CreateSQL(desired)
				if err != nil {
					t.Fatal(err)
				}
				mytest.Exec(t, direct, strings.Join(stmts, ";\n"))
			}
			requireSameCatalog(t, mysqlCatalog(t, direct), mysqlCatalog(t, url))
			if checks := filepath.Join(dir, "check.sql"); exists(checks) {
				db := mytest.Open(t, url)
				for _, q := range splitStatements(readFile(t, checks)) {
					var ok bool
					if err := db.QueryRow(q).Scan(&ok); err != nil || !ok {
						t.Errorf("data check failed (%v): %s", err, q)
					}
				}
			}
		})
	}
}

// TestMySQLCommandErrors: the MySQL paths of the commands fail with one
// clear error naming the target, never a password.
func TestMySQLCommandErrors(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY)")
	dev := mytest.NewDB(t)
	dir := writeFiles(t, map[string]string{
		"s.sql":     "CREATE TABLE t (id int PRIMARY KEY, v int);\n",
		"other.sql": "CREATE TABLE t (id int PRIMARY KEY);\nCREATE DATABASE elsewhere;\nCREATE TABLE elsewhere.x (id int);\n",
	})
	cfg := mytest.Config(t, url)
	withPassword := "mysql://" + cfg.User + ":hunter2@" + cfg.Addr + "/nosuchdb_tide"
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown database", []string{"plan", "--url", withPassword, "--to", filepath.Join(dir, "s.sql")}, []string{"nosuchdb_tide"}},
		{"another database in the files", []string{"drift", "--url", url, "--to", filepath.Join(dir, "other.sql")},
			[]string{`table "elsewhere.x" is in database "elsewhere"`}},
		{"dev database of another name", []string{"plan", "--url", url, "--dev-url", dev, "--to", filepath.Join(dir, "s.sql")},
			[]string{"--dev-url names database"}},
		{"apply has no executor yet", []string{"apply", "--url", url, "--to", filepath.Join(dir, "s.sql"), "--auto-approve"},
			[]string{"cannot execute plans yet"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := run(t, c.args...)
			if code != 1 || strings.Contains(errOut, "hunter2") {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not contain %q", errOut, w)
				}
			}
		})
	}
}
