package planner

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

func TestJSONRoundTrip(t *testing.T) {
	empty, err := Build(nil, nil, nil, fakeDialect{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range map[string]*Plan{"full": fullPlan(t), "empty": empty} {
		t.Run(name, func(t *testing.T) {
			var first bytes.Buffer
			if err := WriteJSON(&first, p); err != nil {
				t.Fatal(err)
			}
			back, err := ReadJSON(bytes.NewReader(first.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, p) {
				t.Errorf("ReadJSON(WriteJSON(p)) differs from p:\n%+v\n%+v", back, p)
			}
			var second bytes.Buffer
			if err := WriteJSON(&second, back); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Errorf("second write differs:\n%s\n%s", first.String(), second.String())
			}
		})
	}
}

func TestWriteJSONNilLists(t *testing.T) {
	p := &Plan{FormatVersion: FormatVersion, Phases: []Phase{{Name: "expand", Steps: []Step{{ID: 1}}}}}
	var b bytes.Buffer
	if err := WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"statements": []`, `"hazards": []`, `"hazards": {}`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("JSON lacks %s:\n%s", s, b.String())
		}
	}
	if strings.Contains(b.String(), "null") {
		t.Errorf("JSON contains null:\n%s", b.String())
	}
	if p.Phases[0].Steps[0].Statements != nil {
		t.Error("WriteJSON modified the plan")
	}
}

func TestReadJSONErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		wantIn    []string
	}{
		{"future version", `{"format_version": 2, "phases": []}`, []string{"format_version 2", "reads format_version 1", "create the plan again"}},
		{"no version", `{"phases": []}`, []string{"no format_version", "not a tide plan"}},
		{"not JSON", `plan: yes`, []string{"reading plan JSON", "tide plan --format json"}},
		{"wrong field type", `{"format_version": 1, "phases": {}}`, []string{"reading plan JSON", "phases"}},
		{"more done probes than statements", `{"format_version": 1, "phases": [{"name": "expand", "steps": [{"id": 3, "statements": ["A"], "done_probes": ["", "P"]}]}]}`,
			[]string{"step 3 has 2 done_probes for 1 statements", "create it again"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(tc.doc))
			if err == nil {
				t.Fatal("ReadJSON succeeded, want an error")
			}
			for _, s := range tc.wantIn {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
		})
	}
}

func TestReadJSONIgnoresUnknownFields(t *testing.T) {
	p, err := ReadJSON(strings.NewReader(`{"format_version": 1, "added_later": true, "phases": [], "summary": {"steps": 0}}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Phases == nil || p.Summary.Hazards == nil {
		t.Errorf("ReadJSON left nil lists: %+v", p)
	}
}

// probesDialect is fakeDialect whose non-transactional actions carry a
// done probe per statement.
type probesDialect struct{ fakeDialect }

func (d probesDialect) Recipe(c schema.Change, env *dialects.Env) ([]dialects.Action, error) {
	actions, err := d.fakeDialect.Recipe(c, env)
	for i := range actions {
		if !actions[i].Transactional {
			for _, s := range actions[i].Statements {
				actions[i].DoneProbes = append(actions[i].DoneProbes, "SELECT 1 WHERE done("+s+")")
			}
		}
	}
	return actions, err
}

// TestDoneProbesInPlanJSON: Build copies each action's done probes into
// its step (a copy: the action's slice is not shared), the JSON form
// writes them as done_probes only where there are some, and they survive
// a round trip; a plan written before done_probes existed still loads.
func TestDoneProbesInPlanJSON(t *testing.T) {
	cur, des := fullPair()
	changes, err := Diff(cur, des)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(changes, cur, des, probesDialect{}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	with, without := 0, 0
	for _, st := range p.Steps() {
		switch {
		case st.Transactional && st.DoneProbes != nil:
			t.Errorf("transactional step %d got done probes %q", st.ID, st.DoneProbes)
		case !st.Transactional && len(st.DoneProbes) != len(st.Statements):
			t.Errorf("step %d: %d done probes for %d statements", st.ID, len(st.DoneProbes), len(st.Statements))
		case !st.Transactional:
			with++
			if st.DoneProbes[0] != "SELECT 1 WHERE done("+st.Statements[0]+")" {
				t.Errorf("step %d: probe %q", st.ID, st.DoneProbes[0])
			}
		default:
			without++
		}
	}
	if with == 0 || without == 0 {
		t.Fatalf("the plan has %d steps with probes and %d without; want both", with, without)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), `"done_probes": [`); n != with {
		t.Errorf("the JSON has %d done_probes lists, want %d:\n%s", n, with, b.String())
	}
	back, err := ReadJSON(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, p) {
		t.Errorf("the round trip lost the done probes:\n%+v\n%+v", back, p)
	}

	old := `{"format_version": 1, "phases": [{"name": "expand", "steps": [{"id": 1, "statements": ["A", "B"], "transactional": false}]}]}`
	q, err := ReadJSON(strings.NewReader(old))
	if err != nil {
		t.Fatalf("a plan without done_probes: %v", err)
	}
	if st := q.Steps()[0]; st.DoneProbes != nil || len(st.Statements) != 2 {
		t.Errorf("a plan without done_probes read as %+v", st)
	}
}
