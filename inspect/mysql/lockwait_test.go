package mysql

import (
	"context"
	"database/sql"
	sqldriver "database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	driver "github.com/go-sql-driver/mysql"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
	"github.com/tidedb/tide/schema"
)

// openCounting opens the database at url counting inspection attempts.
func openCounting(t *testing.T, url string) (*Database, *atomic.Int64) {
	t.Helper()
	cfg, err := parseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	db, err := openConfig(context.Background(), cfg, cfg.DBName, false, func(c sqldriver.Connector) sqldriver.Connector {
		return countingConnector{Connector: c, n: &n, match: "FROM information_schema.TABLES"} // one per inspection attempt
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, &n
}

// session is a connection of its own to a test database.
type session struct {
	conn *sql.Conn
	id   int64
}

func newSession(t *testing.T, url string) *session {
	t.Helper()
	ctx := context.Background()
	c, err := mytest.Open(t, url).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	s := &session{conn: c}
	if err := c.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&s.id); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *session) exec(t *testing.T, stmt string) {
	t.Helper()
	if _, err := s.conn.ExecContext(context.Background(), stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

// waitForState waits until session id is in state (PROCESSLIST).
func waitForState(t *testing.T, url string, id int64, state string) {
	t.Helper()
	db := mytest.Open(t, url)
	for range 400 {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND STATE = ?", id, state).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("session %d never reached state %q", id, state)
}

// exclusiveLockOnA makes a session hold an EXCLUSIVE metadata lock on table
// a of a new database for as long as another session keeps a transaction
// open on b: a RENAME TABLE that renames a and b and back takes the locks
// of a (and its temporary name) first, then waits for b's. commit ends the
// transaction, and so lets the rename finish, leaving the tables as they
// were. It returns the database's URL and the renaming session.
func exclusiveLockOnA(t *testing.T) (url string, renamer *session, commit func()) {
	t.Helper()
	url = mytest.NewDB(t)
	mytest.Exec(t, url, "CREATE TABLE a (id int PRIMARY KEY, v int); CREATE TABLE b (id int PRIMARY KEY)")
	reader := newSession(t, url)
	reader.exec(t, "BEGIN")
	reader.exec(t, "SELECT * FROM b")
	renamer = newSession(t, url)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = renamer.conn.ExecContext(context.Background(), "SET SESSION lock_wait_timeout = 120")
		_, _ = renamer.conn.ExecContext(context.Background(), "RENAME TABLE a TO a_tmp, a_tmp TO a, b TO b_tmp, b_tmp TO b")
	}()
	var once atomic.Bool
	commit = func() {
		if once.CompareAndSwap(false, true) {
			reader.exec(t, "COMMIT")
		}
	}
	t.Cleanup(func() { commit(); <-done })
	waitForState(t, url, renamer.id, "Waiting for table metadata lock")
	return url, renamer, commit
}

// requireMySQLLockWaitError checks the error of an inspection that gave up
// after lock timeouts of 1s, naming session id with locks.
func requireMySQLLockWaitError(t *testing.T, err error, elapsed time.Duration, id int64, locks string) *inspect.LockWaitError {
	t.Helper()
	t.Logf("after %s: %v", elapsed, err)
	var lw *inspect.LockWaitError
	if !errors.As(err, &lw) {
		t.Fatalf("err = %v after %s, want an *inspect.LockWaitError", err, elapsed)
	}
	if lo, hi := 3*time.Second, 3*time.Second+1125*time.Millisecond+10*time.Second; elapsed < lo || elapsed > hi {
		t.Errorf("gave up after %s, want between %s and %s", elapsed, lo, hi)
	}
	var me *driver.MySQLError
	if !errors.As(err, &me) || me.Number != 1205 {
		t.Errorf("the error does not wrap the lock wait timeout (1205): %v", err)
	}
	found := false
	for _, b := range lw.Blockers {
		found = found || b.PID == id && strings.Contains(b.Locks, locks)
	}
	if !found || !strings.Contains(err.Error(), fmt.Sprintf("pid %d ", id)) {
		t.Errorf("the error does not name session %d (%s):\n%v", id, locks, err)
	}
	return lw
}

// TestInspectGivesUpBehindExclusiveMetadataLock: information_schema waits
// for a table whose EXCLUSIVE metadata lock another session holds, and
// then leaves it out with a warning; the inspection sees the warning, tries
// again and gives up within its bound, naming the session that may hold
// the lock and saying how to know (the plugin).
func TestInspectGivesUpBehindExclusiveMetadataLock(t *testing.T) {
	mytest.MetadataLockInfo(t, false)
	url, renamer, _ := exclusiveLockOnA(t)
	db, _ := openCounting(t, url)
	start := time.Now()
	_, err := db.Inspect(context.Background(), inspect.Options{LockTimeout: time.Second})
	lw := requireMySQLLockWaitError(t, err, time.Since(start), renamer.id, "waits for a metadata lock")
	if !strings.Contains(lw.Hint, "INSTALL SONAME 'metadata_lock_info'") {
		t.Errorf("hint %q does not suggest the plugin", lw.Hint)
	}
}

// TestInspectNamesExclusiveHolderWithPlugin: with the metadata_lock_info
// plugin, the session holding the EXCLUSIVE lock is named with it.
func TestInspectNamesExclusiveHolderWithPlugin(t *testing.T) {
	mytest.MetadataLockInfo(t, true)
	url, renamer, _ := exclusiveLockOnA(t)
	db, _ := openCounting(t, url)
	start := time.Now()
	_, err := db.Inspect(context.Background(), inspect.Options{LockTimeout: time.Second})
	name := strings.TrimPrefix(url[strings.LastIndex(url, "/"):], "/")
	requireMySQLLockWaitError(t, err, time.Since(start), renamer.id, "holds MDL_EXCLUSIVE on "+name+".a")
}

// TestInspectSucceedsWhenMetadataLockReleasedDuringRetries: the lock goes
// after the first attempt timed out; a later attempt reads the tables
// whole.
func TestInspectSucceedsWhenMetadataLockReleasedDuringRetries(t *testing.T) {
	url, _, commit := exclusiveLockOnA(t)
	db, attempts := openCounting(t, url)
	go func() {
		time.Sleep(1500 * time.Millisecond)
		commit()
	}()
	start := time.Now()
	s, err := db.Inspect(context.Background(), inspect.Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatalf("Inspect after %s: %v", time.Since(start), err)
	}
	if n := attempts.Load(); n < 2 {
		t.Errorf("Inspect made %d attempt(s) in %s: the first should have timed out after 1s and been retried", n, time.Since(start))
	}
	a := s.Table(schema.QName{Schema: db.name, Name: "a"})
	if a == nil || len(a.Columns) != 2 || s.Table(schema.QName{Schema: db.name, Name: "b"}) == nil {
		t.Errorf("tables: %+v", s.Tables)
	}
}

// TestInspectRestoresLockWaitTimeout: the connection an inspection used
// goes back to the pool with its own lock_wait_timeout.
func TestInspectRestoresLockWaitTimeout(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY)")
	db := openTest(t, url)
	db.pool.SetMaxOpenConns(1) // the inspection's connection is the one read after it
	var before, after int64
	if err := db.pool.QueryRow("SELECT @@SESSION.lock_wait_timeout").Scan(&before); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Inspect(context.Background(), inspect.Options{LockTimeout: 3 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if err := db.pool.QueryRow("SELECT @@SESSION.lock_wait_timeout").Scan(&after); err != nil {
		t.Fatal(err)
	}
	if before == 3 || after != before {
		t.Errorf("lock_wait_timeout %d before the inspection, %d after", before, after)
	}
}

// TestTableLockNote: without the plugin, a table held by LOCK TABLES …
// WRITE outside a transaction is said to be locked, with the sessions
// waiting for it, and the plugin is suggested; a table nobody uses has no
// note.
func TestTableLockNote(t *testing.T) {
	mytest.MetadataLockInfo(t, false)
	url := mytest.NewDB(t)
	mytest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE free (id int PRIMARY KEY)")
	db := openTest(t, url)
	holder := newSession(t, url)
	waiter := newSession(t, url)
	holder.exec(t, "LOCK TABLES t WRITE")
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = waiter.conn.ExecContext(context.Background(), "ALTER TABLE t ADD COLUMN v int")
	}()
	t.Cleanup(func() { <-done })
	t.Cleanup(func() { holder.exec(t, "UNLOCK TABLES") })
	waitForState(t, url, waiter.id, "Waiting for table metadata lock")
	ctx := context.Background()
	conn, err := db.pool.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	note, err := db.TableLockNote(ctx, conn, schema.QName{Schema: db.name, Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{db.name + ".t is locked", "counts 1 table lock", fmt.Sprintf("session(s) %d wait", waiter.id), "INSTALL SONAME 'metadata_lock_info'"} {
		if !strings.Contains(note, want) {
			t.Errorf("note lacks %q: %s", want, note)
		}
	}
	if note, err := db.TableLockNote(ctx, conn, schema.QName{Schema: db.name, Name: "free"}); err != nil || note != "" {
		t.Errorf("note on a free table: %q, %v", note, err)
	}
}
