package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tidedb/tide/apply"
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/planner/render"
	"github.com/tidedb/tide/schema"
)

func runApply(ctx context.Context, e *env, args []string) int {
	o := newFlags(e, "apply", "tide apply --url URL --to PATH [flags]\n       tide apply --url URL PLAN.json [flags]\n       tide apply --url URL   (finishes an unfinished apply)",
		"Plans (or reads a saved plan), prints the plan, asks you to type yes, and executes it.\n"+
			"One apply runs at a time per database; every apply is recorded in the tide schema ('tide status').\n"+
			"When the last apply stopped before its end (Ctrl-C, a crash, kill -9, a failed step), apply first\n"+
			"finishes it from the plan stored with it, a backfill continuing after its checkpoint.\n"+
			"After 'tide apply --phase expand', '--phase contract' (or all) runs the contract steps of the plan that\n"+
			"the expand run stored, given the same --to files (or plan file); it does not plan afresh.\n"+
			"Exit codes: 0 applied or nothing to do, 1 error (another apply running, pre-flight data check failed,\n"+
			"a step failed, post-checks failed), 3 refused (not confirmed, or data loss not allowed), 130 interrupted.")
	o.database()
	o.desired()
	o.planning()
	o.fs.BoolVar(&o.autoApprove, "auto-approve", false, "do not ask for confirmation (CI); required when stdin is not a terminal")
	o.fs.BoolVar(&o.allowDataLoss, "allow-data-loss", false, "allow steps that delete data (dropped tables and columns…)")
	o.fs.StringVar(&o.phase, "phase", "all", "which steps to run: expand (expand+backfill+validate) | contract | all")
	o.fs.DurationVar(&o.batchPause, "batch-pause", 100*time.Millisecond, "pause between backfill batches")
	o.fs.DurationVar(&o.batchTime, "batch-time", apply.DefaultTargetBatchTime, "backfill batches adapt toward this duration (a client writing a row of the current batch waits up to about this long); --batch-size caps them")
	o.fs.IntVar(&o.lockRetries, "lock-retries", apply.DefaultLockRetries, "how often a step that hit --lock-timeout is retried (exponential backoff from 200ms to 10s)")
	o.fs.DurationVar(&o.maxReplicaLag, "max-replica-lag", 0, "before each backfill batch, wait while a replica's replay lag exceeds this (0 = do not look at replicas)")
	o.fs.BoolVar(&o.noResume, "no-resume", false, "do not finish an unfinished last apply first, nor (unless --phase contract) the contract phase an earlier --phase expand left; plan afresh from the database as it is")
	if code, ok := o.parse(e, args); !ok {
		return code
	}
	if _, err := apply.Selected(&planner.Plan{}, o.phase); err != nil {
		return fail(e, err)
	}
	if len(o.positional) > 1 {
		return fail(e, fmt.Errorf("unexpected arguments %q: give at most one saved plan file", o.positional[1:]))
	}
	if len(o.positional) == 1 && len(o.to) > 0 {
		return fail(e, errors.New("give either --to files or a saved plan file, not both"))
	}
	if !o.noResume && o.url != "" {
		if code, stop := resumeUnfinished(ctx, e, o); stop {
			return code
		}
	}
	if o.url != "" && (!o.noResume || o.phase == apply.PhaseContract) {
		if code, stop := continuePending(ctx, e, o); stop {
			return code
		}
	}

	p, db, desired, err := applyPlan(ctx, e, o)
	if err != nil {
		return fail(e, err)
	}
	defer db.Close()
	steps, _ := apply.Selected(p, o.phase)
	if len(steps) == 0 {
		fmt.Fprintln(e.stdout, "Nothing to do: the database already matches the desired schema.")
		return exitOK
	}
	if err := render.Text(e.stdout, p, render.TextOptions{Color: e.colour}); err != nil {
		return fail(e, err)
	}
	if code, ok := confirmApply(e, o, steps, fmt.Sprintf("Apply %d steps to %s?", len(steps), db.Target())); !ok {
		return code
	}
	opts := applyOptions(e, o)
	if desired != nil {
		opts.DriftCheck = func(ctx context.Context) ([]string, error) { return driftOf(ctx, o) }
		opts.DesiredFingerprint = schema.Fingerprint(desired)
	}
	rep, err := apply.Run(ctx, db, p, opts)
	if err != nil {
		return applyFailed(e, err)
	}
	fmt.Fprintf(e.stdout, "Applied %d steps to %s (apply #%d; 'tide status' shows the history).\n", rep.Done(), db.Target(), rep.ApplyID)
	return exitOK
}

