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
	// that neither it nor an apply it resumed completed, under their
	// original ids and phases.
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
// rolled back, or there is no history. The steps left are those of the
// plan stored when its lineage started (see lineage) that no apply of the
// lineage completed. While another apply holds the apply lock it returns a
// *LockHeldError.
func FindUnfinished(ctx context.Context, db inspect.Database) (*Unfinished, error) {
	eng, err := newEngine(db)
	if err != nil {
		return nil, err
	}
	recs, err := readApplies(ctx, eng, 1)
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
	if last.Outcome == StatusRunning {
		if err := checkNoHolder(ctx, eng); err != nil {
			return nil, err
		}
	}
	lin, err := readLineage(ctx, eng, last)
	if err != nil {
		return nil, fmt.Errorf("the unfinished apply #%d on %s: %w", last.ID, eng.target, err)
	}
	rest, err := remainingPlan(lin.plan, last.Phase, lin.done())
	if err != nil {
		return nil, fmt.Errorf("apply #%d on %s: %w", last.ID, eng.target, err)
	}
	if rest.Summary.Steps == 0 {
		return nil, nil
	}
	return &Unfinished{Apply: lin.applies[0], Crashed: last.Outcome == StatusRunning, Plan: rest}, nil
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

// checkResumed runs under the apply lock before a resumed run: it checks
// that the apply being resumed is still the last one and returns it with
// its lineage (whose whole plan the resuming apply records). It notes in
// r.rerun the steps an apply of the lineage started and did not complete:
// those are run again, and their done probes say what already ran (see
// runEach).
func (r *runner) checkResumed() (ApplyRecord, *lineage, error) {
	id := r.opts.Resumes
	recs, err := readApplies(r.dbctx, r.eng, 1)
	if err != nil {
		return ApplyRecord{}, nil, err
	}
	if len(recs) == 0 || recs[0].ID != id {
		return ApplyRecord{}, nil, fmt.Errorf("apply #%d on %s is no longer the last apply (another apply or rollback ran meanwhile); nothing was changed, run apply again", id, r.eng.target)
	}
	lin, err := readLineage(r.dbctx, r.eng, recs[0])
	if err != nil {
		return ApplyRecord{}, nil, err
	}
	r.rerun = startedNotDone(lin)
	return lin.applies[0], lin, nil
}

// startedNotDone maps each step of the lineage's plan that an apply of the
// lineage started and none completed to the latest apply that started it.
func startedNotDone(lin *lineage) map[int]int64 {
	done := lin.done()
	out := map[int]int64{}
	for _, a := range lin.applies { // latest first
		for _, s := range a.Steps {
			if _, seen := out[s.ID]; !seen && !done[s.ID] {
				out[s.ID] = a.ID
			}
		}
	}
	return out
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
