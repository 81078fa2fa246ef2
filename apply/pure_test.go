package apply

import (
	"strings"
	"testing"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

func TestBackoff(t *testing.T) {
	cases := []struct {
		n        int
		min, max time.Duration
	}{
		{1, 100 * time.Millisecond, 200 * time.Millisecond},
		{2, 200 * time.Millisecond, 400 * time.Millisecond},
		{4, 800 * time.Millisecond, 1600 * time.Millisecond},
		{10, 5 * time.Second, 10 * time.Second},
		{60, 5 * time.Second, 10 * time.Second},
	}
	for _, c := range cases {
		for range 50 {
			if d := backoff(c.n, 200*time.Millisecond, 10*time.Second); d < c.min || d > c.max {
				t.Fatalf("backoff(%d) = %s, want within [%s, %s]", c.n, d, c.min, c.max)
			}
		}
	}
}

func TestAdaptBatch(t *testing.T) {
	target := 200 * time.Millisecond
	cases := []struct {
		size, minSize, maxSize int
		took                   time.Duration
		want                   int
	}{
		{1000, 100, 5000, 50 * time.Millisecond, 1500},  // much faster: at most ×1.5
		{1000, 100, 5000, 160 * time.Millisecond, 1250}, // a little faster: proportional
		{1000, 100, 5000, 500 * time.Millisecond, 500},  // much slower: at most halved
		{1000, 100, 5000, 250 * time.Millisecond, 800},  // a little slower: proportional
		{150, 100, 5000, time.Second, 100},              // never below the minimum
		{4000, 100, 5000, time.Millisecond, 5000},       // never above the cap (--batch-size)
		{40000, 100, MaxBatchSize, 0, MaxBatchSize},     // nor above MaxBatchSize
		{1000, 100, 5000, target, 1000},                 // on target: unchanged
	}
	for _, c := range cases {
		if got := adaptBatch(c.size, c.took, target, c.minSize, c.maxSize); got != c.want {
			t.Errorf("adaptBatch(%d, %s) = %d, want %d", c.size, c.took, got, c.want)
		}
	}
	if got := adaptBatch(1000, time.Millisecond, -1, 100, 5000); got != 1000 {
		t.Errorf("fixed batch size changed to %d", got)
	}
}

func TestProgressLine(t *testing.T) {
	got := progressLine("public.t", 2500, 2000, 10000, 2*time.Second)
	for _, want := range []string{"public.t: 2500 rows", "of ~10000 (25%)", "1000 rows/s", "ETA 8s"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if got := progressLine("t", 10, 10, -1, time.Second); strings.Contains(got, "ETA") || strings.Contains(got, "%") {
		t.Errorf("no estimate, yet %q", got)
	}
}

// TestStepKey: the key ignores the step id and batch size (both change
// when the plan is recomputed) but not what the backfill does.
func TestStepKey(t *testing.T) {
	b := func(set string, size int) *dialects.Backfill {
		return &dialects.Backfill{Table: schema.QName{Schema: "public", Name: "t"}, Key: []string{"id"}, Set: []dialects.Assignment{{Column: "n", Expr: set}}, BatchSize: size}
	}
	base := planner.Step{ID: 3, Object: "public.t.n", Change: "add_column", Backfill: b("1", 100)}
	moved := base
	moved.ID, moved.Backfill = 1, b("1", 5000)
	other := base
	other.Backfill = b("2", 100)
	if stepKey(base) != stepKey(moved) {
		t.Error("step id or batch size changed the key")
	}
	if stepKey(base) == stepKey(other) {
		t.Error("a different assignment kept the key")
	}
}

func TestSelected(t *testing.T) {
	p := &planner.Plan{Phases: []planner.Phase{
		{Name: dialects.PhaseExpand, Steps: []planner.Step{{ID: 1}}},
		{Name: dialects.PhaseBackfill, Steps: []planner.Step{{ID: 2}}},
		{Name: dialects.PhaseContract, Steps: []planner.Step{{ID: 3}}},
	}}
	for phase, want := range map[string]int{"": 3, PhaseAll: 3, PhaseExpand: 2, PhaseContract: 1} {
		got, err := Selected(p, phase)
		if err != nil || len(got) != want {
			t.Errorf("Selected(%q) = %d steps, %v; want %d", phase, len(got), err, want)
		}
	}
	if _, err := Selected(p, "later"); err == nil {
		t.Error("unknown phase accepted")
	}
}
