package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

// lockSession is another session of a lock test: a connection with its
// backend pid, closed when the test ends.
type lockSession struct {
	conn *pgx.Conn
	pid  uint32
}

func newLockSession(t *testing.T, url string) *lockSession {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return &lockSession{conn: c, pid: c.PgConn().PID()}
}

func (s *lockSession) exec(t *testing.T, sql string) {
	t.Helper()
	if _, err := s.conn.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// waitUntilWaiting waits until session pid waits for a lock.
func waitUntilWaiting(t *testing.T, url string, pid uint32) {
	t.Helper()
	for range 200 {
		if pgtest.QueryBool(t, url, fmt.Sprintf("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = %d AND NOT granted)", pid)) {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("session %d never waited for its lock", pid)
}

// lockTestDB is a database with a table t and a view vv over it: reading
// the view's definition locks t.
func lockTestDB(t *testing.T) string {
	t.Helper()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE t (id int PRIMARY KEY, v text);
CREATE VIEW vv AS SELECT id, v FROM t;`)
	return url
}

// attemptCounter is a pgx tracer counting inspection attempts: each
// exports its snapshot once.
type attemptCounter struct{ queryCounter }

func (a *attemptCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	if strings.Contains(d.SQL, "pg_export_snapshot()") {
		a.n.Add(1)
	}
	return ctx
}

// timedInspection is what inspectTimed saw.
type timedInspection struct {
	s        *schema.Schema
	err      error
	elapsed  time.Duration
	attempts int64
}

// inspectTimed inspects with a lock timeout and returns the result, the
// error, how long it took and how many attempts it made.
func inspectTimed(t *testing.T, url string, timeout time.Duration) timedInspection {
	t.Helper()
	attempts := &attemptCounter{}
	db := openTest(t, url, attempts)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute) // the test's own bound: a hang fails
	defer cancel()
	start := time.Now()
	s, err := db.Inspect(ctx, inspect.Options{LockTimeout: timeout})
	return timedInspection{s: s, err: err, elapsed: time.Since(start), attempts: attempts.n.Load()}
}

// giveUpBound is how long an inspection with lock timeout d may take to
// give up: its attempts, the pauses between them (at most 1.5 × 250 ms and
// 1.5 × 500 ms) and a margin for a loaded machine.
func giveUpBound(d time.Duration) time.Duration {
	return time.Duration(inspect.LockAttempts)*d + 1125*time.Millisecond + 5*time.Second
}

// requireLockWaitError checks that err is an *inspect.LockWaitError naming
// session pid as a blocker with what, and what it waited for.
func requireLockWaitError(t *testing.T, err error, elapsed, timeout time.Duration, pid uint32, what string) {
	t.Helper()
	t.Logf("after %s: %v", elapsed, err)
	var lw *inspect.LockWaitError
	if !errors.As(err, &lw) {
		t.Fatalf("err = %v (after %s), want an *inspect.LockWaitError", err, elapsed)
	}
	if elapsed > giveUpBound(timeout) || elapsed < time.Duration(inspect.LockAttempts)*timeout {
		t.Errorf("gave up after %s, want between %s and %s", elapsed, time.Duration(inspect.LockAttempts)*timeout, giveUpBound(timeout))
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "55P03" {
		t.Errorf("the error does not wrap the lock timeout's *pgconn.PgError (55P03): %v", err)
	}
	if lw.Attempts != inspect.LockAttempts || lw.Timeout != timeout {
		t.Errorf("attempts %d, timeout %s; want %d, %s", lw.Attempts, lw.Timeout, inspect.LockAttempts, timeout)
	}
	if !strings.Contains(lw.Waiting, "AccessShareLock on public.t") {
		t.Errorf("Waiting = %q, want the ACCESS SHARE lock on public.t", lw.Waiting)
	}
	found := false
	for _, b := range lw.Blockers {
		if b.PID == int64(pid) {
			found = true
			if !strings.Contains(b.Locks, what) || b.User == "" {
				t.Errorf("blocker %d: locks %q user %q, want %q", pid, b.Locks, b.User, what)
			}
		}
	}
	msg := err.Error()
	if !found || !strings.Contains(msg, fmt.Sprintf("pid %d ", pid)) || !strings.Contains(msg, "--inspect-lock-timeout") {
		t.Errorf("the error does not name blocker pid %d and what to do:\n%s", pid, msg)
	}
}

// TestInspectGivesUpBehindExclusiveLock: another session holds ACCESS
// EXCLUSIVE on the table a view reads; the inspection, which must lock it
// to print the view, fails within its bound naming that session.
func TestInspectGivesUpBehindExclusiveLock(t *testing.T) {
	t.Parallel()
	url := lockTestDB(t)
	holder := newLockSession(t, url)
	holder.exec(t, "BEGIN")
	holder.exec(t, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")
	timeout := 200 * time.Millisecond
	r := inspectTimed(t, url, timeout)
	requireLockWaitError(t, r.err, r.elapsed, timeout, holder.pid, "holds AccessExclusiveLock on public.t")
	holder.exec(t, "ROLLBACK")
}

// TestInspectSucceedsWhenLockReleasedDuringRetries: the lock is released
// after the first attempt timed out; a later attempt reads everything.
func TestInspectSucceedsWhenLockReleasedDuringRetries(t *testing.T) {
	t.Parallel()
	url := lockTestDB(t)
	holder := newLockSession(t, url)
	holder.exec(t, "BEGIN")
	holder.exec(t, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")
	timeout := 300 * time.Millisecond
	go func() {
		time.Sleep(timeout + 200*time.Millisecond)
		_, _ = holder.conn.Exec(context.Background(), "ROLLBACK")
	}()
	r := inspectTimed(t, url, timeout)
	if r.err != nil {
		t.Fatalf("Inspect after %s: %v", r.elapsed, r.err)
	}
	if r.attempts < 2 {
		t.Errorf("Inspect made %d attempt(s) in %s: the first should have timed out after %s and been retried", r.attempts, r.elapsed, timeout)
	}
	if v := r.s.View(schema.QName{Schema: "public", Name: "vv"}); v == nil || !strings.Contains(v.Def, "FROM t") {
		t.Errorf("view vv = %+v, want its definition", v)
	}
}

// queuedExclusive makes a reader hold ACCESS SHARE on t in an open
// transaction and a second session queue for ACCESS EXCLUSIVE behind it
// (an ALTER TABLE waiting for a long reader); cancel ends the queued
// request. It returns the queued session.
func queuedExclusive(t *testing.T, url string) (queued *lockSession, cancel context.CancelFunc) {
	t.Helper()
	reader := newLockSession(t, url)
	reader.exec(t, "BEGIN")
	reader.exec(t, "SELECT count(*) FROM t")
	queued = newLockSession(t, url)
	queued.exec(t, "BEGIN")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = queued.conn.Exec(ctx, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")
	}()
	t.Cleanup(func() { cancel(); <-done })
	waitUntilWaiting(t, url, queued.pid)
	return queued, cancel
}

// TestInspectGivesUpBehindQueuedExclusiveLock: the ACCESS SHARE lock the
// inspection needs queues behind an ACCESS EXCLUSIVE request that itself
// waits for a reader; the error names the queued session.
func TestInspectGivesUpBehindQueuedExclusiveLock(t *testing.T) {
	t.Parallel()
	url := lockTestDB(t)
	queued, _ := queuedExclusive(t, url)
	timeout := 200 * time.Millisecond
	r := inspectTimed(t, url, timeout)
	requireLockWaitError(t, r.err, r.elapsed, timeout, queued.pid, "is queued ahead for AccessExclusiveLock on public.t")
}

// TestInspectSucceedsWhenQueuedLockGivesUpDuringRetries: the queued ACCESS
// EXCLUSIVE request ends after the first attempt timed out.
func TestInspectSucceedsWhenQueuedLockGivesUpDuringRetries(t *testing.T) {
	t.Parallel()
	url := lockTestDB(t)
	_, cancel := queuedExclusive(t, url)
	timeout := 300 * time.Millisecond
	go func() {
		time.Sleep(timeout + 200*time.Millisecond)
		cancel()
	}()
	r := inspectTimed(t, url, timeout)
	if r.err != nil {
		t.Fatalf("Inspect after %s: %v", r.elapsed, r.err)
	}
	if r.attempts < 2 {
		t.Errorf("Inspect made %d attempt(s) in %s: the first should have timed out after %s and been retried", r.attempts, r.elapsed, timeout)
	}
	if r.s.View(schema.QName{Schema: "public", Name: "vv"}) == nil {
		t.Error("view vv not read")
	}
}

// TestInspectSizesWithoutWaitingForLockedTable: a plain table held in
// ACCESS EXCLUSIVE mode (a running ALTER TABLE) needs no lock to be read
// but for its size; the size is estimated and the inspection does not
// wait.
func TestInspectSizesWithoutWaitingForLockedTable(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE p (id int PRIMARY KEY, body text);
INSERT INTO p SELECT g, repeat('x', 100) FROM generate_series(1, 2000) g;`)
	pgtest.Exec(t, url, "VACUUM ANALYZE p")
	holder := newLockSession(t, url)
	holder.exec(t, "BEGIN")
	holder.exec(t, "LOCK TABLE p IN ACCESS EXCLUSIVE MODE")
	db := openTest(t, url, nil)
	start := time.Now()
	s, err := db.Inspect(context.Background(), inspect.Options{LockTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	if d := time.Since(start); d > 300*time.Millisecond+2*time.Second {
		t.Errorf("Inspect took %s: it waited for the lock", d)
	}
	st := s.Table(schema.QName{Schema: "public", Name: "p"}).Stats
	if st == nil || st.Rows != 2000 || st.Bytes < 2000*100 {
		t.Errorf("stats = %+v, want 2000 rows and an estimated size of at least 200000 bytes", st)
	}
	holder.exec(t, "ROLLBACK")
}

// TestHelperSetsLockTimeout: the helper's connection, which imports the
// exported snapshot, waits no longer than the inspection's lock timeout
// either: the views task it is given fails with a lock timeout.
func TestHelperSetsLockTimeout(t *testing.T) {
	t.Parallel()
	url := lockTestDB(t)
	db := openTest(t, url, nil)
	ctx := context.Background()
	exporter := newLockSession(t, url)
	tx, err := exporter.conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	var snapshot string
	var oid uint32
	if err := tx.QueryRow(ctx, "SELECT pg_export_snapshot(), 'vv'::regclass::oid").Scan(&snapshot, &oid); err != nil {
		t.Fatal(err)
	}
	holder := newLockSession(t, url)
	holder.exec(t, "BEGIN")
	holder.exec(t, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")

	h := db.startHelper(ctx, sessionSettings(200*time.Millisecond), nil)
	defer h.stop()
	h.snapshot <- snapshot
	b := &objectBatch{scope: []any{nil, inspect.BookkeepingSchema}, relations: []uint32{oid}, viewOIDs: []uint32{oid}}
	w := newWorkQueue(b)
	start := time.Now()
	h.work <- w
	select {
	case <-h.done:
	case <-time.After(time.Minute):
		t.Fatal("the helper still waits for the lock after a minute")
	}
	err = w.wait()
	var lt *lockTimeoutError
	if !errors.As(err, &lt) || lt.what != "views" {
		t.Fatalf("helper: %v after %s, want a lock timeout reading views", err, time.Since(start))
	}
	holder.exec(t, "ROLLBACK")
}

// TestInspectNamesExclusiveHoldersWhenWaitUnseen: with a pool of one
// connection, nothing can watch the inspection's wait; when it gives up,
// it names the sessions holding ACCESS EXCLUSIVE locks in the database
// instead, and says so.
func TestInspectNamesExclusiveHoldersWhenWaitUnseen(t *testing.T) {
	t.Parallel()
	url := lockTestDB(t)
	holder := newLockSession(t, url)
	holder.exec(t, "BEGIN")
	holder.exec(t, "LOCK TABLE t IN ACCESS EXCLUSIVE MODE")
	db := openTest(t, url, nil)
	db.pool.SetMaxOpenConns(1)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, err := db.Inspect(ctx, inspect.Options{LockTimeout: 200 * time.Millisecond})
	t.Logf("%v", err)
	var lw *inspect.LockWaitError
	if !errors.As(err, &lw) {
		t.Fatalf("err = %v, want an *inspect.LockWaitError", err)
	}
	if len(lw.Blockers) != 1 || lw.Blockers[0].PID != int64(holder.pid) || lw.Blockers[0].Locks != "holds AccessExclusiveLock on public.t" ||
		!strings.Contains(lw.Hint, "did not see the wait") || !strings.Contains(lw.Waiting, "while reading") {
		t.Errorf("waiting %q, blockers %+v, hint %q; want holder %d and the hint", lw.Waiting, lw.Blockers, lw.Hint, holder.pid)
	}
	holder.exec(t, "ROLLBACK")
}
