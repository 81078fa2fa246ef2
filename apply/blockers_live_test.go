package apply

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/planner"
)

// otherSession is another client of the test database, named for
// pg_stat_activity.
type otherSession struct {
	t    *testing.T
	conn *pgx.Conn
	pid  int64
}

func openSession(t *testing.T, url, name string) *otherSession {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	s := &otherSession{t: t, conn: c}
	if _, err := c.Exec(ctx, "SET application_name = '"+name+"'"); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&s.pid); err != nil {
		t.Fatal(err)
	}
	return s
}

// exec runs statements on the session (a transaction stays open); none
// may wait long.
func (s *otherSession) exec(stmts ...string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, q := range stmts {
		if _, err := s.conn.Exec(ctx, q); err != nil {
			s.t.Fatalf("%s: %v", q, err)
		}
	}
}

// waitUntilWaiting waits until session pid waits for a lock.
func waitUntilWaiting(t *testing.T, url string, pid int64) {
	t.Helper()
	for i := 0; i < 200; i++ {
		if queryInt(t, url, "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = "+itoa(pid)) > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("session %d never waited for its lock", pid)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// checkDB is a test database with table t of 10 rows and a check on it
// added NOT VALID.
func checkDB(t *testing.T) (string, inspect.Database) {
	t.Helper()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE t (id int PRIMARY KEY, qty int);
INSERT INTO t SELECT g, g FROM generate_series(1, 10) g;
ALTER TABLE t ADD CONSTRAINT t_qty_positive CHECK (qty > 0) NOT VALID`)
	return url, open(t, url)
}

// validateStep validates the check of checkDB: SHARE UPDATE EXCLUSIVE on t.
func validateStep() planner.Step {
	st := ddl("public.t.t_qty_positive", `ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_qty_positive"`)
	st.LockTimeout = "300ms"
	return st
}

// runBlocked runs st once, without retries, and returns the BlockedError
// it must fail with.
func runBlocked(t *testing.T, db inspect.Database, st planner.Step) (*BlockedError, error) {
	t.Helper()
	_, err := Run(context.Background(), db, plan(st), fast(Options{LockRetries: -1}))
	var blocked *BlockedError
	if !errors.As(err, &blocked) {
		t.Fatalf("want a BlockedError, got %v", err)
	}
	return blocked, err
}

// blockedPIDs lists the pids of a BlockedError's blockers.
func blockedPIDs(b *BlockedError) []int64 {
	var out []int64
	for _, s := range b.Blockers {
		out = append(out, s.PID)
	}
	return out
}

// TestBlockedByReferencedTable: adding a foreign key needs a lock on the
// referenced table too; a session with an open transaction that updated a
// row of that table blocks it. After its retries the step fails naming
// that session and the lock it holds on the referenced table, although
// nothing holds a lock on the step's own table.
func TestBlockedByReferencedTable(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE parent (id int PRIMARY KEY, name text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int);
INSERT INTO parent VALUES (1, 'one'); INSERT INTO child VALUES (1, 1)`)
	db := open(t, url)
	ctx := context.Background()
	holder := openSession(t, url, "parent-writer")
	holder.exec("BEGIN", "UPDATE parent SET name = 'uno' WHERE id = 1")

	fk := ddl("public.child.child_parent_id_fkey",
		`ALTER TABLE "public"."child" ADD CONSTRAINT "child_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "public"."parent" ("id")`,
		`ALTER TABLE "public"."child" DROP CONSTRAINT "child_parent_id_fkey"`)
	fk.LockTimeout = "300ms"
	_, err := Run(ctx, db, plan(fk), fast(Options{LockRetries: 1}))
	var blocked *BlockedError
	if !errors.As(err, &blocked) || blocked.Attempts != 2 {
		t.Fatalf("want a BlockedError after 2 attempts, got %v", err)
	}
	if len(blocked.Blockers) != 1 || blocked.Blockers[0].PID != holder.pid || blocked.Blockers[0].Application != "parent-writer" ||
		blocked.Blockers[0].Locks != "holds RowExclusiveLock on public.parent" {
		t.Fatalf("blockers %+v, want pid %d holding RowExclusiveLock on public.parent", blocked.Blockers, holder.pid)
	}
	if blocked.Waiting != "ShareRowExclusiveLock on public.parent" {
		t.Fatalf("waiting for %q", blocked.Waiting)
	}
	for _, want := range []string{"after 2 attempts", "it waited for ShareRowExclusiveLock on public.parent, blocked by:", "parent-writer",
		"holds RowExclusiveLock on public.parent", "transaction open since", "UPDATE parent SET name"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	// The watch ended with the attempt: no query of it is left running.
	for i := 0; ; i++ {
		if queryInt(t, url, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%tide_watch%' AND pid <> pg_backend_pid()") == 0 {
			break
		}
		if i == 100 {
			t.Fatal("the lock-wait watch still runs on the server after the step gave up")
		}
		time.Sleep(20 * time.Millisecond)
	}
	holder.exec("ROLLBACK")
	if _, err := Run(ctx, db, plan(fk), fast(Options{LockRetries: 1})); err != nil {
		t.Fatalf("after the blocker ended: %v", err)
	}
}

// TestBlockersConflictingOnly: validating a check takes SHARE UPDATE
// EXCLUSIVE. Of three sessions with open transactions on the table — one
// that read it (ACCESS SHARE), one that updated a row (ROW EXCLUSIVE), one
// that analyzed it (SHARE UPDATE EXCLUSIVE) — only the last conflicts with
// it and is named.
func TestBlockersConflictingOnly(t *testing.T) {
	url, db := checkDB(t)
	reader := openSession(t, url, "reader")
	reader.exec("BEGIN", "SELECT count(*) FROM t")
	writer := openSession(t, url, "writer")
	writer.exec("BEGIN", "UPDATE t SET qty = 11 WHERE id = 1")
	analyzer := openSession(t, url, "analyzer")
	analyzer.exec("BEGIN", "ANALYZE t")

	validate := validateStep()
	blocked, err := runBlocked(t, db, validate)
	if got := blockedPIDs(blocked); len(got) != 1 || got[0] != analyzer.pid {
		t.Fatalf("blockers %v, want only the analyzer %d (reader %d and writer %d do not conflict):\n%v", got, analyzer.pid, reader.pid, writer.pid, err)
	}
	if blocked.Waiting != "ShareUpdateExclusiveLock on public.t" || blocked.Blockers[0].Locks != "holds ShareUpdateExclusiveLock on public.t" {
		t.Fatalf("waiting %q, blocker %+v", blocked.Waiting, blocked.Blockers[0])
	}
	if msg := err.Error(); strings.Contains(msg, "reader") || strings.Contains(msg, "writer") || !strings.Contains(msg, "analyzer") {
		t.Fatalf("the message names the wrong sessions:\n%s", msg)
	}
	analyzer.exec("ROLLBACK")
	if _, err := Run(context.Background(), db, plan(validate), fast(Options{})); err != nil {
		t.Fatalf("with only non-conflicting sessions left: %v", err)
	}
}

// TestBlockedByQueuedWaiter: a session reading the table (ACCESS SHARE)
// does not conflict with the step's SHARE UPDATE EXCLUSIVE, but another
// session queued behind it for ACCESS EXCLUSIVE does, and the step queues
// behind that one: the queued session is named, with what it waits for and
// whom, and the reader is not.
func TestBlockedByQueuedWaiter(t *testing.T) {
	url, db := checkDB(t)
	reader := openSession(t, url, "reader")
	reader.exec("BEGIN", "SELECT count(*) FROM t")
	ddlSession := openSession(t, url, "queued-ddl")
	ddlSession.exec("BEGIN")
	queued := make(chan error, 1)
	go func() {
		_, err := ddlSession.conn.Exec(context.Background(), "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")
		queued <- err
	}()
	waitUntilWaiting(t, url, ddlSession.pid)

	validate := validateStep()
	blocked, err := runBlocked(t, db, validate)
	if got := blockedPIDs(blocked); len(got) != 1 || got[0] != ddlSession.pid {
		t.Fatalf("blockers %v, want only the queued session %d (not the reader %d):\n%v", got, ddlSession.pid, reader.pid, err)
	}
	want := "is queued ahead for AccessExclusiveLock on public.t (itself waiting for pid " + itoa(reader.pid) + ")"
	if blocked.Blockers[0].Locks != want || blocked.Waiting != "ShareUpdateExclusiveLock on public.t" {
		t.Fatalf("blocker %q waiting %q, want %q", blocked.Blockers[0].Locks, blocked.Waiting, want)
	}
	if msg := err.Error(); !strings.Contains(msg, "queued-ddl") || !strings.Contains(msg, want) || strings.Contains(msg, "application reader") {
		t.Fatalf("message:\n%s", msg)
	}
	reader.exec("ROLLBACK")
	if err := <-queued; err != nil {
		t.Fatalf("the queued session: %v", err)
	}
	ddlSession.exec("ROLLBACK")
}

// TestBlockedIndexBuildNamesOldTransaction: CREATE INDEX CONCURRENTLY waits
// for every transaction older than its build to end, whatever tables they
// touch. A session with an open transaction that read only another table
// holds no lock on the step's table, yet blocks the build: it is named,
// with the transaction the build waits for.
func TestBlockedIndexBuildNamesOldTransaction(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE t (id int PRIMARY KEY, v int); CREATE TABLE other (id int);
INSERT INTO t SELECT g, g FROM generate_series(1, 100) g`)
	db := open(t, url)
	old := openSession(t, url, "long-report")
	old.exec("BEGIN ISOLATION LEVEL REPEATABLE READ", "SELECT count(*) FROM other")

	build := planner.Step{Object: "public.t.t_v_idx", Change: "add_index", Summary: "index v",
		Statements: []string{`CREATE INDEX CONCURRENTLY IF NOT EXISTS "t_v_idx" ON "public"."t" ("v")`}, LockTimeout: "300ms"}
	blocked, err := runBlocked(t, db, build)
	if got := blockedPIDs(blocked); len(got) != 1 || got[0] != old.pid {
		t.Fatalf("blockers %v, want the old transaction's session %d:\n%v", got, old.pid, err)
	}
	if !strings.Contains(blocked.Waiting, "virtual transaction") || !strings.Contains(err.Error(), "long-report") {
		t.Fatalf("waiting %q:\n%v", blocked.Waiting, err)
	}
	old.exec("ROLLBACK")
}

// TestBlockedByRowLock: a step that updates rows waits for a row another
// transaction changed; that session is named (it holds no lock that
// conflicts with the step's on the table itself).
func TestBlockedByRowLock(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, g FROM generate_series(1, 10) g`)
	db := open(t, url)
	writer := openSession(t, url, "row-writer")
	writer.exec("BEGIN", "UPDATE t SET v = -1 WHERE id = 3")
	reader := openSession(t, url, "reader")
	reader.exec("BEGIN", "SELECT count(*) FROM t")

	fill := ddl("public.t.v", `UPDATE "public"."t" SET v = 0 WHERE v > 0`)
	fill.LockTimeout = "300ms"
	blocked, err := runBlocked(t, db, fill)
	if got := blockedPIDs(blocked); len(got) != 1 || got[0] != writer.pid {
		t.Fatalf("blockers %v, want the row writer %d:\n%v", got, writer.pid, err)
	}
	if !strings.HasPrefix(blocked.Waiting, "ShareLock on transaction ") || !strings.HasSuffix(blocked.Waiting, "(rows that transaction changed or locked)") ||
		!strings.HasPrefix(blocked.Blockers[0].Locks, "holds ExclusiveLock on transaction ") {
		t.Fatalf("waiting %q, blocker %q", blocked.Waiting, blocked.Blockers[0].Locks)
	}
	writer.exec("ROLLBACK")
}