// confirmApply refuses steps that delete data without --allow-data-loss and
// asks for "yes" unless --auto-approve; ok is false (with the exit code)
// when apply must not go on.
func confirmApply(e *env, o *options, steps []planner.Step, question string) (int, bool) {
	if lossy := dataLossSteps(steps); len(lossy) > 0 && !o.allowDataLoss {
		fmt.Fprintf(e.stderr, "tide: refusing to apply: step(s) %s delete data; re-run with --allow-data-loss if that is intended\n", strings.Join(lossy, ", "))
		return exitRefused, false
	}
	if o.autoApprove {
		return exitOK, true
	}
	if !e.isTerminal() {
		fmt.Fprintln(e.stderr, "tide: refusing to apply without confirmation: stdin is not a terminal; pass --auto-approve to apply non-interactively")
		return exitRefused, false
	}
	fmt.Fprintf(e.stdout, "\n%s Type yes: ", question)
	answer, _ := bufio.NewReader(e.stdin).ReadString('\n')
	if strings.TrimSpace(answer) != "yes" {
		fmt.Fprintln(e.stderr, "tide: not confirmed; nothing was changed")
		return exitRefused, false
	}
	return exitOK, true
}

// applyOptions turns the flags into executor options.
func applyOptions(e *env, o *options) apply.Options {
	opts := apply.Options{
		Phase:           o.phase,
		Log:             e.stderr,
		TideVersion:     version,
		LockRetries:     o.lockRetries,
		BatchSize:       o.batchSize,
		BatchPause:      o.batchPause,
		TargetBatchTime: o.batchTime,
		MaxReplicaLag:   o.maxReplicaLag,
		ProgressBar:     progressBarAllowed(stderrIsTerminal(e), os.Getenv),
	}
	if o.lockRetries == 0 {
		opts.LockRetries = -1 // --lock-retries 0: no retry
	}
	return opts
}

// stderrIsTerminal reports whether the env's stderr is a terminal (behind
// its password redactor).
func stderrIsTerminal(e *env) bool {
	rw, ok := e.stderr.(*redactingWriter)
	return ok && isCharDevice(rw.w)
}

