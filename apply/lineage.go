package apply

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tidedb/tide/planner"
)

// notes are what the executor records about an apply beside its plan: the
// plan JSON stored in the history carries them under notesKey (plan readers
// ignore fields they do not know, so the stored text stays a plan).
type notes struct {
	// DesiredFingerprint is schema.Fingerprint of the desired schema the
	// plan was made for; "" when unknown (a saved plan file).
	DesiredFingerprint string `json:"desired_fingerprint,omitempty"`
	// Resumes is the apply whose remaining steps this apply ran (0 = none):
	// both belong to one lineage.
	Resumes int64 `json:"resumes,omitempty"`
	// Continues is the expand apply whose contract steps this apply ran.
	Continues int64 `json:"continues,omitempty"`
	// Undoes are the applies a rollback undoes, latest first: the last
	// apply and the applies it resumed.
	Undoes []int64 `json:"undoes,omitempty"`
}

// empty reports whether n says nothing.
func (n notes) empty() bool {
	return n.DesiredFingerprint == "" && n.Resumes == 0 && n.Continues == 0 && len(n.Undoes) == 0
}

// notesKey is the top-level field of the stored plan JSON holding notes.
const notesKey = "tide_apply"

// storedPlanJSON is the text stored as an apply's plan: the plan's JSON,
// with n under notesKey unless n is empty.
func storedPlanJSON(p *planner.Plan, n notes) (string, error) {
	var buf bytes.Buffer
	if err := planner.WriteJSON(&buf, p); err != nil {
		return "", err
	}
	if n.empty() {
		return buf.String(), nil
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		return "", fmt.Errorf("add the apply notes to the plan JSON: %w", err)
	}
	raw, err := json.Marshal(n)
	if err != nil {
		return "", err
	}
	doc[notesKey] = raw
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", fmt.Errorf("add the apply notes to the plan JSON: %w", err)
	}
	return string(out) + "\n", nil
}

// readStored reads the plan and the notes stored with apply id.
func readStored(ctx context.Context, eng *engine, id int64) (*planner.Plan, notes, error) {
	var text string
	query, args := eng.bind(eng.sql.History().Plan, id)
	if err := eng.pool.QueryRowContext(ctx, query, args...).Scan(&text); err != nil {
		return nil, notes{}, fmt.Errorf("read the plan of apply #%d on %s: %w", id, eng.target, err)
	}
	p, err := planner.ReadJSON(strings.NewReader(text))
	if err != nil {
		return nil, notes{}, fmt.Errorf("the plan stored with apply #%d on %s: %w", id, eng.target, err)
	}
	n, err := notesIn(text)
	if err != nil {
		return nil, notes{}, fmt.Errorf("the notes stored with apply #%d on %s: %w", id, eng.target, err)
	}
	return p, n, nil
}

// readNotes reads only the notes stored with apply id.
func readNotes(ctx context.Context, eng *engine, id int64) (notes, error) {
	var text string
	if err := eng.pool.QueryRowContext(ctx, eng.sql.History().Plan, id).Scan(&text); err != nil {
		return notes{}, fmt.Errorf("read the plan of apply #%d on %s: %w", id, eng.target, err)
	}
	n, err := notesIn(text)
	if err != nil {
		return notes{}, fmt.Errorf("the notes stored with apply #%d on %s: %w", id, eng.target, err)
	}
	return n, nil
}

// notesIn decodes the notes of a stored plan's text (none when it has none).
func notesIn(text string) (notes, error) {
	var doc struct {
		Notes notes `json:"tide_apply"`
	}
	err := json.Unmarshal([]byte(text), &doc)
	return doc.Notes, err
}

// historyReader finds applies by id among the latest ones, reading more
// of the history only when it must.
type historyReader struct {
	ctx   context.Context
	eng   *engine
	recs  []ApplyRecord
	limit int
	all   bool // recs holds the whole history
}

// next reads a longer page of the latest applies; false when there are no
// more.
func (h *historyReader) next() (bool, error) {
	if h.all {
		return false, nil
	}
	if h.limit == 0 {
		h.limit = 16
	} else {
		h.limit *= 4
	}
	recs, err := readApplies(h.ctx, h.eng, h.limit)
	if err != nil {
		return false, err
	}
	grew := len(recs) > len(h.recs)
	h.recs, h.all = recs, len(recs) < h.limit
	return grew, nil
}

