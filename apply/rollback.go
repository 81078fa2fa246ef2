package apply

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/planner"
)

// RollbackPlan is what Rollback undoes: the completed steps of the last
// apply's plan, latest first, from the plan stored with it. When that apply
// resumed earlier ones (tide apply after a Ctrl-C, a failed step or a
// crash), the steps those completed are undone too, after its own.
type RollbackPlan struct {
	// Apply is the last apply.
	Apply ApplyRecord
	// Applies are the applies whose steps are undone, latest first: Apply
	// and the applies it resumed.
	Applies []ApplyRecord
	Plan    *planner.Plan
	// Steps are the completed steps to undo, in the order they are undone.
	Steps []planner.Step
}

// ErrNothingToRollBack says there is no apply to undo.
var ErrNothingToRollBack = errors.New("nothing to roll back")

// IrreversibleError says the last apply completed a step that cannot be
// undone; Rollback refuses before touching anything.
type IrreversibleError struct {
	ApplyID int64
	Step    planner.Step
}

func (e *IrreversibleError) Error() string {
	return fmt.Sprintf("refusing to roll back apply #%d: its step %d (%s %s) is irreversible (%s); nothing was changed — restore that from a backup, or change the desired schema and apply forward",
		e.ApplyID, e.Step.ID, e.Step.Change, e.Step.Object, e.Step.Summary)
}

// PlanRollback reads the last apply from the history and the steps to
// undo: those it and the applies it resumed completed.
func PlanRollback(ctx context.Context, db inspect.Database) (*RollbackPlan, error) {
	eng, err := newEngine(db)
	if err != nil {
		return nil, err
	}
	return planRollback(ctx, eng)
}

func planRollback(ctx context.Context, eng *engine) (*RollbackPlan, error) {
	recs, err := readApplies(ctx, eng, 50)
	if err != nil {
		return nil, err
	}
	var last *ApplyRecord
	for i := range recs {
		if recs[i].Kind == "apply" {
			last = &recs[i]
			break
		}
	}
	if last == nil {
		return nil, fmt.Errorf("%w on %s: no apply is recorded", ErrNothingToRollBack, eng.target)
	}
	if last.RolledBackBy != 0 {
		return nil, fmt.Errorf("%w on %s: the last apply #%d was already rolled back by #%d", ErrNothingToRollBack, eng.target, last.ID, last.RolledBackBy)
	}
	lin, err := readLineage(ctx, eng, *last)
	if err != nil {
		return nil, err
	}
	byID := map[int]planner.Step{}
	for _, st := range lin.plan.Steps() {
		byID[st.ID] = st
	}
	rp := &RollbackPlan{Apply: lin.applies[0], Applies: lin.applies, Plan: lin.plan}
	for _, a := range lin.applies {
		for i := len(a.Steps) - 1; i >= 0; i-- {
			rec := a.Steps[i]
			if rec.Outcome != StatusDone {
				continue
			}
			st, ok := byID[rec.ID]
			if !ok {
				return nil, fmt.Errorf("apply #%d on %s recorded step %d, which its stored plan does not have", a.ID, eng.target, rec.ID)
			}
			if st.Irreversible || len(st.Rollback) == 0 {
				return nil, &IrreversibleError{ApplyID: a.ID, Step: st}
			}
			rp.Steps = append(rp.Steps, st)
		}
	}
	if len(rp.Steps) == 0 {
		return nil, fmt.Errorf("%w on %s: the last apply #%d completed no step", ErrNothingToRollBack, eng.target, last.ID)
	}
	return rp, nil
}

// AppliesList names the applies whose steps are undone: "#3" or
// "#3 and the applies it resumed (#2, #1)".
func (rp *RollbackPlan) AppliesList() string {
	if len(rp.Applies) <= 1 {
		return fmt.Sprintf("#%d", rp.Apply.ID)
	}
	var ids []string
	for _, a := range rp.Applies[1:] {
		ids = append(ids, fmt.Sprintf("#%d", a.ID))
	}
	return fmt.Sprintf("#%d and the applies it resumed (%s)", rp.Apply.ID, strings.Join(ids, ", "))
}

// Rollback undoes rp's steps in order, each from its rollback SQL, under the
// apply lock and with the same timeouts, retries and index checks as apply;
// non-transactional rollback statements run outside a transaction. It is
// recorded in the history as a "rollback" and marks every apply of rp
// rolled back.
func Rollback(ctx context.Context, db inspect.Database, rp *RollbackPlan, opts Options) (*Report, error) {
	opts = opts.withDefaults()
	eng, err := newEngine(db)
	if err != nil {
		return nil, err
	}
	dbctx := context.WithoutCancel(ctx)
	sess, err := lockApply(dbctx, eng, "tide rollback")
	if err != nil {
		return nil, err
	}
	defer sess.release()
	// Another rollback or apply may have run between PlanRollback and the lock.
	fresh, err := planRollback(dbctx, eng)
	if err != nil {
		return nil, err
	}
	if fresh.Apply.ID != rp.Apply.ID || len(fresh.Steps) != len(rp.Steps) || len(fresh.Applies) != len(rp.Applies) {
		return nil, fmt.Errorf("the history of %s changed while rollback was being confirmed (the last apply is now #%d); run rollback again", eng.target, fresh.Apply.ID)
	}
	undoes := notes{}
	for _, a := range rp.Applies {
		undoes.Undoes = append(undoes.Undoes, a.ID)
	}
	hist, err := startHistory(dbctx, sess, "rollback", rp.Plan, undoes, "rollback", opts.TideVersion)
	if err != nil {
		return nil, err
	}
	hist.log = opts.Log
	r := &runner{ctx: ctx, db: db, dbctx: dbctx, eng: eng, opts: opts, sess: sess, hist: hist, rep: &Report{ApplyID: hist.applyID}}
	var undo []planner.Step
	for _, st := range rp.Steps {
		u := st
		u.Statements, u.Backfill, u.Preflight, u.Rollback, u.DoneProbes = st.Rollback, nil, nil, nil, nil
		u.Summary = "undo: " + st.Summary
		undo = append(undo, u)
	}
	if err := r.runSteps(undo, nil); err != nil {
		outcome := StatusFailed
		if errors.Is(err, ErrInterrupted) {
			outcome = StatusInterrupted
		}
		hist.endApply(outcome, err)
		return r.rep, err
	}
	for _, a := range rp.Applies {
		hist.exec(fmt.Sprintf("the rollback of apply #%d", a.ID), hist.stmts.MarkRolledBack, a.ID, hist.applyID)
	}
	hist.endApply(StatusDone, nil)
	r.logf("rolled back %d step(s) of apply %s", len(undo), rp.AppliesList())
	return r.rep, nil
}
