package apply

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/tidedb/tide/planner"
)

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
// tries it backs off exponentially. The last try is watched for the
// sessions blocking it (lockwait.go). It returns how many times it ran.
func (r *runner) retry(st planner.Step, what string, attempt func() error) (int, error) {
	for n := 1; ; n++ {
		last := n > r.opts.LockRetries
		var watch *lockWatch
		if last {
			watch = r.watchLockWait(st)
		}
		err := attempt()
		seen, werr := watch.end()
		if err == nil || !r.eng.retryable(err) {
			return n, err
		}
		if last {
			if werr != nil {
				r.logf("warning: step %d: watching its lock wait: %v", st.ID, werr)
			}
			return n, r.blocked(st, n, err, seen)
		}
		wait := backoff(n, r.opts.BackoffStart, r.opts.BackoffMax)
		r.logf("step %d: %s: %v (attempt %d of %d); retrying in %s", st.ID, what, err, n, r.opts.LockRetries+1, wait.Round(time.Millisecond))
		if !r.sleep(wait) {
			return n, fmt.Errorf("%w while waiting to retry %s", ErrInterrupted, what)
		}
	}
}
