package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	pgdialect "github.com/tidedb/tide/dialects/postgres"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/schema"
)

// An inspection must never wait without end. The catalog reads take no
// lock of their own, but the server's deparsing functions do: they open the
// relation whose definition they print with ACCESS SHARE, which waits
// behind an ACCESS EXCLUSIVE lock that another session holds on it or is
// queued for (an ALTER TABLE waiting behind a long reader). The queries
// that call them are the views query (pg_get_viewdef locks every relation
// the view reads), the check constraints (pg_get_expr of conbin), partial
// index predicates and index expressions (pg_get_expr, pg_get_indexdef),
// generated column expressions, and table sizes (pg_total_relation_size —
// skipped for a table with an ACCESS EXCLUSIVE lock held or queued when the
// tables query starts, whose size is then estimated from pg_class; see
// queryTables). Defaults are printed without their table and take no lock;
// format_type, regclass output and the catalogs themselves take none.
//
// So both connections of an inspection set lock_timeout, and an attempt
// that times out is tried again after a pause (inspect.LockAttempts in
// all). The last attempt is watched from another connection of the pool:
// while it runs, the watch asks the server a few times per lock timeout
// whether either of its sessions waits for a lock and, if so, which
// sessions block it (pg_blocking_pids, the executor's query, see
// dialects/postgres), so that the error can name them — once the wait has
// timed out, the server no longer knows what it was. The watch adds no
// query to an inspection that does not time out.

// lockTimeoutError is a catalog read cancelled by lock_timeout (55P03).
type lockTimeoutError struct {
	what string // the read: "views", "constraints", …
	err  *pgconn.PgError
}

func (e *lockTimeoutError) Error() string {
	return fmt.Sprintf("read %s: %s (SQLSTATE %s)", e.what, e.err.Message, e.err.Code)
}

func (e *lockTimeoutError) Unwrap() error { return e.err }

// readErr is wrapErr for catalog read what, keeping a lock timeout typed.
func (d *Database) readErr(what string, err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == sqlstateLockNotAvailable {
		return &lockTimeoutError{what: what, err: pgErr}
	}
	return d.wrapErr("read "+what, err)
}

// Inspect implements inspect.Database (see inspectOnce), with the lock
// waits of each attempt bounded by opts.LockTimeout (see above): when
// every attempt timed out, it returns an *inspect.LockWaitError naming
// what the last one waited for and the sessions that blocked it.
func (d *Database) Inspect(ctx context.Context, opts inspect.Options) (*schema.Schema, error) {
	if !d.version.AtLeast(11, 0) {
		return nil, fmt.Errorf("inspect %s: tide needs PostgreSQL 11 or later, the server is %s", d.Target(), d.version)
	}
	timeout := inspect.LockTimeoutOf(opts)
	for attempt := 1; ; attempt++ {
		out, seen, err := d.inspectOnce(ctx, opts, timeout, attempt == inspect.LockAttempts)
		var lt *lockTimeoutError
		if err == nil || !errors.As(err, &lt) {
			return out, err
		}
		if attempt == inspect.LockAttempts {
			return nil, d.lockWaitError(ctx, timeout, attempt, lt, seen)
		}
		select {
		case <-time.After(inspect.LockBackoff(attempt)):
		case <-ctx.Done():
			return nil, err
		}
	}
}

// lockTimeoutSetting is the lock_timeout value for a duration, in whole
// milliseconds (at least one: 0 would mean no limit).
func lockTimeoutSetting(timeout time.Duration) string {
	return fmt.Sprintf("%dms", max(timeout.Milliseconds(), 1))
}

// lockWait is what a watch saw a session of the inspection wait for, and
// who blocked it.
type lockWait struct {
	waiting  string
	blockers []inspect.LockHolder
}

// lockWatch watches the sessions of one inspection attempt for lock waits.
// A nil *lockWatch watches nothing.
type lockWatch struct {
	cancel context.CancelFunc
	done   chan struct{}
	mu     sync.Mutex
	pids   []uint32
	seen   *lockWait
}

// lockWatchGrace bounds how long the end of an attempt waits for the watch
// to stop.
const lockWatchGrace = 2 * time.Second

// watchLockWaits starts a watch on a connection of its own, polling every
// third of the lock timeout (between 10 ms and 1 s): a wait that times out
// lasts the whole timeout, so it is seen at least twice.
func (d *Database) watchLockWaits(ctx context.Context, timeout time.Duration) *lockWatch {
	ctx, cancel := context.WithCancel(ctx)
	w := &lockWatch{cancel: cancel, done: make(chan struct{})}
	go w.run(ctx, d, min(max(timeout/3, 10*time.Millisecond), time.Second))
	return w
}

// add makes the watch watch session pid.
func (w *lockWatch) add(pid uint32) {
	if w == nil {
		return
	}
	w.mu.Lock()
	w.pids = append(w.pids, pid)
	w.mu.Unlock()
}

