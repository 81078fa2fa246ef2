package planner

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
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
