package apply

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// A step that gives up after its last attempt names the sessions that
// blocked it. By then its statement was cancelled and waits for nothing, so
// the last attempt is watched while it runs: a second connection asks the
// server (dialects.LockWaitSQL) to wait until the step's session has been
// waiting for one lock for half the step's lock timeout — a wait that
// long is the one that times out, unless it is granted in the other half —
// and then reads who blocks it, while it still waits. That costs a fixed
// number of queries: the step session's id, then for each such wait one
// watch and one read of the blockers (one wait in all, normally).

// lockWatchGrace bounds how long the end of an attempt waits for a watch
// that is reading blockers to finish.
const lockWatchGrace = 5 * time.Second

// lockWait is what a watch saw: what the step's session waited for and
// the sessions that blocked it then.
type lockWait struct {
	Waiting  string
	Blockers []Blocker
}

// lockWatch watches one attempt of a step (see watchLockWait).
type lockWatch struct {
	cancel context.CancelFunc
	done   chan struct{}
	mu     sync.Mutex
	seen   *lockWait
	err    error
}

// watchLockWait starts watching the attempt about to run on the step's
// connection. It returns nil (and the step's failure then names the
// sessions holding locks on its tables) when the dialect cannot name
// blockers, the step has no lock timeout, or the step session's id cannot
// be read.
func (r *runner) watchLockWait(st planner.Step) *lockWatch {
	lw, ok := r.eng.sql.(dialects.LockWaitSQL)
	timeout, _ := time.ParseDuration(st.LockTimeout)
	if !ok || r.conn == nil || timeout <= 0 {
		return nil
	}
	var pid int64
	if err := r.conn.QueryRowContext(r.dbctx, lw.SessionID()).Scan(&pid); err != nil {
		r.logf("warning: step %d: cannot watch its lock waits: %v", st.ID, err)
		return nil
	}
	ctx, cancel := context.WithCancel(r.dbctx)
	w := &lockWatch{cancel: cancel, done: make(chan struct{})}
	go w.run(ctx, r.eng, lw, pid, max(timeout/2, time.Millisecond))
	return w
}

// run waits for long lock waits of session pid and records the blockers
// of the latest one, until the attempt ends (ctx) or the session's
// transaction does.
func (w *lockWatch) run(ctx context.Context, eng *engine, lw dialects.LockWaitSQL, pid int64, after time.Duration) {
	defer close(w.done)
	conn, err := eng.pool.Conn(ctx)
	if err != nil {
		w.fail(err)
		return
	}
	cancelled := false
	defer func() {
		// A connection whose query was cancelled may still receive the
		// server's cancellation: it is not given back to the pool.
		if cancelled {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}()
	for {
		var ready bool
		query, args := eng.bind(lw.WatchLockWait(), pid, after.Milliseconds())
		err := conn.QueryRowContext(ctx, query, args...).Scan(&ready)
		switch {
		case err == nil:
		case ctx.Err() != nil:
			cancelled = true
			return
		case errors.Is(err, sql.ErrNoRows):
			return // the session's transaction ended without a long wait
		default:
			w.fail(err)
			return
		}
		// The session still waits: read its blockers to the end, even if
		// the attempt ends meanwhile.
		seen, err := readLockWait(context.WithoutCancel(ctx), conn, eng, lw, pid)
		if err != nil {
			w.fail(err)
			return
		}
		if seen != nil {
			w.mu.Lock()
			w.seen = seen
			w.mu.Unlock()
		}
		if ctx.Err() != nil {
			return
		}
	}
}

func (w *lockWatch) fail(err error) {
	w.mu.Lock()
	w.err = err
	w.mu.Unlock()
}

// end stops watching once the attempt returned and reports what the watch
// saw: nil when it saw no long wait. A watch still reading blockers is
// given lockWatchGrace to finish.
func (w *lockWatch) end() (*lockWait, error) {
	if w == nil {
		return nil, nil
	}
	w.cancel()
	select {
	case <-w.done:
	case <-time.After(lockWatchGrace):
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seen, w.err
}

// readLockWait reads what session pid waits for and who blocks it; nil
// when it no longer waits.
func readLockWait(ctx context.Context, conn *sql.Conn, eng *engine, lw dialects.LockWaitSQL, pid int64) (*lockWait, error) {
	query, args := eng.bind(lw.LockWaitBlockers(), pid)
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read the sessions blocking the step: %w", err)
	}
	defer rows.Close()
	var out *lockWait
	for rows.Next() {
		var b Blocker
		var since sql.NullTime
		var waiting string
		if err := rows.Scan(&b.PID, &b.User, &b.Application, &b.Client, &b.State, &b.Locks, &since, &b.Query, &waiting); err != nil {
			return nil, fmt.Errorf("read the sessions blocking the step: %w", err)
		}
		b.Since = since.Time
		if out == nil {
			out = &lockWait{Waiting: waiting}
		}
		out.Blockers = append(out.Blockers, b)
	}
	return out, rows.Err()
}