// run polls until the attempt ends, keeping the latest wait seen: the one
// that timed out, if one did.
func (w *lockWatch) run(ctx context.Context, d *Database, every time.Duration) {
	defer close(w.done)
	conn, err := d.pool.Conn(ctx)
	if err != nil {
		return // the error then names the sessions holding ACCESS EXCLUSIVE locks
	}
	defer func() {
		// A connection whose query was cancelled may still receive the
		// server's cancellation: it is not given back to the pool.
		if ctx.Err() != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}()
	for {
		select {
		case <-time.After(every):
		case <-ctx.Done():
			return
		}
		w.mu.Lock()
		pids := append([]uint32(nil), w.pids...)
		w.mu.Unlock()
		for _, pid := range pids {
			seen, err := readLockWait(ctx, conn, pid)
			if err != nil {
				return
			}
			if seen != nil {
				w.mu.Lock()
				w.seen = seen
				w.mu.Unlock()
			}
		}
	}
}

// end stops the watch and returns the latest wait it saw, nil if none.
func (w *lockWatch) end() *lockWait {
	if w == nil {
		return nil
	}
	w.cancel()
	select {
	case <-w.done:
	case <-time.After(lockWatchGrace):
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seen
}

// readLockWait reads what session pid waits for and who blocks it, with
// the executor's query; nil when it waits for nothing.
func readLockWait(ctx context.Context, conn *sql.Conn, pid uint32) (*lockWait, error) {
	rows, err := conn.QueryContext(ctx, pgdialect.Dialect{}.LockWaitBlockers(), int64(pid))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out *lockWait
	for rows.Next() {
		var h inspect.LockHolder
		var since sql.NullTime
		var waiting string
		if err := rows.Scan(&h.PID, &h.User, &h.Application, &h.Client, &h.State, &h.Locks, &since, &h.Query, &waiting); err != nil {
			return nil, err
		}
		h.Since = since.Time
		if out == nil {
			out = &lockWait{waiting: waiting}
		}
		out.blockers = append(out.blockers, h)
	}
	return out, rows.Err()
}

// queryExclusiveHolders lists the other sessions holding or queued for an
// ACCESS EXCLUSIVE lock on a relation of this database — the only mode
// that blocks an inspection — as the executor's blocker rows.
const queryExclusiveHolders = `SELECT a.pid::bigint, coalesce(a.usename::text, ''), coalesce(a.application_name, ''),
       coalesce(host(a.client_addr), 'local socket'), coalesce(a.state, ''),
       string_agg(CASE WHEN l.granted THEN 'holds ' ELSE 'is queued for ' END || l.mode || ' on '
                  || coalesce((SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                WHERE c.oid = l.relation), 'relation ' || l.relation), ', ' ORDER BY l.relation),
       a.xact_start, left(coalesce(a.query, ''), 200)
  FROM pg_locks l
  JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.pid <> pg_backend_pid()
   AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
 GROUP BY a.pid, a.usename, a.application_name, a.client_addr, a.state, a.xact_start, a.query
 ORDER BY a.xact_start NULLS LAST, a.pid`

// exclusiveHolders runs queryExclusiveHolders.
func (d *Database) exclusiveHolders(ctx context.Context) ([]inspect.LockHolder, error) {
	rows, err := d.pool.QueryContext(ctx, queryExclusiveHolders)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspect.LockHolder
	for rows.Next() {
		var h inspect.LockHolder
		var since sql.NullTime
		if err := rows.Scan(&h.PID, &h.User, &h.Application, &h.Client, &h.State, &h.Locks, &since, &h.Query); err != nil {
			return nil, err
		}
		h.Since = since.Time
		out = append(out, h)
	}
	return out, rows.Err()
}

// lockWaitError builds the error of an inspection whose every attempt
// timed out: the blockers the watch saw or, when it saw none, the sessions
// holding or queued for an ACCESS EXCLUSIVE lock in the database now.
func (d *Database) lockWaitError(ctx context.Context, timeout time.Duration, attempts int, lt *lockTimeoutError, seen *lockWait) error {
	e := &inspect.LockWaitError{Target: d.Target(), Timeout: timeout, Attempts: attempts, Err: lt}
	if seen != nil {
		e.Waiting = seen.waiting + " while reading " + lt.what
		e.Blockers = seen.blockers
		return e
	}
	e.Waiting = "a lock while reading " + lt.what
	holders, err := d.exclusiveHolders(ctx)
	switch {
	case err != nil:
		e.Hint = "listing the sessions holding ACCESS EXCLUSIVE locks failed too: " + d.scrub(err.Error())
	case len(holders) > 0:
		e.Blockers = holders
		e.Hint = "tide did not see the wait itself: these are the sessions holding or queued for ACCESS EXCLUSIVE locks in the database now"
	}
	return e
}
