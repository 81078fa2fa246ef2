package apply

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tidedb/tide/planner"
)

// Blocker is another session holding a lock on the table a step waited for.
type Blocker struct {
	PID         int64
	User        string
	Application string
	Client      string
	State       string
	// Locks lists the lock modes it holds on the table.
	Locks string
	// Since is when its transaction began (zero when none is open).
	Since time.Time
	Query string
}

// BlockedError says a step still timed out waiting for its lock after every
// retry, and who held locks on its table when tide gave up.
type BlockedError struct {
	Step     planner.Step
	Table    string
	Attempts int
	Blockers []Blocker
	Err      error
}

func (e *BlockedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "could not get the lock for step %d (%s) after %d attempts: %v", e.Step.ID, e.Step.Object, e.Attempts, e.Err)
	switch {
	case e.Table == "":
		b.WriteString("; tide cannot tell which table the step waits for, look for long transactions in the server's activity view")
	case len(e.Blockers) == 0:
		fmt.Fprintf(&b, "; no other session holds a lock on %s now (the blocker finished, or held a table the step also needs)", e.Table)
	default:
		fmt.Fprintf(&b, "; sessions holding locks on %s:", e.Table)
		for _, s := range e.Blockers {
			app := s.Application
			if app == "" {
				app = "(no application_name)"
			}
			since := "no open transaction"
			if !s.Since.IsZero() {
				since = "transaction open since " + s.Since.Format(time.RFC3339) + fmt.Sprintf(" (%s)", time.Since(s.Since).Round(time.Second))
			}
			fmt.Fprintf(&b, "\n    pid %d  user %s  application %s  from %s  state %s  holds %s  %s\n      query: %s",
				s.PID, s.User, app, s.Client, s.State, s.Locks, since, oneLine(s.Query))
		}
		b.WriteString("\n  end those transactions (or wait for them) and run apply again; raise --lock-retries or --lock-timeout to wait longer")
	}
	return b.String()
}

// Unwrap returns the last lock-timeout error.
func (e *BlockedError) Unwrap() error { return e.Err }

// backoff is the wait before retry n (1-based): start·2^(n-1) capped at max,
// with jitter: a random duration in [d/2, d].
func backoff(n int, start, max time.Duration) time.Duration {
	d := start
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// sleep waits d unless the run is interrupted first; it reports whether the
// full wait elapsed.
func (r *runner) sleep(d time.Duration) bool {
	if d <= 0 {
		return r.ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.ctx.Done():
		return false
	}
}

// retry runs attempt until it succeeds, fails with an error that retrying
// will not fix, or has hit the lock timeout LockRetries+1 times; between
// tries it backs off exponentially. It returns how many times it ran.
func (r *runner) retry(st planner.Step, what string, attempt func() error) (int, error) {
	for n := 1; ; n++ {
		err := attempt()
		if err == nil || !r.eng.retryable(err) {
			return n, err
		}
		if n > r.opts.LockRetries {
			return n, r.blocked(st, n, err)
		}
		wait := backoff(n, r.opts.BackoffStart, r.opts.BackoffMax)
		r.logf("step %d: %s: %v (attempt %d of %d); retrying in %s", st.ID, what, err, n, r.opts.LockRetries+1, wait.Round(time.Millisecond))
		if !r.sleep(wait) {
			return n, fmt.Errorf("%w while waiting to retry %s", ErrInterrupted, what)
		}
	}
}

// stepTable guesses the table a step locks: its backfill's table, else the
// first two parts of its object (schema.table[.column…]).
func stepTable(st planner.Step) (string, string, bool) {
	if st.Backfill != nil {
		return st.Backfill.Table.Schema, st.Backfill.Table.Name, true
	}
	parts := strings.Split(st.Object, ".")
	if len(parts) < 2 {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// blocked builds the BlockedError of a step that gave up, naming the
// sessions that hold locks on its table.
func (r *runner) blocked(st planner.Step, attempts int, err error) error {
	e := &BlockedError{Step: st, Attempts: attempts, Err: err}
	sch, table, ok := stepTable(st)
	if !ok {
		return e
	}
	e.Table = sch + "." + table
	rows, qerr := r.sess.conn.QueryContext(r.dbctx, r.eng.sql.BlockingSessions(), sch, table)
	if qerr != nil {
		r.logf("warning: could not list the sessions blocking %s: %v", e.Table, qerr)
		return e
	}
	defer rows.Close()
	for rows.Next() {
		var b Blocker
		var since sql.NullTime
		if err := rows.Scan(&b.PID, &b.User, &b.Application, &b.Client, &b.State, &b.Locks, &since, &b.Query); err != nil {
			r.logf("warning: could not list the sessions blocking %s: %v", e.Table, err)
			return e
		}
		b.Since = since.Time
		e.Blockers = append(e.Blockers, b)
	}
	return e
}
