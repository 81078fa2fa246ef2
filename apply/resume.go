package apply

import (
	"context"
	"fmt"
	"strings"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/planner"
)

// Unfinished is the last apply of a database when it stopped before its
// last step: interrupted (Ctrl-C, SIGTERM), failed, or still recorded as
// running although no apply holds the lock (its process died: a crash or
// kill -9). Running its remaining steps from its stored plan, rather than
// planning afresh, is what resumes it: a half-done recipe (a shadow column
// and its trigger, a backfill with a checkpoint) is continued as planned,
// and a backfill continues after its checkpoint.
type Unfinished struct {
	Apply ApplyRecord
	// Crashed is true when the history still says "running".
	Crashed bool
	// Plan is the stored plan reduced to the steps of the apply's phase
	// that did not complete, under their original ids and phases.
	Plan *planner.Plan
}

// Remaining is the number of steps left to run.
func (u *Unfinished) Remaining() int { return u.Plan.Summary.Steps }

// Describe says, in one line, what stopped and where.
func (u *Unfinished) Describe() string {
	how := u.Apply.Outcome
	if u.Crashed {
		how = "stopped without recording why (the tide process died: crash or kill -9)"
	}
	var ids []string
	for _, st := range u.Plan.Steps() {
		ids = append(ids, fmt.Sprint(st.ID))
	}
	return fmt.Sprintf("apply #%d (started %s by %s) %s; steps %s of its plan remain",
		u.Apply.ID, u.Apply.Started.Format("2006-01-02 15:04:05 MST"), u.Apply.User, how, strings.Join(ids, ", "))
}

// FindUnfinished returns the last apply of db when it is unfinished (see
// Unfinished), nil when the last recorded apply or rollback finished, was
// rolled back, or there is no history. While another apply holds the apply
// lock it returns a *LockHeldError.
func FindUnfinished(ctx context.Context, db inspect.Database) (*Unfinished, error) {
	recs, err := History(ctx, db, 1)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	last := recs[0]
	if last.Kind != "apply" || last.RolledBackBy != 0 {
		return nil, nil
	}
	switch last.Outcome {
	case StatusRunning, StatusInterrupted, StatusFailed:
	default:
		return nil, nil
	}
	eng, err := newEngine(db)
	if err != nil {
		return nil, err
	}
	if last.Outcome == StatusRunning {
		if err := checkNoHolder(ctx, eng); err != nil {
			return nil, err
		}
	}
	var planJSON string
	if err := eng.pool.QueryRowContext(ctx, eng.sql.History().Plan, last.ID).Scan(&planJSON); err != nil {
		return nil, fmt.Errorf("read the plan of the unfinished apply #%d on %s: %w", last.ID, eng.target, err)
	}
	p, err := planner.ReadJSON(strings.NewReader(planJSON))
	if err != nil {
		return nil, fmt.Errorf("the plan stored with the unfinished apply #%d on %s: %w", last.ID, eng.target, err)
	}
	rest, err := remainingPlan(p, last)
	if err != nil {
		return nil, fmt.Errorf("apply #%d on %s: %w", last.ID, eng.target, err)
	}
	if rest.Summary.Steps == 0 {
		return nil, nil
	}
	return &Unfinished{Apply: last, Crashed: last.Outcome == StatusRunning, Plan: rest}, nil
}

// checkNoHolder returns a *LockHeldError when an apply holds the lock now.
func checkNoHolder(ctx context.Context, eng *engine) error {
	conn, err := eng.pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	s := &session{eng: eng, conn: conn, ctx: ctx}
	holders, err := s.holders()
	if err != nil {
		return fmt.Errorf("read who holds the apply lock on %s: %w", eng.target, err)
	}
	if len(holders) > 0 {
		return &LockHeldError{Target: eng.target, Holders: holders}
	}
	return nil
}

// remainingPlan is p without the steps outside the apply's phase and those
// the apply completed.
func remainingPlan(p *planner.Plan, a ApplyRecord) (*planner.Plan, error) {
	selected, err := Selected(p, a.Phase)
	if err != nil {
		return nil, err
	}
	keep := map[int]bool{}
	for _, st := range selected {
		keep[st.ID] = true
	}
	for _, s := range a.Steps {
		if s.Outcome == StatusDone {
			delete(keep, s.ID)
		}
	}
	rest := *p
	rest.Phases = nil
	rest.Summary.Steps = 0
	for _, ph := range p.Phases {
		var steps []planner.Step
		for _, st := range ph.Steps {
			if keep[st.ID] {
				steps = append(steps, st)
			}
		}
		if len(steps) > 0 {
			rest.Phases = append(rest.Phases, planner.Phase{Name: ph.Name, Steps: steps})
			rest.Summary.Steps += len(steps)
		}
	}
	rest.Summary.Phases = len(rest.Phases)
	return &rest, nil
}

// checkResumed runs under the apply lock before a resumed run: it checks
// that the apply being resumed is still the last one and returns it.
func (r *runner) checkResumed(db inspect.Database) (ApplyRecord, error) {
	id := r.opts.Resumes
	recs, err := History(r.dbctx, db, 1)
	if err != nil {
		return ApplyRecord{}, err
	}
	if len(recs) == 0 || recs[0].ID != id {
		return ApplyRecord{}, fmt.Errorf("apply #%d on %s is no longer the last apply (another apply or rollback ran meanwhile); nothing was changed, run apply again", id, r.eng.target)
	}
	return recs[0], nil
}

// markCrashed records the resumed apply as interrupted when the history
// still says it runs: under the apply lock nothing runs it any more.
func (h *history) markCrashed(rec ApplyRecord) {
	if rec.Outcome != StatusRunning {
		return
	}
	why := fmt.Sprintf("the tide process ended during this apply without recording why (crash or kill -9); apply #%d resumed it", h.applyID)
	for _, s := range rec.Steps {
		if s.Outcome == StatusRunning {
			h.exec(fmt.Sprintf("the end of step %d of apply #%d", s.ID, rec.ID), h.stmts.EndStep, rec.ID, s.ID, StatusInterrupted, why, s.Attempts)
		}
	}
	h.exec(fmt.Sprintf("the end of apply #%d", rec.ID), h.stmts.EndApply, rec.ID, StatusInterrupted, why)
}
