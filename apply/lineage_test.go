package apply

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

func twoStepPlan() *planner.Plan {
	return &planner.Plan{FormatVersion: planner.FormatVersion, Dialect: "postgres", Fingerprint: "sha256:abc",
		Summary: planner.Summary{Phases: 2, Steps: 2},
		Phases: []planner.Phase{
			{Name: dialects.PhaseExpand, Steps: []planner.Step{{ID: 1, Object: "public.t.v", Change: "add_column", Statements: []string{"ALTER TABLE t ADD v int"}}}},
			{Name: dialects.PhaseContract, Steps: []planner.Step{{ID: 2, Object: "public.t.old", Change: "drop_column", Statements: []string{"ALTER TABLE t DROP old"}}}},
		}}
}

// TestStoredPlanJSON: the stored text is still a plan that planner.ReadJSON
// reads back unchanged, and carries the notes; without notes it is the
// plan's JSON as written by planner.WriteJSON.
func TestStoredPlanJSON(t *testing.T) {
	p := twoStepPlan()
	n := notes{DesiredFingerprint: "sha256:d", Resumes: 3, Continues: 2, Undoes: []int64{3, 1}}
	text, err := storedPlanJSON(p, n)
	if err != nil {
		t.Fatal(err)
	}
	back, err := planner.ReadJSON(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if !samePlan(back, p) || back.Summary.Steps != 2 || back.Dialect != "postgres" {
		t.Fatalf("plan read back: %+v", back)
	}
	var doc struct {
		Notes notes `json:"tide_apply"`
	}
	if err := json.Unmarshal([]byte(text), &doc); err != nil || !reflect.DeepEqual(doc.Notes, n) {
		t.Fatalf("notes read back: %+v %v", doc.Notes, err)
	}
	plain, err := storedPlanJSON(p, notes{})
	if err != nil || strings.Contains(plain, notesKey) {
		t.Fatalf("a plan without notes: %v\n%s", err, plain)
	}
}

// TestSamePlan: plans match on their schema fingerprint and on what each
// step does under its id.
func TestSamePlan(t *testing.T) {
	a, b := twoStepPlan(), twoStepPlan()
	if !samePlan(a, b) {
		t.Fatal("identical plans differ")
	}
	b.Fingerprint = "sha256:other"
	if samePlan(a, b) {
		t.Error("another schema fingerprint matched")
	}
	b = twoStepPlan()
	b.Phases[1].Steps[0].Statements = []string{"ALTER TABLE t DROP older"}
	if samePlan(a, b) {
		t.Error("another statement matched")
	}
	b = twoStepPlan()
	b.Phases[1].Steps = nil
	if samePlan(a, b) {
		t.Error("a missing step matched")
	}
}
