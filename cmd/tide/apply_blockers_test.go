package main

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// blockersDB is a test database with a parent and a child row, and the
// desired files that add a foreign key from child to parent.
func blockersDB(t *testing.T) (url, desired string) {
	t.Helper()
	url = pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE parent (id int PRIMARY KEY, name text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int);
INSERT INTO parent VALUES (1, 'one'); INSERT INTO child VALUES (1, 1);`)
	return url, writeFiles(t, map[string]string{"s.sql": "CREATE TABLE parent (id int PRIMARY KEY, name text);\nCREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));\n"})
}

// blockerSession opens a named session on url and returns it with its pid.
func blockerSession(t *testing.T, url, name string) (*pgx.Conn, int64) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	var pid int64
	if _, err := c.Exec(ctx, "SET application_name = '"+name+"'"); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	return c, pid
}

// mustExec runs statements on a session, none of which may wait long.
func mustExec(t *testing.T, c *pgx.Conn, stmts ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, q := range stmts {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestApplyNamesBlockerOnReferencedTable: a new foreign key waits for a
// lock on the table it references; when another session's open transaction
// (it updated a row of that table) holds it past every retry, apply fails
// (exit 1) naming that session and the lock it holds there. A session
// that only read both tables in an open transaction does not block the
// step and is not named.
func TestApplyNamesBlockerOnReferencedTable(t *testing.T) {
	url, after := blockersDB(t)
	reader, _ := blockerSession(t, url, "report-reader")
	mustExec(t, reader, "BEGIN", "SELECT count(*) FROM parent JOIN child ON child.parent_id = parent.id")
	writer, _ := blockerSession(t, url, "parent-writer")
	mustExec(t, writer, "BEGIN", "UPDATE parent SET name = 'uno' WHERE id = 1")

	code, out, errOut := run(t, "apply", "--url", url, "--to", after, "--auto-approve", "--lock-timeout", "300ms", "--lock-retries", "1")
	if code != exitError {
		t.Fatalf("blocked apply: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"after 2 attempts", "it waited for ShareRowExclusiveLock on public.parent", "parent-writer",
		"holds RowExclusiveLock on public.parent", "UPDATE parent SET name"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "report-reader") {
		t.Errorf("the reader, whose locks do not conflict, is named:\n%s", errOut)
	}
	mustExec(t, writer, "ROLLBACK")
	// The reader's transaction is still open: it does not stop the apply.
	if code, out, errOut := run(t, "apply", "--url", url, "--to", after, "--auto-approve"); code != exitOK {
		t.Fatalf("apply once the blocker ended: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestApplyNamesQueuedBlocker: a session that locked a row of the
// referenced table (ROW SHARE) does not conflict with the new foreign key
// (SHARE ROW EXCLUSIVE), but another migration queued behind it for
// EXCLUSIVE does, and the step queues behind that one: apply names the
// queued session, what it waits for and whom (the row locker's pid), and
// not the row locker itself. (EXCLUSIVE lets tide's inspection read the
// table; a queued ACCESS EXCLUSIVE would hold up the inspection too.)
func TestApplyNamesQueuedBlocker(t *testing.T) {
	url, after := blockersDB(t)
	locker, lockerPID := blockerSession(t, url, "row-locker")
	mustExec(t, locker, "BEGIN", "SELECT * FROM parent WHERE id = 1 FOR UPDATE")
	other, otherPID := blockerSession(t, url, "other-migration")
	mustExec(t, other, "BEGIN")
	queued := make(chan error, 1)
	go func() {
		_, err := other.Exec(context.Background(), "LOCK TABLE parent IN EXCLUSIVE MODE")
		queued <- err
	}()
	for i := 0; !pgtest.QueryBool(t, url, "SELECT EXISTS (SELECT FROM pg_locks WHERE NOT granted AND pid = "+strconv.FormatInt(otherPID, 10)+")"); i++ {
		if i == 200 {
			t.Fatal("the other migration never queued for its lock")
		}
		time.Sleep(10 * time.Millisecond)
	}

	code, out, errOut := run(t, "apply", "--url", url, "--to", after, "--auto-approve", "--lock-timeout", "300ms", "--lock-retries", "-1")
	if code != exitError {
		t.Fatalf("blocked apply: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"it waited for ShareRowExclusiveLock on public.parent", "other-migration",
		"is queued ahead for ExclusiveLock on public.parent (itself waiting for pid " + strconv.FormatInt(lockerPID, 10) + ")"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "row-locker") {
		t.Errorf("the row locker, whose lock does not conflict with the step's, is named:\n%s", errOut)
	}
	mustExec(t, locker, "ROLLBACK")
	if err := <-queued; err != nil {
		t.Fatal(err)
	}
	mustExec(t, other, "ROLLBACK")
}
