package main

import (
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

// MySQL and MariaDB end to end through the command line, against the local
// MariaDB (TIDE_TEST_MYSQL_URL to use another server). The convergence
// pairs run through 'tide apply' (mysqlConverge in mysql_converge_test.go,
// shared with the conformance run); mysql_apply_test.go tests the
// executor's locks, retries, resumes and rollbacks.

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

// TestMySQLConvergence runs each pair under testdata/mysql-convergence
// (before.sql, after.sql or after.hcl, optional data.sql and check.sql):
// load before and data, plan, run the plan with 'tide apply', then the next
// plan must be empty, drift must exit 0, the catalog must equal that of a
// database loaded from the desired state directly, and each line of
// check.sql must return true. Run one with -run 'TestMySQLConvergence/NNN'.
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
			c := convergeCase{dir: dir, before: filepath.Join(dir, "before.sql"), after: after}
			if err := mysqlConverge(t, c, mysqlCheck{needChange: true}); err != nil {
				t.Fatal(err)
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
		"fill.hcl": `database { dialect = "mysql" }
table "t" {
  column "id" { type = "int" }
  column "v" {
    type     = "int"
    default  = "0"
    backfill = "id"
  }
  primary_key { columns = ["id"] }
}
`,
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
		{"apply to an unknown database", []string{"apply", "--url", withPassword, "--to", filepath.Join(dir, "s.sql"), "--auto-approve"},
			[]string{"nosuchdb_tide"}},
		{"status of an unknown database", []string{"status", "--url", withPassword}, []string{"nosuchdb_tide"}},
		{"rollback on an unknown database", []string{"rollback", "--url", withPassword, "--auto-approve"}, []string{"nosuchdb_tide"}},
		{"replica lag is not known on the primary", []string{"apply", "--url", url, "--to", filepath.Join(dir, "fill.hcl"), "--auto-approve", "--max-replica-lag", "1s"},
			[]string{"does not know its replicas' replay lag", "nothing was changed"}},
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
