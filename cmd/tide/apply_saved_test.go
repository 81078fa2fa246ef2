package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestSavedPlanRunsPreflightAndPostChecks: 'tide apply plan.json' runs the
// executor's pre-flight data checks (a NULL that appeared after planning
// refuses the apply, nothing changed) and its post-checks (a leftover
// temporary object fails them), and says the drift check needs the files.
func TestSavedPlanRunsPreflightAndPostChecks(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE users (id int PRIMARY KEY, email text); INSERT INTO users VALUES (1, 'a@x'), (2, 'b@x')")
	notNull := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n"})
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if code, out, errOut := run(t, "plan", "--url", url, "--to", notNull, "--out", planFile); code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", code, out, errOut)
	}
	// Data changes do not change the schema's fingerprint: the plan is not
	// stale, but its pre-flight check finds the new NULL.
	pgtest.Exec(t, url, "INSERT INTO users VALUES (7, NULL)")
	code, out, errOut := run(t, "apply", "--url", url, planFile, "--auto-approve")
	if code != exitError {
		t.Fatalf("apply with a NULL: exit %d\n%s\n%s", code, out, errOut)
	}
	// The saved plan carries the check's sample query: the row is shown.
	for _, want := range []string{"pre-flight checks found data", "nothing was changed", "1 rows of public.users where email is NULL", "e.g. (id=7, email=NULL)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if pgtest.QueryBool(t, url, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'email'") {
		t.Fatal("the refused apply set NOT NULL")
	}
	pgtest.Exec(t, url, "DELETE FROM users WHERE id = 7")
	code, out, errOut = run(t, "apply", "--url", url, planFile, "--auto-approve")
	if code != 0 {
		t.Fatalf("apply: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"post-check: every index and constraint valid, no temporary object of tide left", "no drift check"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}

	// A leftover temporary object (not part of the schema, so the plan is
	// not stale) fails the post-checks of a saved plan.
	addColumn := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, name text);\n"})
	if code, out, errOut := run(t, "plan", "--url", url, "--to", addColumn, "--out", planFile); code != 0 {
		t.Fatalf("plan: exit %d\n%s\n%s", code, out, errOut)
	}
	pgtest.Exec(t, url, "CREATE FUNCTION users__tide_sync_x() RETURNS int LANGUAGE sql AS 'SELECT 1'")
	code, out, errOut = run(t, "apply", "--url", url, planFile, "--auto-approve")
	if code != exitError || !strings.Contains(errOut, "post-checks failed") || !strings.Contains(errOut, "function public.users__tide_sync_x") {
		t.Fatalf("apply with a leftover: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestProgressBarAllowed: a bar only on a terminal, never with NO_COLOR or
// TERM=dumb.
func TestProgressBarAllowed(t *testing.T) {
	cases := []struct {
		terminal bool
		env      map[string]string
		want     bool
	}{
		{true, map[string]string{"TERM": "xterm-256color"}, true},
		{true, map[string]string{}, true},
		{false, map[string]string{"TERM": "xterm"}, false},
		{true, map[string]string{"TERM": "dumb"}, false},
		{true, map[string]string{"TERM": "xterm", "NO_COLOR": "1"}, false},
	}
	for _, c := range cases {
		if got := progressBarAllowed(c.terminal, func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("terminal %v env %v: %v, want %v", c.terminal, c.env, got, c.want)
		}
	}
	// The command's own streams: a buffer is no terminal.
	e := newEnv(strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	if stderrIsTerminal(e) {
		t.Error("a buffer counted as a terminal")
	}
}
