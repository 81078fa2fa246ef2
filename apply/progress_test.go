package apply

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

func TestProgressBarLine(t *testing.T) {
	cases := []struct {
		rows, thisRun, estimate int64
		elapsed                 time.Duration
		want                    []string
		not                     []string
	}{
		{50000, 50000, 200000, 5 * time.Second, []string{"backfill public.t [######..................]  25%  50,000/~200,000 rows", "10,000 rows/s", "ETA 15s"}, nil},
		// a resumed run: the rate counts this run's rows only
		{150000, 50000, 200000, 5 * time.Second, []string{" 75%", "10,000 rows/s", "ETA 5s"}, nil},
		// more rows than estimated: capped at 100%, no ETA
		{250000, 250000, 200000, 5 * time.Second, []string{"[########################] 100%"}, []string{"ETA"}},
		{1234, 1234, 0, time.Second, []string{"1,234 rows (no row estimate", "1,234 rows/s"}, []string{"%", "ETA", "["}},
	}
	for _, c := range cases {
		got := progressBarLine("public.t", c.rows, c.thisRun, c.estimate, c.elapsed)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q lacks %q", got, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%q has %q", got, w)
			}
		}
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -45000: "-45,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestProgressBarRate: updates closer together than a tenth of a second
// are not drawn; clear erases the line once; finish ends it with a newline.
func TestProgressBarRate(t *testing.T) {
	var out bytes.Buffer
	p := newProgressBar(&out, "t")
	t0 := time.Unix(0, 0)
	for i := range 30 { // 30 updates 10 ms apart: 300 ms → 3 draws
		p.update(t0.Add(time.Duration(i)*10*time.Millisecond), int64(i), int64(i), 100, time.Second)
	}
	if n := strings.Count(out.String(), "\r"); n != 3 {
		t.Fatalf("%d draws in 300 ms, want 3:\n%q", n, out.String())
	}
	out.Reset()
	p.clear()
	p.clear()
	if out.String() != "\r\x1b[K" {
		t.Fatalf("clear wrote %q", out.String())
	}
	out.Reset()
	p.finish(100, 100, 100, time.Second)
	if !strings.HasPrefix(out.String(), "\r") || !strings.HasSuffix(out.String(), "\x1b[K\n") || !strings.Contains(out.String(), "100%") {
		t.Fatalf("finish wrote %q", out.String())
	}
}

func TestRemainingPlan(t *testing.T) {
	p := &planner.Plan{Phases: []planner.Phase{
		{Name: dialects.PhaseExpand, Steps: []planner.Step{{ID: 1}, {ID: 2}}},
		{Name: dialects.PhaseBackfill, Steps: []planner.Step{{ID: 3, Backfill: &dialects.Backfill{Table: schema.QName{Schema: "public", Name: "t"}}}}},
		{Name: dialects.PhaseContract, Steps: []planner.Step{{ID: 4}}},
	}}
	cases := []struct {
		phase string
		done  []int
		want  string
	}{
		{PhaseAll, []int{1}, "expand:2 backfill:3 contract:4"},
		{PhaseAll, []int{1, 2}, "backfill:3 contract:4"},
		{PhaseExpand, []int{1, 2}, "backfill:3"},
		{PhaseExpand, []int{1, 2, 3}, ""},
		{PhaseContract, nil, "contract:4"},
	}
	for _, c := range cases {
		// The done steps are split between an apply and the one that
		// resumed it: both count.
		resumed, resuming := ApplyRecord{Phase: c.phase}, ApplyRecord{Phase: c.phase}
		for i, id := range c.done {
			a := &resumed
			if i%2 == 1 {
				a = &resuming
			}
			a.Steps = append(a.Steps, StepRecord{ID: id, Outcome: StatusDone})
		}
		resumed.Steps = append(resumed.Steps, StepRecord{ID: 4, Outcome: StatusFailed})
		resuming.Steps = append(resuming.Steps, StepRecord{ID: 99, Outcome: StatusRunning})
		lin := &lineage{applies: []ApplyRecord{resuming, resumed}, plan: p}
		rest, err := remainingPlan(lin.plan, c.phase, lin.done())
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ph := range rest.Phases {
			for _, st := range ph.Steps {
				got = append(got, string(ph.Name)+":"+strconv.Itoa(st.ID))
			}
		}
		backfills := 0
		if strings.Contains(c.want, "backfill:3") {
			backfills = 1
		}
		if strings.Join(got, " ") != c.want || rest.Summary.Steps != len(got) || rest.Summary.Phases != len(rest.Phases) || rest.Summary.Backfills != backfills {
			t.Errorf("phase %s done %v: %q (summary %+v), want %q", c.phase, c.done, got, rest.Summary, c.want)
		}
	}
	if len(p.Phases) != 3 || len(p.Phases[0].Steps) != 2 {
		t.Fatal("remainingPlan changed the stored plan")
	}
}
