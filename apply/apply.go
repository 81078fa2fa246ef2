// Package apply executes plans against a live database, carefully: one apply
// at a time (a server-side lock), every apply and step recorded in a history
// table, each step under its lock and statement timeouts with retries on lock
// timeouts, online index builds checked for validity, backfills run in
// resumable, adaptive batches, data pre-flight checks before anything is
// touched and post-checks after the last step. Rollback and Status read the
// same history. Engine specifics come from dialects.ExecSQL and
// dialects.ErrorClassifier: this package holds no engine's SQL.
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

// Defaults of Options.
const (
	DefaultLockRetries     = 10
	DefaultBackoffStart    = 200 * time.Millisecond
	DefaultBackoffMax      = 10 * time.Second
	DefaultTargetBatchTime = 50 * time.Millisecond
	DefaultProgressEvery   = 5 * time.Second
	DefaultReplicaLagPoll  = time.Second
	// ProgressBarRate is how many times a second a progress bar is redrawn
	// at most.
	ProgressBarRate = 10
	// MinBatchSize and MaxBatchSize bound the adaptive backfill batch size.
	MinBatchSize = 100
	MaxBatchSize = 50000
	// CalibrationBatchSize is the first batch of a backfill: small, so that
	// its duration measures the table without holding rows long.
	CalibrationBatchSize = 200
	// IndexBuildAttempts is how often an online index build that leaves an
	// invalid index is tried in all.
	IndexBuildAttempts = 3
)

// Options tune Run. The zero value of each field means its default.
type Options struct {
	// Phase is PhaseAll (default), PhaseExpand or PhaseContract.
	Phase string
	// Log receives one line per step as it starts and ends, retries and
	// backfill progress; nil = silent.
	Log io.Writer
	// TideVersion is recorded in the history.
	TideVersion string
	// LockRetries is how many times a step (or backfill batch) that hit its
	// lock timeout is retried (default DefaultLockRetries; negative = none).
	LockRetries int
	// BackoffStart and BackoffMax bound the exponential backoff between
	// retries (defaults DefaultBackoffStart, DefaultBackoffMax).
	BackoffStart, BackoffMax time.Duration
	// BatchSize is the first backfill batch size (default: the step's).
	BatchSize int
	// BatchPause is the pause between two backfill batches.
	BatchPause time.Duration
	// TargetBatchTime is the batch duration the batch size adapts toward
	// (default DefaultTargetBatchTime; negative = fixed batch size).
	TargetBatchTime time.Duration
	// ProgressEvery is how often a backfill logs its progress (default
	// DefaultProgressEvery).
	ProgressEvery time.Duration
	// OnBatch, when set, is called after every committed backfill batch.
	OnBatch func(BatchProgress)
	// ProgressBar draws the backfill progress as a bar redrawn in place on
	// Log (at most ProgressBarRate times a second) instead of a log line
	// every ProgressEvery. Set it only when Log is a terminal that can take
	// carriage returns and ANSI erase-line codes.
	ProgressBar bool
	// MaxReplicaLag, when positive, makes a backfill wait before each batch
	// while any replica's replay lag exceeds it (0 = do not look at
	// replicas).
	MaxReplicaLag time.Duration
	// ReplicaLagPoll is how often the lag is read again while waiting
	// (default DefaultReplicaLagPoll).
	ReplicaLagPoll time.Duration
	// Resumes is the id of an unfinished apply (see Unfinished) whose
	// remaining steps this run carries out; Run marks that apply as
	// interrupted when the history still says it is running (its process
	// died), and records the whole plan of its lineage with a link to it,
	// so that a later resume or rollback sees every apply of the plan.
	// 0 = a new apply.
	Resumes int64
	// Continues is the id of the apply whose expand phase a pending plan
	// ended with (see Pending): this run carries out that plan's contract
	// steps, and Run checks under the apply lock that it still waits for
	// them. 0 = none.
	Continues int64
	// DesiredFingerprint is schema.Fingerprint of the desired schema the
	// plan was made for, recorded so that a later --phase contract can
	// check it is given the same desired state ("" = unknown, e.g. a saved
	// plan; a resumed or continued run keeps the fingerprint recorded
	// before).
	DesiredFingerprint string
	// DriftCheck, when set, is the final post-check: it compares the database
	// with the desired schema and returns the differences (none = no drift).
	// It runs only when the contract phase ran.
	DriftCheck func(ctx context.Context) ([]string, error)
}

