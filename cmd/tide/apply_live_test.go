package main

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestApplyBlockedThenRollbackAndStatus: an apply whose second table is held
// by LOCK TABLE … IN SHARE MODE in another session (it blocks ALTER TABLE but
// not the inspection; apply/ tests ACCESS EXCLUSIVE) retries and then fails naming that
// session (exit 1); status shows the failed apply; rollback undoes the
// completed step and the database matches the starting schema again, with
// its data; a second rollback has nothing to do.
func TestApplyBlockedThenRollbackAndStatus(t *testing.T) {
	url := pgtest.NewDB(t)
	start := "CREATE TABLE a (id int PRIMARY KEY, v text);\nCREATE TABLE b (id int PRIMARY KEY);\n"
	pgtest.Exec(t, url, start+"INSERT INTO a VALUES (1, 'kept'); INSERT INTO b VALUES (7);")
	before := writeFiles(t, map[string]string{"s.sql": start})
	after := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE a (id int PRIMARY KEY, v text, w int);\nCREATE TABLE b (id int PRIMARY KEY, w int);\n"})

	ctx := context.Background()
	holder, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	if _, err := holder.Exec(ctx, "SET application_name = 'batch-job'"); err != nil {
		t.Fatal(err)
	}
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE b IN SHARE MODE"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "apply", "--url", url, "--to", after, "--auto-approve", "--lock-timeout", "50ms", "--lock-retries", "1")
	if code != exitError {
		t.Fatalf("blocked apply: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"after 2 attempts", "public.b", "batch-job", "ShareLock", "retrying in"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	_ = tx.Rollback(ctx)

	code, out, errOut = run(t, "status", "--url", url)
	if code != 0 || !strings.Contains(out, "#1 apply  failed") || !strings.Contains(out, "done") || !strings.Contains(out, "could not get the lock") {
		t.Fatalf("status: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "rollback", "--url", url); code != exitRefused || !strings.Contains(errOut, "--auto-approve") {
		t.Fatalf("rollback without a terminal: exit %d %s", code, errOut)
	}
	if code, out, _ := runTerminal(t, "no\n", "rollback", "--url", url); code != exitRefused || !strings.Contains(out, "Type yes:") {
		t.Fatalf("rollback not confirmed: exit %d %s", code, out)
	}
	code, out, errOut = runTerminal(t, "yes\n", "rollback", "--url", url)
	if code != 0 || !strings.Contains(out, "Rolled back 1 steps of apply #1") || !strings.Contains(out, "DROP COLUMN") {
		t.Fatalf("rollback: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "drift", "--url", url, "--to", before); code != 0 {
		t.Fatalf("after rollback the database differs from where it started: exit %d\n%s\n%s", code, out, errOut)
	}
	if !pgtest.QueryBool(t, url, "SELECT EXISTS (SELECT FROM a WHERE id = 1 AND v = 'kept') AND EXISTS (SELECT FROM b WHERE id = 7)") {
		t.Fatal("rollback lost data")
	}
	if code, _, errOut := run(t, "rollback", "--url", url, "--auto-approve"); code != exitError || !strings.Contains(errOut, "already rolled back") {
		t.Fatalf("second rollback: exit %d %s", code, errOut)
	}
	// Now the lock is gone: apply succeeds, passes its post-checks (no
	// drift) and status lists it first.
	if code, out, errOut := run(t, "apply", "--url", url, "--to", after, "--auto-approve"); code != 0 || !strings.Contains(errOut, "post-check: no drift") {
		t.Fatalf("apply: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = run(t, "status", "--url", url)
	if code != 0 || !strings.HasPrefix(strings.SplitN(out, "\n#", 2)[1], "3 apply  done") {
		t.Fatalf("status after the second apply:\n%s", out)
	}
}

// TestStatusEmptyAndNoPassword: status on a database without history says
// so and never prints the URL's password.
func TestStatusEmptyAndNoPassword(t *testing.T) {
	url := pgtest.NewDB(t)
	withPass := strings.Replace(url, "postgres@", "postgres:s3cretpw@", 1)
	code, out, errOut := run(t, "status", "--url", withPass)
	if code != 0 || !strings.Contains(out, "No apply recorded") {
		t.Fatalf("status: exit %d\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, "s3cretpw") {
		t.Fatal("password printed")
	}
}
