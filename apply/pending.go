package apply

import (
	"context"
	"fmt"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/planner"
)

// Pending is a plan whose expand phase ran to its end (tide apply --phase
// expand) while its contract phase has not run: its last apply is the
// latest apply of the database that was not rolled back. A fresh plan
// against such a database would misread the expand's temporary objects
// (shadow columns, sync triggers, constraints under temporary names), so
// the contract phase runs the contract steps of the stored plan instead.
type Pending struct {
	// Apply is the apply that finished the expand phase (the latest of the
	// plan's lineage), with its steps.
	Apply ApplyRecord
	// Applies lists the lineage's applies as "#3, #2" (latest first).
	Applies string
	// DesiredFingerprint is the fingerprint of the desired schema the plan
	// was made for ("" when unknown: the expand ran a saved plan file).
	DesiredFingerprint string
	// Plan is the whole stored plan; Contract is its contract steps, under
	// their original ids.
	Plan, Contract *planner.Plan
}

// NoPendingError says no expanded plan waits for its contract phase, and
// why.
type NoPendingError struct {
	Target string
	Why    string
}

func (e *NoPendingError) Error() string {
	return fmt.Sprintf("no expanded plan is waiting for its contract phase on %s: %s; nothing was changed.\n"+
		"  'tide apply --phase contract' runs the contract steps of the plan that a finished 'tide apply --phase expand' stored;\n"+
		"  run 'tide apply --phase expand --to …' first, or 'tide apply --to …' (--phase all) to plan and apply everything",
		e.Target, e.Why)
}

// FindPending returns the plan waiting for its contract phase, or a
// *NoPendingError saying why there is none.
func FindPending(ctx context.Context, db inspect.Database) (*Pending, error) {
	eng, err := newEngine(db)
	if err != nil {
		return nil, err
	}
	return findPending(ctx, eng)
}

func findPending(ctx context.Context, eng *engine) (*Pending, error) {
	none := func(format string, args ...any) (*Pending, error) {
		return nil, &NoPendingError{Target: eng.target, Why: fmt.Sprintf(format, args...)}
	}
	hr := &historyReader{ctx: ctx, eng: eng}
	for i := 0; ; i++ {
		for i >= len(hr.recs) {
			more, err := hr.next()
			if err != nil {
				return nil, err
			}
			if !more {
				if len(hr.recs) == 0 {
					return none("no apply is recorded")
				}
				return none("every recorded apply was rolled back")
			}
		}
		rec := hr.recs[i]
		switch {
		case rec.Kind != "apply" && rec.Outcome == StatusDone:
			continue // a finished rollback: the applies it undid are skipped next
		case rec.Kind != "apply":
			return none("the last %s #%d did not finish (%s); see 'tide status'", rec.Kind, rec.ID, rec.Outcome)
		case rec.RolledBackBy != 0:
			continue
		}
		if rec.Phase == PhaseContract {
			_, n, err := readStored(ctx, eng, rec.ID)
			if err != nil {
				return nil, err
			}
			if n.Continues != 0 {
				return none("the last apply #%d already ran the contract phase of apply #%d (%s)", rec.ID, n.Continues, rec.Outcome)
			}
		}
		if rec.Phase != PhaseExpand {
			return none("the last apply #%d ran phase %s, not expand", rec.ID, rec.Phase)
		}
		if rec.Outcome != StatusDone {
			return none("the last apply #%d (phase expand) did not finish (%s): run 'tide apply --phase expand' to finish it first", rec.ID, rec.Outcome)
		}
		lin, err := readLineage(ctx, eng, rec)
		if err != nil {
			return nil, err
		}
		contract, err := remainingPlan(lin.plan, PhaseContract, lin.done())
		if err != nil {
			return nil, err
		}
		if contract.Summary.Steps == 0 {
			return none("the plan of the last apply #%d has no contract step left: it is complete", rec.ID)
		}
		return &Pending{Apply: lin.applies[0], Applies: lin.ids(), DesiredFingerprint: lin.notes.DesiredFingerprint, Plan: lin.plan, Contract: contract}, nil
	}
}

// CheckDesired refuses (naming what to do) when fingerprint, that of the
// desired schema given now, is not the one the pending plan was made for.
func (p *Pending) CheckDesired(target, fingerprint string) error {
	if p.DesiredFingerprint == "" {
		return fmt.Errorf("refusing to run the contract phase of apply #%d on %s: it ran a saved plan file (or was made by an older tide), so tide cannot tell whether the desired files given now are the ones it was planned from; nothing was changed — pass that plan file instead of --to, or undo the expand with 'tide rollback' and plan again",
			p.Apply.ID, target)
	}
	if p.DesiredFingerprint != fingerprint {
		return fmt.Errorf("refusing to run the contract phase of apply #%d on %s: the desired files given now differ from those its plan was made from (desired-state fingerprint %s then, %s now); nothing was changed — pass the same --to files (and --var values) as the expand run, or undo the expand with 'tide rollback' and plan again from the new files",
			p.Apply.ID, target, shortFingerprint(p.DesiredFingerprint), shortFingerprint(fingerprint))
	}
	return nil
}

// CheckPlan refuses when saved (read from file) is not the plan the
// pending expand ran.
func (p *Pending) CheckPlan(target, file string, saved *planner.Plan) error {
	if !samePlan(saved, p.Plan) {
		return fmt.Errorf("refusing to run the contract phase of apply #%d on %s: %s is not the plan that apply expanded (schema fingerprint %s, %d steps; the stored plan: %s, %d steps); nothing was changed — pass the plan file the expand ran, or the same --to files, or undo the expand with 'tide rollback'",
			p.Apply.ID, target, file, shortFingerprint(saved.Fingerprint), saved.Summary.Steps, shortFingerprint(p.Plan.Fingerprint), p.Plan.Summary.Steps)
	}
	return nil
}

// shortFingerprint is the first 12 hex digits of a "sha256:…" fingerprint.
func shortFingerprint(fp string) string {
	const prefix = "sha256:"
	if len(fp) > len(prefix)+12 && fp[:len(prefix)] == prefix {
		return fp[len(prefix) : len(prefix)+12]
	}
	return fp
}

// checkContinued runs under the apply lock before a contract run of a
// pending plan: the plan must still be pending, as the run was confirmed.
func (r *runner) checkContinued() (*Pending, error) {
	p, err := findPending(r.dbctx, r.eng)
	if err != nil {
		return nil, fmt.Errorf("apply #%d on %s no longer waits for its contract phase: %w", r.opts.Continues, r.eng.target, err)
	}
	if p.Apply.ID != r.opts.Continues {
		return nil, fmt.Errorf("the history of %s changed meanwhile: apply #%d, not #%d, now waits for its contract phase; nothing was changed, run apply again", r.eng.target, p.Apply.ID, r.opts.Continues)
	}
	return p, nil
}
