package apply

import (
	"maps"
	"testing"
)

// TestStartedNotDone: the steps a resumed run runs again are those an
// apply of the lineage started and none completed, each with the latest
// apply that started it; a step completed by any apply of the lineage, or
// never started, is not among them.
func TestStartedNotDone(t *testing.T) {
	step := func(id int, outcome string) StepRecord { return StepRecord{ID: id, Outcome: outcome} }
	lin := &lineage{applies: []ApplyRecord{
		{ID: 9, Steps: []StepRecord{step(3, StatusInterrupted), step(4, StatusRunning)}},
		{ID: 5, Steps: []StepRecord{step(2, StatusDone), step(3, StatusFailed)}},
		{ID: 2, Steps: []StepRecord{step(1, StatusDone), step(2, StatusFailed), step(6, StatusRunning)}},
	}}
	got := startedNotDone(lin)
	want := map[int]int64{3: 9, 4: 9, 6: 2}
	if !maps.Equal(got, want) {
		t.Fatalf("startedNotDone = %v, want %v", got, want)
	}
}