// byID returns apply id without its steps.
func (h *historyReader) byID(id int64) (ApplyRecord, error) {
	for {
		for _, r := range h.recs {
			if r.ID == id {
				return r, nil
			}
		}
		more, err := h.next()
		if err != nil {
			return ApplyRecord{}, err
		}
		if !more {
			return ApplyRecord{}, fmt.Errorf("apply #%d is not in the history of %s", id, h.eng.target)
		}
	}
}

// lineage is one plan's run across applies: the apply that started it and
// every apply that resumed it, each carrying on where the one before it
// stopped (tide apply after a Ctrl-C, a failed step or a crash).
type lineage struct {
	// applies are latest first, with their steps; the last one started the
	// plan.
	applies []ApplyRecord
	// plan is the whole plan, as stored with the apply that started it.
	plan *planner.Plan
	// notes are the latest apply's.
	notes notes
}

// readLineage follows last's resume links back to the apply that started
// its plan.
func readLineage(ctx context.Context, eng *engine, last ApplyRecord) (*lineage, error) {
	hr := &historyReader{ctx: ctx, eng: eng}
	l := &lineage{}
	cur := last
	for {
		for _, a := range l.applies {
			if a.ID == cur.ID {
				return nil, fmt.Errorf("the history of %s is inconsistent: apply #%d resumes itself through #%d", eng.target, last.ID, cur.ID)
			}
		}
		steps, err := readSteps(ctx, eng, cur.ID)
		if err != nil {
			return nil, err
		}
		cur.Steps = steps
		p, n, err := readStored(ctx, eng, cur.ID)
		if err != nil {
			return nil, err
		}
		if len(l.applies) == 0 {
			l.notes = n
		}
		l.applies = append(l.applies, cur)
		l.plan = p
		if n.Resumes == 0 {
			return l, nil
		}
		if cur, err = hr.byID(n.Resumes); err != nil {
			return nil, fmt.Errorf("apply #%d resumed apply #%d: %w", l.applies[len(l.applies)-1].ID, n.Resumes, err)
		}
	}
}

// done returns the ids of the plan's steps some apply of the lineage
// completed.
func (l *lineage) done() map[int]bool {
	out := map[int]bool{}
	for _, a := range l.applies {
		for _, s := range a.Steps {
			if s.Outcome == StatusDone {
				out[s.ID] = true
			}
		}
	}
	return out
}

// ids lists the lineage's apply ids, latest first, as "#3, #2".
func (l *lineage) ids() string {
	var out []int64
	for _, a := range l.applies {
		out = append(out, a.ID)
	}
	return idList(out)
}

// remainingPlan is p reduced to the steps phase selects that are not done,
// under their original ids and phases.
func remainingPlan(p *planner.Plan, phase string, done map[int]bool) (*planner.Plan, error) {
	selected, err := Selected(p, phase)
	if err != nil {
		return nil, err
	}
	keep := map[int]bool{}
	for _, st := range selected {
		keep[st.ID] = !done[st.ID]
	}
	rest := *p
	rest.Phases = nil
	for _, ph := range p.Phases {
		var steps []planner.Step
		for _, st := range ph.Steps {
			if keep[st.ID] {
				steps = append(steps, st)
			}
		}
		if len(steps) > 0 {
			rest.Phases = append(rest.Phases, planner.Phase{Name: ph.Name, Steps: steps})
		}
	}
	rest.Summary = planner.Summary{Phases: len(rest.Phases), Hazards: map[string]int{}}
	for _, st := range rest.Steps() {
		rest.Summary.Steps++
		if st.Backfill != nil {
			rest.Summary.Backfills++
			rest.Summary.BackfillRows += max(st.Estimate.Rows, 0)
		}
		for _, h := range st.Hazards {
			rest.Summary.Hazards[h.Code]++
		}
	}
	return &rest, nil
}

// samePlan reports whether two plans were computed against the same schema
// and do the same steps under the same ids.
func samePlan(a, b *planner.Plan) bool {
	if a.Fingerprint != b.Fingerprint {
		return false
	}
	as, bs := a.Steps(), b.Steps()
	if len(as) != len(bs) {
		return false
	}
	for i := range as {
		if as[i].ID != bs[i].ID || stepKey(as[i]) != stepKey(bs[i]) {
			return false
		}
	}
	return true
}
