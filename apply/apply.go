// Package apply executes plans against a live database: step by step, each
// under its lock and statement timeouts, transactional steps in a
// transaction, non-transactional ones (CREATE INDEX CONCURRENTLY…) outside.
package apply

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/planner"
)

// Phase selections for Options.Phase.
const (
	PhaseAll      = "all"
	PhaseExpand   = "expand"   // expand, backfill and validate: safe while the old application runs
	PhaseContract = "contract" // the steps that remove old structures
)

// Options tune Run.
type Options struct {
	// Phase is PhaseAll (default), PhaseExpand or PhaseContract.
	Phase string
	// Log receives one line per step as it starts and ends; nil = silent.
	Log io.Writer
}

// Status of a step in a Report.
const (
	StatusDone    = "done"
	StatusFailed  = "failed"
	StatusSkipped = "skipped"
)

// StepResult is what happened to one step.
type StepResult struct {
	ID       int
	Summary  string
	Status   string
	Duration time.Duration
	Err      error
}

// Report lists what Run did, in order.
type Report struct {
	Steps []StepResult
}

// Done counts the steps that completed.
func (r *Report) Done() int {
	n := 0
	for _, s := range r.Steps {
		if s.Status == StatusDone {
			n++
		}
	}
	return n
}

// StepError is returned when a step fails: it names the step and lists the
// steps that had completed before it.
type StepError struct {
	Step      planner.Step
	Statement string
	Applied   []int
	Err       error
}

func (e *StepError) Error() string {
	applied := "no step had run"
	if len(e.Applied) > 0 {
		ids := make([]string, len(e.Applied))
		for i, id := range e.Applied {
			ids[i] = fmt.Sprint(id)
		}
		applied = "steps " + strings.Join(ids, ", ") + " completed"
	}
	return fmt.Sprintf("step %d (%s %s) failed: %v\n  statement: %s\n  %s; the failed step was rolled back where it was transactional",
		e.Step.ID, e.Step.Change, e.Step.Object, e.Err, oneLine(e.Statement), applied)
}

// Unwrap returns the database's error.
func (e *StepError) Unwrap() error { return e.Err }

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// Selected returns the steps of p that opts.Phase selects, in order.
func Selected(p *planner.Plan, phase string) ([]planner.Step, error) {
	var want map[dialects.Phase]bool
	switch phase {
	case "", PhaseAll:
		want = map[dialects.Phase]bool{dialects.PhaseExpand: true, dialects.PhaseBackfill: true, dialects.PhaseValidate: true, dialects.PhaseContract: true}
	case PhaseExpand:
		want = map[dialects.Phase]bool{dialects.PhaseExpand: true, dialects.PhaseBackfill: true, dialects.PhaseValidate: true}
	case PhaseContract:
		want = map[dialects.Phase]bool{dialects.PhaseContract: true}
	default:
		return nil, fmt.Errorf("unknown phase %q: use expand, contract or all", phase)
	}
	var out []planner.Step
	for _, ph := range p.Phases {
		if want[ph.Name] {
			out = append(out, ph.Steps...)
		}
	}
	return out, nil
}

// Run executes the selected steps of p in order and stops at the first
// failure, returning a *StepError.
func Run(ctx context.Context, db inspect.Database, p *planner.Plan, opts Options) (*Report, error) {
	steps, err := Selected(p, opts.Phase)
	if err != nil {
		return nil, err
	}
	d := db.Dialect()
	rep := &Report{}
	var applied []int
	for _, st := range steps {
		if err := ctx.Err(); err != nil {
			rep.Steps = append(rep.Steps, StepResult{ID: st.ID, Summary: st.Summary, Status: StatusSkipped, Err: err})
			return rep, fmt.Errorf("interrupted before step %d: %w", st.ID, err)
		}
		logf(opts.Log, "step %d/%d  %s …", st.ID, len(steps), st.Summary)
		start := time.Now()
		stmt, err := runStep(ctx, db.DB(), d, st)
		res := StepResult{ID: st.ID, Summary: st.Summary, Status: StatusDone, Duration: time.Since(start)}
		if err != nil {
			res.Status, res.Err = StatusFailed, err
			rep.Steps = append(rep.Steps, res)
			logf(opts.Log, "step %d failed after %s", st.ID, res.Duration.Round(time.Millisecond))
			return rep, &StepError{Step: st, Statement: stmt, Applied: applied, Err: err}
		}
		rep.Steps = append(rep.Steps, res)
		applied = append(applied, st.ID)
		logf(opts.Log, "step %d done in %s", st.ID, res.Duration.Round(time.Millisecond))
	}
	return rep, nil
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format+"\n", args...)
	}
}

// runStep executes one step on a dedicated connection and returns the
// statement that failed, if one did.
func runStep(ctx context.Context, pool *sql.DB, d dialects.Dialect, st planner.Step) (string, error) {
	conn, err := pool.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer func() {
		// Leave the pooled connection without this step's limits.
		for _, s := range d.SessionSettings(0, 0) {
			_, _ = conn.ExecContext(context.Background(), s)
		}
		conn.Close()
	}()
	lock, _ := time.ParseDuration(st.LockTimeout)
	stmtTimeout, _ := time.ParseDuration(st.StatementTimeout)
	for _, s := range d.SessionSettings(lock, stmtTimeout) {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return s, err
		}
	}
	if len(st.Statements) == 0 && st.Backfill != nil {
		return "", errors.New("this step is a batched backfill, which this executor cannot run yet")
	}
	if !st.Transactional {
		for _, s := range st.Statements {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				return s, err
			}
		}
		return "", nil
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	for _, s := range st.Statements {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			_ = tx.Rollback()
			return s, err
		}
	}
	return "", tx.Commit()
}
