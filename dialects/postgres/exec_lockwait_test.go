package postgres

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// lockWaitDB is a test database with table t and three sessions on it:
// holder, waiter and the watcher that runs the queries under test.
type lockWaitDB struct {
	holder, waiter, watcher *pgx.Conn
	waiterPID               int64
}

func newLockWaitDB(t *testing.T) *lockWaitDB {
	t.Helper()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY)")
	conn := func(name string) *pgx.Conn {
		c, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close(context.Background()) })
		if _, err := c.Exec(context.Background(), "SET application_name = '"+name+"'"); err != nil {
			t.Fatal(err)
		}
		return c
	}
	db := &lockWaitDB{holder: conn("holder"), waiter: conn("waiter"), watcher: conn("watcher")}
	if err := db.waiter.QueryRow(context.Background(), Dialect{}.SessionID()).Scan(&db.waiterPID); err != nil {
		t.Fatal(err)
	}
	return db
}

// watch runs WatchLockWait for the waiter with ms and reports whether it
// returned its row, and how long it took.
func (db *lockWaitDB) watch(t *testing.T, ms int) (bool, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	var ready bool
	err := db.watcher.QueryRow(ctx, Dialect{}.WatchLockWait(), db.waiterPID, ms).Scan(&ready)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, time.Since(start)
	}
	if err != nil {
		t.Fatal(err)
	}
	return ready, time.Since(start)
}

// TestWatchLockWait: the watch returns once the session has waited for a
// lock for the given time, then the blockers query names the holder and
// what the session requests; it ends without a row when the session's
// transaction ends without such a wait, and soon when the session is idle
// all along.
func TestWatchLockWait(t *testing.T) {
	ctx := context.Background()
	t.Run("long wait", func(t *testing.T) {
		db := newLockWaitDB(t)
		if _, err := db.holder.Exec(ctx, "BEGIN; LOCK TABLE t IN SHARE MODE"); err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() {
			_, err := db.waiter.Exec(ctx, "SET lock_timeout = '3s'; LOCK TABLE t IN EXCLUSIVE MODE")
			waited <- err
		}()
		ready, took := db.watch(t, 300)
		if !ready || took < 300*time.Millisecond || took > 2500*time.Millisecond {
			t.Fatalf("watch: ready %v after %s, want true after 300 ms of waiting", ready, took)
		}
		rows, err := db.watcher.Query(ctx, Dialect{}.LockWaitBlockers(), db.waiterPID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var pid int64
			var user, app, client, state, lock, query, waiting string
			var since *time.Time
			if err := rows.Scan(&pid, &user, &app, &client, &state, &lock, &since, &query, &waiting); err != nil {
				t.Fatal(err)
			}
			got = append(got, app+": "+lock+" / "+waiting+" / "+state)
			if since == nil {
				t.Errorf("blocker %d: no transaction start", pid)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		want := "holder: holds ShareLock on public.t / ExclusiveLock on public.t / idle in transaction"
		if len(got) != 1 || got[0] != want {
			t.Fatalf("blockers %q, want %q", got, want)
		}
		if _, err := db.holder.Exec(ctx, "ROLLBACK"); err != nil {
			t.Fatal(err)
		}
		if err := <-waited; err != nil {
			t.Fatal(err)
		}
		// No longer waiting: no blocker.
		var n int
		if err := db.watcher.QueryRow(ctx, "SELECT count(*) FROM ("+Dialect{}.LockWaitBlockers()+") b", db.waiterPID).Scan(&n); err != nil || n != 0 {
			t.Fatalf("blockers of a session that waits for nothing: %d %v", n, err)
		}
	})
	t.Run("transaction ends without a long wait", func(t *testing.T) {
		db := newLockWaitDB(t)
		done := make(chan error, 1)
		go func() {
			_, err := db.waiter.Exec(ctx, "BEGIN; SELECT pg_sleep(0.4); COMMIT")
			done <- err
		}()
		ready, took := db.watch(t, 2000)
		if ready || took > 1500*time.Millisecond {
			t.Fatalf("watch: ready %v after %s, want no row soon after the transaction's end", ready, took)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
	t.Run("idle all along", func(t *testing.T) {
		db := newLockWaitDB(t)
		ready, took := db.watch(t, 200)
		if ready || took < 200*time.Millisecond || took > 2*time.Second {
			t.Fatalf("watch: ready %v after %s, want no row after about 200 ms", ready, took)
		}
	})
}
