package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tidedb/tide/inspect/mysql/mytest"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestInspectLockTimeoutFlag: while another session holds ACCESS EXCLUSIVE
// on the table a view reads, tide inspect and tide drift (from cron) give
// up after --inspect-lock-timeout and its retries with exit 1 — drift's
// error code, not its "drift found" — naming the blocking session; a
// timeout that is not positive is refused.
func TestInspectLockTimeoutFlag(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY, v text);\nCREATE VIEW vv AS SELECT id, v FROM t;")
	desired := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE t (id int PRIMARY KEY, v text);\nCREATE VIEW vv AS SELECT id, v FROM t;\n"})
	holder, pid := blockerSession(t, url, "long_alter")
	mustExec(t, holder, "BEGIN", "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")

	for _, args := range [][]string{
		{"inspect", "--url", url, "--inspect-lock-timeout", "200ms"},
		{"drift", "--url", url, "--to", desired, "--inspect-lock-timeout", "200ms"},
	} {
		start := time.Now()
		code, out, errOut := run(t, args...)
		if code != exitError || time.Since(start) > time.Minute {
			t.Fatalf("%s: exit %d after %s\n%s\n%s", args[0], code, time.Since(start), out, errOut)
		}
		for _, want := range []string{"gave up after 3 attempts waiting 200ms", fmt.Sprintf("pid %d ", pid), "application long_alter",
			"holds AccessExclusiveLock on public.t", "--inspect-lock-timeout"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", args[0], want, errOut)
			}
		}
	}
	mustExec(t, holder, "ROLLBACK")
	if code, out, errOut := run(t, "drift", "--url", url, "--to", desired, "--inspect-lock-timeout", "200ms"); code != exitOK {
		t.Errorf("drift after the lock is released: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "inspect", "--url", url, "--inspect-lock-timeout", "0"); code != exitError || !strings.Contains(errOut, "give a positive duration") {
		t.Errorf("--inspect-lock-timeout 0: exit %d\n%s", code, errOut)
	}
}

// TestMySQLApplyNamesLockTablesHolderWithPlugin: with MariaDB's
// metadata_lock_info plugin installed, a session holding LOCK TABLES …
// WRITE outside a transaction, which no other query finds, is named by
// its connection id when apply gives up on the lock.
func TestMySQLApplyNamesLockTablesHolderWithPlugin(t *testing.T) {
	mytest.MetadataLockInfo(t, true)
	ctx := context.Background()
	m := newMySQLTarget(t)
	m.exec(t, "CREATE TABLE a (id int PRIMARY KEY, v varchar(10)); CREATE TABLE b (id int PRIMARY KEY)")
	after := writeFiles(t, map[string]string{"s.sql": twoColumnsSQL})
	locker, err := m.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	var lockerID int64
	if err := locker.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&lockerID); err != nil {
		t.Fatal(err)
	}
	if _, err := locker.ExecContext(ctx, "LOCK TABLES a WRITE"); err != nil {
		t.Fatal(err)
	}
	defer locker.ExecContext(ctx, "UNLOCK TABLES") //nolint:errcheck
	code, out, errOut := run(t, "apply", "--url", m.url, "--to", after, "--auto-approve", "--lock-timeout", "1s", "--lock-retries", "1")
	if code != exitError {
		t.Fatalf("apply while a is locked: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"could not get the lock for step", fmt.Sprintf("pid %d ", lockerID),
		"MDL_SHARED_NO_READ_WRITE (LOCK TABLES ... WRITE)", m.name + ".a"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}