func (o Options) withDefaults() Options {
	if o.Phase == "" {
		o.Phase = PhaseAll
	}
	if o.LockRetries == 0 {
		o.LockRetries = DefaultLockRetries
	} else if o.LockRetries < 0 {
		o.LockRetries = 0
	}
	if o.BackoffStart <= 0 {
		o.BackoffStart = DefaultBackoffStart
	}
	if o.BackoffMax <= 0 {
		o.BackoffMax = DefaultBackoffMax
	}
	if o.TargetBatchTime == 0 {
		o.TargetBatchTime = DefaultTargetBatchTime
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = DefaultProgressEvery
	}
	if o.ReplicaLagPoll <= 0 {
		o.ReplicaLagPoll = DefaultReplicaLagPoll
	}
	return o
}

// Status of a step in a Report and in the history.
const (
	StatusRunning     = "running"
	StatusDone        = "done"
	StatusFailed      = "failed"
	StatusSkipped     = "skipped"
	StatusInterrupted = "interrupted"
	StatusPostCheck   = "post-check failed"
)

// StepResult is what happened to one step.
type StepResult struct {
	ID       int
	Summary  string
	Status   string
	Duration time.Duration
	// Attempts counts the runs of the step (more than 1 after retries).
	Attempts int
	Err      error
}

// Report lists what Run did, in order.
type Report struct {
	// ApplyID is the apply's id in the history (0 before it was recorded).
	ApplyID int64
	Steps   []StepResult
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
		applied = "steps " + strings.Join(ids, ", ") + " completed ('tide rollback' undoes them)"
	}
	stmt := ""
	if e.Statement != "" {
		stmt = "\n  statement: " + oneLine(e.Statement)
	}
	return fmt.Sprintf("step %d (%s %s) failed: %v%s\n  %s; the failed step was rolled back where it was transactional",
		e.Step.ID, e.Step.Change, e.Step.Object, e.Err, stmt, applied)
}

// Unwrap returns the cause.
func (e *StepError) Unwrap() error { return e.Err }

// ErrInterrupted is wrapped by the error Run returns when its context was
// cancelled (Ctrl-C, SIGTERM): the current statement or batch finished and
// was recorded first.
var ErrInterrupted = errors.New("interrupted")

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// Selected returns the steps of p that phase selects, in order.
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

// Run executes the selected steps of p in order: it takes the apply lock
// (a *LockHeldError when another apply holds it), runs the pre-flight checks
// (a *PreflightError, nothing touched, when data would make a step fail),
// records the apply in the history, runs each step, stops at the first
// failure (a *StepError), and runs the post-checks (a *PostCheckError). When
// ctx is cancelled it finishes the current statement or batch, records the
// apply as interrupted and returns an error wrapping ErrInterrupted.
func Run(ctx context.Context, db inspect.Database, p *planner.Plan, opts Options) (*Report, error) {
	opts = opts.withDefaults()
	steps, err := Selected(p, opts.Phase)
	if err != nil {
		return nil, err
	}
	eng, err := newEngine(db)
	if err != nil {
		return nil, err
	}
	dbctx := context.WithoutCancel(ctx)
	sess, err := lockApply(dbctx, eng, "tide apply")
	if err != nil {
		return nil, err
	}
	defer sess.release()
	r := &runner{ctx: ctx, db: db, dbctx: dbctx, eng: eng, opts: opts, sess: sess, rep: &Report{}}
	record, n, resumed, err := r.record(p)
	if err != nil {
		return nil, err
	}
	if err := r.checkBackfillKeys(steps); err != nil {
		return nil, err
	}
	if err := r.checkReplicaLagReadable(steps); err != nil {
		return nil, err
	}
	deferred, err := r.preflight(steps)
	if err != nil {
		return nil, err
	}
	hist, err := startHistory(dbctx, sess, "apply", record, n, opts.Phase, opts.TideVersion)
	if err != nil {
		return nil, err
	}
	hist.log = opts.Log
	if opts.Resumes != 0 {
		hist.markCrashed(resumed)
		r.logf("resuming apply #%d as apply #%d", opts.Resumes, hist.applyID)
	}
	r.hist = hist
	r.rep.ApplyID = hist.applyID
	if err := r.runSteps(steps, deferred); err != nil {
		outcome := StatusFailed
		if errors.Is(err, ErrInterrupted) {
			outcome = StatusInterrupted
		}
		hist.endApply(outcome, err)
		return r.rep, err
	}
	if err := r.postCheck(); err != nil {
		hist.endApply(StatusPostCheck, err)
		return r.rep, err
	}
	hist.endApply(StatusDone, nil)
	return r.rep, nil
}