// progressBarAllowed says whether backfills draw a progress bar: only on a
// terminal, and not when NO_COLOR is set or TERM is "dumb" (no cursor
// control); otherwise they log a progress line every few seconds.
func progressBarAllowed(terminal bool, getenv func(string) string) bool {
	return terminal && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// resumeUnfinished finishes the last apply when it stopped before its end,
// from the plan stored with it. stop is true when apply should end with
// code: the resumed run failed or was refused, or nothing else was asked
// (no --to), or the saved plan given is the one just finished.
func resumeUnfinished(ctx context.Context, e *env, o *options) (int, bool) {
	db, err := inspect.Open(ctx, o.url)
	if err != nil {
		return fail(e, err), true
	}
	defer db.Close()
	u, err := apply.FindUnfinished(ctx, db)
	if err != nil {
		return applyFailed(e, err), true
	}
	if u == nil {
		return exitOK, false
	}
	saved := len(o.positional) == 1
	if saved {
		p, err := readPlanFile(o.positional[0])
		if err != nil {
			return fail(e, err), true
		}
		if p.Fingerprint != u.Apply.Fingerprint {
			return fail(e, fmt.Errorf("%s: the last %s; finish it first with 'tide apply --url …' (no plan file: it resumes from the stored plan) or undo it with 'tide rollback', then plan again", db.Target(), u.Describe())), true
		}
	}
	fmt.Fprintf(e.stdout, "The last %s.\nResuming it from the plan stored with it:\n\n", u.Describe())
	if err := render.Text(e.stdout, u.Plan, render.TextOptions{Color: e.colour}); err != nil {
		return fail(e, err), true
	}
	if code, ok := confirmApply(e, o, u.Plan.Steps(), fmt.Sprintf("Finish apply #%d: run its %d remaining steps on %s?", u.Apply.ID, u.Remaining(), db.Target())); !ok {
		return code, true
	}
	opts := applyOptions(e, o)
	opts.Phase, opts.Resumes = u.Apply.Phase, u.Apply.ID
	rep, err := apply.Run(ctx, db, u.Plan, opts)
	if err != nil {
		return applyFailed(e, err), true
	}
	fmt.Fprintf(e.stdout, "Finished apply #%d: ran its %d remaining steps (apply #%d).\n", u.Apply.ID, rep.Done(), rep.ApplyID)
	if saved || len(o.to) == 0 || (o.phase == apply.PhaseContract && u.Apply.Phase != apply.PhaseExpand) {
		return exitOK, true // nothing else asked, or the resumed run included the contract asked for
	}
	fmt.Fprintln(e.stdout, "Planning again against the desired files:")
	return exitOK, false
}

// continuePending runs the contract steps of a plan whose expand phase a
// finished 'tide apply --phase expand' left pending, from the plan stored
// with it — a fresh plan would misread the expand's temporary objects —
// after checking that the desired files (or the saved plan) given now are
// the ones it was made from. With --phase expand there is then nothing to
// do. stop is false when no plan is pending and the phase is not contract:
// apply then plans afresh.
func continuePending(ctx context.Context, e *env, o *options) (int, bool) {
	db, err := inspect.Open(ctx, o.url)
	if err != nil {
		return fail(e, err), true
	}
	defer db.Close()
	pend, err := apply.FindPending(ctx, db)
	var none *apply.NoPendingError
	if errors.As(err, &none) && o.phase != apply.PhaseContract {
		return exitOK, false
	}
	if err != nil {
		return applyFailed(e, err), true
	}
	desiredFP, err := checkPending(ctx, o, db.Target(), pend)
	if err != nil {
		return fail(e, err), true
	}
	if o.phase == apply.PhaseExpand {
		fmt.Fprintf(e.stdout, "Nothing to do: apply #%d already ran the expand phase of this plan; its %d contract step(s) wait for 'tide apply --phase contract' (run it once every application instance runs the new version).\n",
			pend.Apply.ID, pend.Contract.Summary.Steps)
		return exitOK, true
	}
	fmt.Fprintf(e.stdout, "Apply %s ran the expand phase of this plan; its contract steps, from the plan stored with it:\n\n", pend.Applies)
	if err := render.Text(e.stdout, pend.Contract, render.TextOptions{Color: e.colour}); err != nil {
		return fail(e, err), true
	}
	if code, ok := confirmApply(e, o, pend.Contract.Steps(), fmt.Sprintf("Run the %d contract steps of apply #%d on %s?", pend.Contract.Summary.Steps, pend.Apply.ID, db.Target())); !ok {
		return code, true
	}
	opts := applyOptions(e, o)
	opts.Phase, opts.Continues, opts.DesiredFingerprint = apply.PhaseContract, pend.Apply.ID, desiredFP
	if len(o.positional) == 0 {
		opts.DriftCheck = func(ctx context.Context) ([]string, error) { return driftOf(ctx, o) }
	}
	rep, err := apply.Run(ctx, db, pend.Contract, opts)
	if err != nil {
		return applyFailed(e, err), true
	}
	fmt.Fprintf(e.stdout, "Applied the %d contract steps of apply #%d to %s (apply #%d; 'tide status' shows the history).\n", rep.Done(), pend.Apply.ID, db.Target(), rep.ApplyID)
	return exitOK, true
}

// checkPending refuses a pending plan unless the saved plan file given is
// that plan, or the desired files given are those it was made from (whose
// fingerprint it returns).
func checkPending(ctx context.Context, o *options, target string, pend *apply.Pending) (string, error) {
	if len(o.positional) == 1 {
		saved, err := readPlanFile(o.positional[0])
		if err != nil {
			return "", err
		}
		return "", pend.CheckPlan(target, o.positional[0], saved)
	}
	if len(o.to) == 0 {
		return "", fmt.Errorf("apply #%d on %s ran the expand phase of a plan whose contract steps wait; to run them pass the desired files that plan was made from (--to …, the same --var values) or its saved plan file, so that tide can check it is the same migration; nothing was changed", pend.Apply.ID, target)
	}
	t, err := openTarget(ctx, o)
	if err != nil {
		return "", err
	}
	defer t.db.Close()
	fp := schema.Fingerprint(t.desired)
	return fp, pend.CheckDesired(target, fp)
}

// applyFailed prints an apply or rollback error and picks its exit code.
func applyFailed(e *env, err error) int {
	fmt.Fprintf(e.stderr, "tide: %v\n", err)
	var irreversible *apply.IrreversibleError
	switch {
	case errors.Is(err, apply.ErrInterrupted):
		return exitSignal
	case errors.As(err, &irreversible):
		return exitRefused
	}
	return exitError
}

// driftOf re-reads the desired files and the database exactly as
// 'tide drift' does (fresh inspection, fresh normalisation) and lists the
// differences.
func driftOf(ctx context.Context, o *options) ([]string, error) {
	t, err := openTarget(ctx, o)
	if err != nil {
		return nil, err
	}
	defer t.db.Close()
	changes, err := planner.DiffFor(t.d, t.current, t.desired)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range changes {
		out = append(out, c.Kind()+" "+c.Object())
	}
	return out, nil
}

// applyPlan returns the plan to apply (fresh, or a saved one that still
// matches the database), the open database, and the desired schema (nil for
// a saved plan).
func applyPlan(ctx context.Context, e *env, o *options) (*planner.Plan, inspect.Database, *schema.Schema, error) {
	if len(o.positional) == 0 {
		t, err := openTarget(ctx, o)
		if err != nil {
			return nil, nil, nil, err
		}
		p, _, err := buildPlan(t.current, t.desired, t.d, o, t.version, t.db.Target())
		if err != nil {
			t.db.Close()
			return nil, nil, nil, err
		}
		return p, t.db, t.desired, nil
	}
	p, db, err := savedPlan(ctx, o)
	return p, db, nil, err
}

// savedPlan reads a saved plan and opens its database, refusing a plan
// whose fingerprint no longer matches.
func savedPlan(ctx context.Context, o *options) (*planner.Plan, inspect.Database, error) {
	p, err := readPlanFile(o.positional[0])
	if err != nil {
		return nil, nil, err
	}
	if o.url == "" {
		return nil, nil, errors.New("no database: pass --url (or set TIDE_URL)")
	}
	db, err := inspect.Open(ctx, o.url)
	if err != nil {
		return nil, nil, err
	}
	if db.Dialect().Name() != p.Dialect {
		db.Close()
		return nil, nil, fmt.Errorf("%s is a %s plan but %s is a %s database", o.positional[0], p.Dialect, db.Target(), db.Dialect().Name())
	}
	current, err := db.Inspect(ctx, o.inspectOptions(false))
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	if fp := schema.Fingerprint(current); fp != p.Fingerprint {
		db.Close()
		return nil, nil, fmt.Errorf("saved plan %s is stale: the database schema changed since it was planned (fingerprint %s, now %s); run 'tide plan' again", o.positional[0], short(p.Fingerprint), short(fp))
	}
	return p, db, nil
}

func short(fp string) string {
	if i := strings.IndexByte(fp, ':'); i >= 0 && len(fp) > i+13 {
		return fp[i+1 : i+13]
	}
	return fp
}

func readPlanFile(path string) (*planner.Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("saved plan: %w", err)
	}
	defer f.Close()
	p, err := planner.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("saved plan %s: %w", path, err)
	}
	return p, nil
}

func dataLossSteps(steps []planner.Step) []string {
	var ids []string
	for _, s := range steps {
		for _, h := range s.Hazards {
			if h.Code == dialects.HazardDeletesData {
				ids = append(ids, fmt.Sprint(s.ID))
				break
			}
		}
	}
	return ids
}
