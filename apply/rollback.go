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
// apply, latest first, from the plan stored with that apply.
type RollbackPlan struct {
	Apply ApplyRecord
	Plan  *planner.Plan
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

// PlanRollback reads the last apply from the history and the steps to undo.
func PlanRollback(ctx context.Context, db inspect.Database) (*RollbackPlan, error) {
	recs, err := History(ctx, db, 50)
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
		return nil, fmt.Errorf("%w on %s: no apply is recorded", ErrNothingToRollBack, db.Target())
	}
	if last.RolledBackBy != 0 {
		return nil, fmt.Errorf("%w on %s: the last apply #%d was already rolled back by #%d", ErrNothingToRollBack, db.Target(), last.ID, last.RolledBackBy)
	}
	eng, err := newEngine(db)
	if err != nil {
		return nil, err
	}
	var planJSON string
	if err := eng.pool.QueryRowContext(ctx, eng.sql.History().Plan, last.ID).Scan(&planJSON); err != nil {
		return nil, fmt.Errorf("read the plan of apply #%d on %s: %w", last.ID, db.Target(), err)
	}
	p, err := planner.ReadJSON(strings.NewReader(planJSON))
	if err != nil {
		return nil, fmt.Errorf("the plan stored with apply #%d on %s: %w", last.ID, db.Target(), err)
	}
	byID := map[int]planner.Step{}
	for _, st := range p.Steps() {
		byID[st.ID] = st
	}
	rp := &RollbackPlan{Apply: *last, Plan: p}
	for i := len(last.Steps) - 1; i >= 0; i-- {
		rec := last.Steps[i]
		if rec.Outcome != StatusDone {
			continue
		}
		st, ok := byID[rec.ID]
		if !ok {
			return nil, fmt.Errorf("apply #%d on %s recorded step %d, which its stored plan does not have", last.ID, db.Target(), rec.ID)
		}
		if st.Irreversible || len(st.Rollback) == 0 {
			return nil, &IrreversibleError{ApplyID: last.ID, Step: st}
		}
		rp.Steps = append(rp.Steps, st)
	}
	if len(rp.Steps) == 0 {
		return nil, fmt.Errorf("%w on %s: the last apply #%d completed no step", ErrNothingToRollBack, db.Target(), last.ID)
	}
	return rp, nil
}

// Rollback undoes rp's steps in order, each from its rollback SQL, under the
// apply lock and with the same timeouts, retries and index checks as apply;
// non-transactional rollback statements run outside a transaction. It is
// recorded in the history as a "rollback" and marks the apply rolled back.
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
	fresh, err := PlanRollback(dbctx, db)
	if err != nil {
		return nil, err
	}
	if fresh.Apply.ID != rp.Apply.ID || len(fresh.Steps) != len(rp.Steps) {
		return nil, fmt.Errorf("the history of %s changed while rollback was being confirmed (the last apply is now #%d); run rollback again", eng.target, fresh.Apply.ID)
	}
	hist, err := startHistory(dbctx, sess, "rollback", rp.Plan, "rollback", opts.TideVersion)
	if err != nil {
		return nil, err
	}
	hist.log = opts.Log
	r := &runner{ctx: ctx, dbctx: dbctx, eng: eng, opts: opts, sess: sess, hist: hist, rep: &Report{ApplyID: hist.applyID}}
	var undo []planner.Step
	for _, st := range rp.Steps {
		u := st
		u.Statements, u.Backfill, u.Preflight, u.Rollback = st.Rollback, nil, nil, nil
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
	hist.exec("the rollback of the apply", hist.stmts.MarkRolledBack, rp.Apply.ID, hist.applyID)
	hist.endApply(StatusDone, nil)
	r.logf("rolled back %d step(s) of apply #%d", len(undo), rp.Apply.ID)
	return r.rep, nil
}