// record returns the plan and notes to record for a run of p: p itself
// for a new apply; for a resumed or continued one the whole plan stored
// before, linked to the apply it carries on (checked under the apply lock)
// and, when resuming, that apply.
func (r *runner) record(p *planner.Plan) (*planner.Plan, notes, ApplyRecord, error) {
	n := notes{DesiredFingerprint: r.opts.DesiredFingerprint}
	switch {
	case r.opts.Resumes != 0 && r.opts.Continues != 0:
		return nil, n, ApplyRecord{}, errors.New("an apply cannot both resume one apply and continue another")
	case r.opts.Resumes != 0:
		resumed, lin, err := r.checkResumed()
		if err != nil {
			return nil, n, ApplyRecord{}, err
		}
		n.Resumes, n.Continues = resumed.ID, lin.notes.Continues
		if n.DesiredFingerprint == "" {
			n.DesiredFingerprint = lin.notes.DesiredFingerprint
		}
		return lin.plan, n, resumed, nil
	case r.opts.Continues != 0:
		pending, err := r.checkContinued()
		if err != nil {
			return nil, n, ApplyRecord{}, err
		}
		n.Continues = pending.Apply.ID
		if n.DesiredFingerprint == "" {
			n.DesiredFingerprint = pending.DesiredFingerprint
		}
		return pending.Plan, n, ApplyRecord{}, nil
	}
	return p, n, ApplyRecord{}, nil
}

// runner carries one Run.
type runner struct {
	ctx   context.Context // cancelled by a signal: checked between statements
	db    inspect.Database
	dbctx context.Context // never cancelled: a started statement finishes
	eng   *engine
	opts  Options
	sess  *session
	hist  *history
	rep   *Report
	// bar is the progress bar on the log while a backfill draws one.
	bar *progressBar
	// conn is the running step's connection (lockwait.go watches it).
	conn *sql.Conn
	// rerun maps the id of each step an earlier apply of the resumed
	// lineage started without completing to the latest such apply (see
	// checkResumed); nil for a new apply.
	rerun map[int]int64
}

func (r *runner) logf(format string, args ...any) {
	if r.opts.Log != nil {
		if r.bar != nil {
			r.bar.clear()
		}
		fmt.Fprintf(r.opts.Log, format+"\n", args...)
	}
}

// runSteps runs the steps in order, each recorded in the history.
func (r *runner) runSteps(steps []planner.Step, deferred map[int][]dialects.Preflight) error {
	var applied []int
	for i, st := range steps {
		if err := r.ctx.Err(); err != nil {
			r.rep.Steps = append(r.rep.Steps, StepResult{ID: st.ID, Summary: st.Summary, Status: StatusSkipped, Err: err})
			return fmt.Errorf("%w before step %d; steps done so far are recorded, run apply again to continue", ErrInterrupted, st.ID)
		}
		if checks := deferred[st.ID]; len(checks) > 0 {
			if err := r.checkNow(st, checks); err != nil {
				return &StepError{Step: st, Applied: applied, Err: err}
			}
		}
		r.logf("step %d (%d/%d)  %s …", st.ID, i+1, len(steps), st.Summary)
		start := time.Now()
		r.hist.startStep(st)
		attempts, stmt, err := r.runStep(st)
		res := StepResult{ID: st.ID, Summary: st.Summary, Status: StatusDone, Duration: time.Since(start), Attempts: attempts}
		if err != nil {
			res.Status, res.Err = StatusFailed, err
			if errors.Is(err, ErrInterrupted) {
				res.Status = StatusInterrupted
			}
			r.hist.endStep(st, res.Status, err, attempts)
			r.rep.Steps = append(r.rep.Steps, res)
			r.logf("step %d %s after %s", st.ID, res.Status, res.Duration.Round(time.Millisecond))
			if res.Status == StatusInterrupted {
				return fmt.Errorf("step %d: %w", st.ID, err)
			}
			return &StepError{Step: st, Statement: stmt, Applied: applied, Err: err}
		}
		r.hist.endStep(st, StatusDone, nil, attempts)
		r.rep.Steps = append(r.rep.Steps, res)
		applied = append(applied, st.ID)
		r.logf("step %d done in %s", st.ID, res.Duration.Round(time.Millisecond))
	}
	return nil
}
