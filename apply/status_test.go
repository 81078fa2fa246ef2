package apply

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func init() {
	// The -update flag is shared by every golden test of the package;
	// whichever test file initialises first declares it.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

// goldenUpdate reports whether -update asks for golden files to be
// rewritten.
func goldenUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// statusRecord is an apply record as History returns it, started at minute
// id of a fixed hour and ended a second later unless running.
func statusRecord(id int64, kind, outcome, phase string, steps ...StepRecord) ApplyRecord {
	start := time.Date(2026, 3, 1, 10, int(id), 0, 0, time.UTC)
	a := ApplyRecord{ID: id, Kind: kind, Fingerprint: "sha256:f", TideVersion: "dev", Target: "db", Phase: phase,
		User: "deploy", Client: "10.0.0.7", Application: "tide apply", Started: start, Outcome: outcome, Steps: steps}
	if outcome != StatusRunning {
		a.Ended = start.Add(time.Second)
	}
	return a
}

func statusStep(id int, outcome, summary string) StepRecord {
	return StepRecord{ID: id, Summary: summary, Outcome: outcome, Attempts: 1, Rows: -1, Estimate: -1}
}

// TestWriteStatusGolden: status shows each apply's links to the others —
// the apply a run resumes (and, on that one, who resumed it), the expand
// apply whose contract phase a run continues, the applies a rollback
// undoes (from its notes, or from the records marked rolled back by it
// when it has none) and who rolled an apply back — and, for a step
// completed when apply ran it again, what the re-run found ("note:").
func TestWriteStatusGolden(t *testing.T) {
	interrupted := statusRecord(1, "apply", StatusInterrupted, PhaseExpand, statusStep(1, StatusDone, "add column v"), statusStep(2, StatusInterrupted, "backfill v"))
	interrupted.Error = "interrupted\nby a signal"
	interrupted.Steps[1].Rows, interrupted.Steps[1].Estimate, interrupted.Steps[1].LastKey = 300, 1000, `["300"]`
	resumed := statusRecord(2, "apply", StatusDone, PhaseExpand, statusStep(2, StatusDone, "backfill v"), statusStep(3, StatusDone, "add column w"))
	resumed.Resumes = 1
	interrupted.RolledBackBy, resumed.RolledBackBy = 3, 3
	rollback := statusRecord(3, "rollback", StatusDone, "rollback", statusStep(3, StatusDone, "undo: add column w"))
	rollback.Undoes = []int64{2, 1}

	expand := statusRecord(4, "apply", StatusDone, PhaseExpand, statusStep(1, StatusDone, "add column x"))
	contract := statusRecord(5, "apply", StatusFailed, PhaseContract, statusStep(2, StatusFailed, "drop column old"))
	contract.Continues = 4
	contract.Steps[0].Error, contract.Steps[0].Attempts = "could not get the lock", 3
	again := statusRecord(6, "apply", StatusRunning, PhaseContract, statusStep(2, StatusRunning, "drop column old"))
	again.Resumes, again.Continues = 5, 4

	old := statusRecord(7, "apply", StatusDone, PhaseAll, statusStep(1, StatusDone, "add index i"))
	old.RolledBackBy = 8
	oldRollback := statusRecord(8, "rollback", StatusDone, "rollback", statusStep(1, StatusDone, "undo: add index i"))

	// A step stopped mid-way and completed when apply ran it again keeps
	// what the re-run found as a note; a failed step's note follows its
	// error, whose first line alone is shown.
	stopped := statusRecord(9, "apply", StatusInterrupted, PhaseAll, statusStep(1, StatusInterrupted, "replace foreign key f of t"))
	stopped.Steps[0].Error = "interrupted after statement 1 of 2 of the step; running apply again continues it"
	rerun := statusRecord(10, "apply", StatusFailed, PhaseAll, statusStep(1, StatusDone, "replace foreign key f of t"),
		statusStep(2, StatusFailed, "drop index k of t"))
	rerun.Resumes = 9
	rerun.Steps[0].Error = "statements 1-1 of 2 were already done (apply #9 started this step and stopped before recording it done); ran the rest"
	rerun.Steps[1].Error = "Error 1091 (42000): Can't DROP INDEX `k`; check that it exists\n" +
		"no effect of its 1 statements was found (apply #9 started this step and stopped before recording it done); ran it from its start"

	cases := []struct {
		name string
		recs []ApplyRecord
	}{
		{"rerun_note", []ApplyRecord{rerun, stopped}},
		{"resume_and_rollback", []ApplyRecord{rollback, resumed, interrupted}},
		{"contract_phase", []ApplyRecord{again, contract, expand}},
		{"rollback_without_notes", []ApplyRecord{oldRollback, old}},
		{"empty", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			WriteStatus(&out, "127.0.0.1:5432/app", c.recs)
			path := filepath.Join("testdata", "status", c.name+".golden")
			if goldenUpdate() {
				if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%s differs (run go test -update to accept):\n--- got\n%s--- want\n%s", path, out.Bytes(), want)
			}
		})
	}
}
