package planner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/tidedb/tide/dialects"
)

// WriteJSON writes the plan's stable JSON form: indented by two spaces,
// object keys in a fixed order (map keys sorted), ending in a newline. Empty
// lists are written as [] and the hazard counts as {}, never null.
func WriteJSON(w io.Writer, p *Plan) error {
	c := normalized(p)
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("writing plan JSON: %w", err)
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("writing plan JSON: %w", err)
	}
	return nil
}

// ReadJSON reads a plan written by WriteJSON. It rejects a document without
// a format_version or with one this tide does not read, saying what to do.
// Fields it does not know are ignored (additions do not change the version).
func ReadJSON(r io.Reader) (*Plan, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading plan JSON: %w", err)
	}
	var head struct {
		FormatVersion *int `json:"format_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("reading plan JSON: %w (is this a file written by `tide plan --format json`?)", err)
	}
	if head.FormatVersion == nil {
		return nil, fmt.Errorf("reading plan JSON: no format_version field: this is not a tide plan " +
			"(write one with `tide plan --format json`)")
	}
	if *head.FormatVersion != FormatVersion {
		return nil, fmt.Errorf("reading plan JSON: format_version %d is not supported by this tide, which reads "+
			"format_version %d; create the plan again with this tide version", *head.FormatVersion, FormatVersion)
	}
	var p Plan
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("reading plan JSON: %w", err)
	}
	for _, st := range p.Steps() {
		if len(st.DoneProbes) > len(st.Statements) {
			return nil, fmt.Errorf("reading plan JSON: step %d has %d done_probes for %d statements (one per statement at most); "+
				"the plan was edited by hand: create it again with `tide plan --format json`", st.ID, len(st.DoneProbes), len(st.Statements))
		}
	}
	return normalized(&p), nil
}

// normalized returns a copy of p whose lists and maps that the JSON form
// always writes are non-nil, so that a plan and its round trip are equal.
func normalized(p *Plan) *Plan {
	c := *p
	if c.Summary.Hazards == nil {
		c.Summary.Hazards = map[string]int{}
	}
	c.Phases = make([]Phase, len(p.Phases))
	for i, ph := range p.Phases {
		ph.Steps = append([]Step{}, ph.Steps...)
		for j := range ph.Steps {
			st := &ph.Steps[j]
			if st.Statements == nil {
				st.Statements = []string{}
			}
			if st.Hazards == nil {
				st.Hazards = []dialects.Hazard{}
			}
		}
		c.Phases[i] = ph
	}
	return &c
}
