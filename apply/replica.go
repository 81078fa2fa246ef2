package apply

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// lagReader reads the largest replay lag of the database's replicas; known
// is false when no replica reports one (there is none, or all caught up).
type lagReader func() (lag time.Duration, known bool, err error)

// replicaThrottle holds a backfill back while replicas lag: before each
// batch, wait reads the lag and sleeps, poll by poll, while it exceeds max.
type replicaThrottle struct {
	max, poll time.Duration
	read      lagReader
	// sleep waits d and reports false when the run was interrupted.
	sleep func(d time.Duration) bool
	logf  func(format string, args ...any)
	// logEvery is how often a long pause is logged again.
	logEvery time.Duration
	warned   bool
}

// wait returns once no replica lags more than max (at once when max is 0 or
// the lag cannot be read, which is logged once), with the time it paused;
// ok is false when the run was interrupted while pausing.
func (t *replicaThrottle) wait() (waited time.Duration, ok bool) {
	if t.max <= 0 {
		return 0, true
	}
	var sinceLog time.Duration
	for {
		lag, known, err := t.read()
		if err != nil {
			if !t.warned {
				t.logf("warning: could not read the replicas' replay lag (%v); the backfill goes on without waiting for them", err)
				t.warned = true
			}
			return waited, true
		}
		if !known || lag <= t.max {
			if waited > 0 {
				t.logf("replica lag %s is within --max-replica-lag %s again; the backfill continues after pausing %s", lag.Round(time.Millisecond), t.max, waited.Round(time.Millisecond))
			}
			return waited, true
		}
		if waited == 0 || sinceLog >= t.logEvery {
			t.logf("replica lag %s exceeds --max-replica-lag %s; the backfill pauses until the replicas catch up", lag.Round(time.Millisecond), t.max)
			sinceLog = 0
		}
		if !t.sleep(t.poll) {
			return waited, false
		}
		waited += t.poll
		sinceLog += t.poll
	}
}

// readReplicaLag reads the largest replay lag through the apply session.
func (r *runner) readReplicaLag() (time.Duration, bool, error) {
	query := r.eng.sql.ReplicaLag()
	if query == "" {
		return 0, false, fmt.Errorf("a %s server does not know its replicas' replay lag (each replica knows its own)", r.eng.d.Name())
	}
	var secs sql.NullFloat64
	if err := r.sess.conn.QueryRowContext(r.dbctx, query).Scan(&secs); err != nil {
		return 0, false, err
	}
	if !secs.Valid {
		return 0, false, nil
	}
	return time.Duration(secs.Float64 * float64(time.Second)), true, nil
}

// replicaThrottle is the run's throttle for one backfill.
func (r *runner) replicaThrottle() *replicaThrottle {
	return &replicaThrottle{max: r.opts.MaxReplicaLag, poll: r.opts.ReplicaLagPoll, read: r.readReplicaLag,
		sleep: r.sleep, logf: r.logf, logEvery: 10 * time.Second}
}

// checkReplicaLagReadable reads the replicas' lag once before anything runs
// when MaxReplicaLag is set and the steps backfill, so that a lag tide
// cannot read stops the apply instead of being ignored.
func (r *runner) checkReplicaLagReadable(steps []planner.Step) error {
	if r.opts.MaxReplicaLag <= 0 {
		return nil
	}
	for _, st := range steps {
		if st.Backfill == nil {
			continue
		}
		if r.eng.sql.ReplicaLag() == "" {
			return fmt.Errorf("--max-replica-lag: a %s server does not know its replicas' replay lag (each replica knows its own); drop --max-replica-lag and pace the backfill with --batch-pause instead; nothing was changed", r.eng.d.Name())
		}
		lag, known, err := r.readReplicaLag()
		if err != nil {
			grant := "the privilege to read replication status"
			if p, ok := r.eng.sql.(dialects.ReplicaLagPrivilege); ok {
				grant = p.ReplicaLagGrant()
			}
			return fmt.Errorf("--max-replica-lag: cannot read the replicas' replay lag on %s: %w; grant %s to this user or drop --max-replica-lag; nothing was changed", r.eng.target, err, grant)
		}
		if known {
			r.logf("replicas: largest replay lag now %s (backfills pause above %s)", lag.Round(time.Millisecond), r.opts.MaxReplicaLag)
		} else {
			r.logf("replicas: none reports a replay lag (no replica, or every one is caught up); backfills pause if one lags more than %s", r.opts.MaxReplicaLag)
		}
		return nil
	}
	return nil
}
