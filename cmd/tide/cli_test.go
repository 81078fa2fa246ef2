package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// runTerminal runs the CLI as if stdin were a terminal holding input.
func runTerminal(t *testing.T, input string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := newEnv(strings.NewReader(input), &out, &errb)
	e.isTerminal = func() bool { return true }
	code := dispatch(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const usersHCL = `
database { dialect = "postgres" }
table "users" {
  column "id" { type = "bigint" }
  column "email" {
    type = "text"
    null = false
  }
  primary_key { columns = ["id"] }
}
`

func TestUsageAndUnknownCommand(t *testing.T) {
	if code, out, _ := run(t, "--help"); code != 0 || !strings.Contains(out, "Commands:") {
		t.Fatalf("--help: %d %q", code, out)
	}
	if code, _, errOut := run(t, "frobnicate"); code != 1 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Fatalf("unknown command: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "plan", "--nope"); code != 1 || !strings.Contains(errOut, "nope") {
		t.Fatalf("unknown flag: %d %q", code, errOut)
	}
}

// TestBadInput: each bad input gives one clear error saying what and where,
// exit code 1, and leaves the database untouched.
func TestBadInput(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE keep (id int)")
	cases := []struct {
		name  string
		files map[string]string
		url   string
		want  []string
	}{
		{"malformed HCL", map[string]string{"s.hcl": "table \"t\" {\n  column \"a\" {\n"}, url, []string{"s.hcl:", ":"}},
		{"unknown type", map[string]string{"s.hcl": "database { dialect = \"postgres\" }\ntable \"t\" {\n  column \"a\" { type = \"nosuchtype\" }\n}\n"}, url, []string{"s.hcl:3:", "nosuchtype"}},
		{"unknown attribute", map[string]string{"s.hcl": "table \"t\" {\n  colour = \"red\"\n}\n"}, url, []string{"s.hcl:2:", "colour"}},
		{"unsupported SQL", map[string]string{"s.sql": "CREATE TABLE t (a int);\nCREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql;\n"}, url, []string{"s.sql:2:", "FUNCTION"}},
		{"missing column", map[string]string{"s.hcl": "table \"t\" {\n  column \"a\" { type = \"int\" }\n  index \"t_b_idx\" { columns = [\"b\"] }\n}\n"}, url, []string{"s.hcl:3:", "t_b_idx", `"b"`}},
		{"unreachable server", map[string]string{"s.hcl": usersHCL}, "postgres://postgres:hunter2@127.0.0.1:1/db?sslmode=disable", []string{"127.0.0.1:1"}},
		{"missing database", map[string]string{"s.hcl": usersHCL}, strings.Replace(url, "/tide_", "/nosuchdb_", 1), []string{"nosuchdb_"}},
		{"another dialect", map[string]string{"s.hcl": usersHCL}, "postgres://root:hunter2@127.0.0.1:3306/test?sslmode=disable&connect_timeout=5", []string{"127.0.0.1:3306"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeFiles(t, c.files)
			code, out, errOut := run(t, "apply", "--url", c.url, "--to", dir, "--auto-approve")
			if code != 1 {
				t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q does not mention %q", errOut, w)
				}
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") > 3 {
				t.Errorf("error is not one clear message:\n%s", errOut)
			}
			if strings.Contains(out+errOut, "hunter2") {
				t.Errorf("password leaked:\n%s%s", out, errOut)
			}
		})
	}
	if got := pgtest.QueryBool(t, url, "SELECT count(*) = 1 FROM pg_tables WHERE schemaname = 'public'"); !got {
		t.Fatal("bad input touched the database")
	}
}

func TestApplyConfirmation(t *testing.T) {
	url := pgtest.NewDB(t)
	dir := writeFiles(t, map[string]string{"s.hcl": usersHCL})

	if code, _, errOut := run(t, "apply", "--url", url, "--to", dir); code != 3 || !strings.Contains(errOut, "--auto-approve") {
		t.Fatalf("without a terminal: exit %d, %q", code, errOut)
	}
	if code, out, _ := runTerminal(t, "no\n", "apply", "--url", url, "--to", dir); code != 3 || !strings.Contains(out, "Type yes:") {
		t.Fatalf("answer no: exit %d\n%s", code, out)
	}
	if pgtest.QueryBool(t, url, "SELECT count(*) > 0 FROM pg_tables WHERE tablename = 'users'") {
		t.Fatal("refused apply changed the database")
	}
	if code, out, errOut := runTerminal(t, "yes\n", "apply", "--url", url, "--to", dir); code != 0 {
		t.Fatalf("answer yes: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "apply", "--url", url, "--to", dir); code != 0 || !strings.Contains(out, "Nothing to do") {
		t.Fatalf("second apply: exit %d\n%s", code, out)
	}
}

func TestApplyRefusesDataLoss(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, age int); INSERT INTO users VALUES (1, 'a@b', 3)")
	dir := writeFiles(t, map[string]string{"s.hcl": usersHCL})
	code, _, errOut := run(t, "apply", "--url", url, "--to", dir, "--auto-approve")
	if code != 3 || !strings.Contains(errOut, "--allow-data-loss") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !pgtest.QueryBool(t, url, "SELECT count(*) = 1 FROM information_schema.columns WHERE column_name = 'age'") {
		t.Fatal("refused apply dropped the column")
	}
	if code, out, errOut := run(t, "apply", "--url", url, "--to", dir, "--auto-approve", "--allow-data-loss"); code != 0 {
		t.Fatalf("with --allow-data-loss: exit %d\n%s%s", code, out, errOut)
	}
}

func TestSavedPlan(t *testing.T) {
	url := pgtest.NewDB(t)
	dir := writeFiles(t, map[string]string{"s.hcl": usersHCL})
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if code, _, errOut := run(t, "plan", "--url", url, "--to", dir, "--out", planFile); code != 0 {
		t.Fatal(errOut)
	}
	pgtest.Exec(t, url, "CREATE TABLE intruder (id int)")
	code, _, errOut := run(t, "apply", "--url", url, planFile, "--auto-approve")
	if code != 1 || !strings.Contains(errOut, "stale") {
		t.Fatalf("stale plan: exit %d %q", code, errOut)
	}
	pgtest.Exec(t, url, "DROP TABLE intruder")
	if code, out, errOut := run(t, "apply", "--url", url, planFile, "--auto-approve"); code != 0 {
		t.Fatalf("fresh saved plan: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, _ := run(t, "drift", "--url", url, "--to", dir); code != 0 {
		t.Fatalf("drift after saved plan: %d", code)
	}
}

func TestDriftExitCodes(t *testing.T) {
	url := pgtest.NewDB(t)
	dir := writeFiles(t, map[string]string{"s.hcl": usersHCL})
	if code, out, _ := run(t, "drift", "--url", url, "--to", dir); code != 2 || !strings.Contains(out, "add_table") {
		t.Fatalf("drift on empty db: %d %q", code, out)
	}
	if code, _, errOut := run(t, "drift", "--url", "postgres://x:hunter2@127.0.0.1:1/db", "--to", dir); code != 1 || strings.Contains(errOut, "hunter2") {
		t.Fatalf("drift error: %d %q", code, errOut)
	}
}
