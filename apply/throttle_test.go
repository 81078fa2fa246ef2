package apply

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// fakeLag returns the lags in order, then the last one forever.
type fakeLag struct {
	lags  []time.Duration // negative = no replica reports a lag
	err   error
	reads int
}

func (f *fakeLag) read() (time.Duration, bool, error) {
	if f.err != nil {
		return 0, false, f.err
	}
	i := min(f.reads, len(f.lags)-1)
	f.reads++
	if f.lags[i] < 0 {
		return 0, false, nil
	}
	return f.lags[i], true, nil
}

func TestReplicaThrottle(t *testing.T) {
	s := time.Second
	cases := []struct {
		name      string
		max       time.Duration
		lags      []time.Duration
		err       error
		interrupt int // sleep number that reports an interruption (0 = none)
		wantWait  time.Duration
		wantOK    bool
		wantReads int
		wantLog   []string
	}{
		{name: "off", max: 0, lags: []time.Duration{time.Hour}, wantOK: true, wantReads: 0},
		{name: "no replica", max: s, lags: []time.Duration{-1}, wantOK: true, wantReads: 1},
		{name: "within the limit", max: s, lags: []time.Duration{s}, wantOK: true, wantReads: 1},
		{name: "lagging then caught up", max: s, lags: []time.Duration{5 * s, 3 * s, 2 * s, s / 2}, wantWait: 3 * s, wantOK: true, wantReads: 4,
			wantLog: []string{"replica lag 5s exceeds --max-replica-lag 1s", "within --max-replica-lag 1s again", "after pausing 3s"}},
		{name: "replica goes away", max: s, lags: []time.Duration{4 * s, -1}, wantWait: s, wantOK: true, wantReads: 2},
		{name: "interrupted while pausing", max: s, lags: []time.Duration{9 * s}, interrupt: 2, wantWait: s, wantOK: false, wantReads: 2},
		{name: "unreadable", max: s, err: errors.New("permission denied"), wantOK: true, wantReads: 0,
			wantLog: []string{"could not read the replicas' replay lag (permission denied)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := &fakeLag{lags: c.lags, err: c.err}
			var log []string
			sleeps := 0
			th := &replicaThrottle{max: c.max, poll: s, read: src.read, logEvery: 10 * s,
				sleep: func(d time.Duration) bool {
					sleeps++
					return sleeps != c.interrupt
				},
				logf: func(f string, a ...any) { log = append(log, fmt.Sprintf(f, a...)) }}
			waited, ok := th.wait()
			if waited != c.wantWait || ok != c.wantOK || src.reads != c.wantReads {
				t.Fatalf("wait() = %s, %v after %d reads; want %s, %v after %d", waited, ok, src.reads, c.wantWait, c.wantOK, c.wantReads)
			}
			all := strings.Join(log, "\n")
			for _, w := range c.wantLog {
				if !strings.Contains(all, w) {
					t.Errorf("log lacks %q:\n%s", w, all)
				}
			}
			if c.wantWait == 0 && c.err == nil && all != "" {
				t.Errorf("logged without pausing:\n%s", all)
			}
		})
	}
	// A long pause is logged again every logEvery, not at every poll.
	src := &fakeLag{lags: append(make([]time.Duration, 0), 30*s, 30*s, 30*s, 30*s, 30*s, 30*s, 30*s, 30*s, 30*s, 30*s, 30*s, 30*s, 0)}
	n := 0
	th := &replicaThrottle{max: s, poll: s, read: src.read, logEvery: 5 * s, sleep: func(time.Duration) bool { return true },
		logf: func(f string, a ...any) {
			if strings.Contains(f, "exceeds") {
				n++
			}
		}}
	if waited, _ := th.wait(); waited != 12*s || n != 3 {
		t.Fatalf("12 polls of lag: waited %s and logged %d times, want 12s and 3 times", waited, n)
	}
	// The warning about an unreadable lag comes once per backfill.
	var warn int
	th = &replicaThrottle{max: s, poll: s, read: (&fakeLag{err: errors.New("x")}).read, sleep: func(time.Duration) bool { return true },
		logf: func(string, ...any) { warn++ }}
	th.wait()
	th.wait()
	if warn != 1 {
		t.Fatalf("warned %d times, want once", warn)
	}
}
