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
	o := newFlags(e, "apply", "tide apply --url URL --to PATH [flags]\n       tide apply --url URL PLAN.json [flags]",
		"Plans (or reads a saved plan), prints the plan, asks you to type yes, and executes it.\n"+
			"One apply runs at a time per database; every apply is recorded in the tide schema ('tide status').\n"+
			"Exit codes: 0 applied or nothing to do, 1 error (another apply running, pre-flight data check failed,\n"+
			"a step failed, post-checks failed), 3 refused (not confirmed, or data loss not allowed), 130 interrupted.")
	o.database()
	o.desired()
	o.planning()
	o.fs.BoolVar(&o.autoApprove, "auto-approve", false, "do not ask for confirmation (CI); required when stdin is not a terminal")
	o.fs.BoolVar(&o.allowDataLoss, "allow-data-loss", false, "allow steps that delete data (dropped tables and columns…)")
	o.fs.StringVar(&o.phase, "phase", "all", "which steps to run: expand (expand+backfill+validate) | contract | all")
	o.fs.DurationVar(&o.batchPause, "batch-pause", 100*time.Millisecond, "pause between backfill batches")
	o.fs.IntVar(&o.lockRetries, "lock-retries", apply.DefaultLockRetries, "how often a step that hit --lock-timeout is retried (exponential backoff from 200ms to 10s)")
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
	if lossy := dataLossSteps(steps); len(lossy) > 0 && !o.allowDataLoss {
		fmt.Fprintf(e.stderr, "tide: refusing to apply: step(s) %s delete data; re-run with --allow-data-loss if that is intended\n", strings.Join(lossy, ", "))
		return exitRefused
	}
	if !o.autoApprove {
		if !e.isTerminal() {
			fmt.Fprintln(e.stderr, "tide: refusing to apply without confirmation: stdin is not a terminal; pass --auto-approve to apply non-interactively")
			return exitRefused
		}
		fmt.Fprintf(e.stdout, "\nApply %d steps to %s? Type yes: ", len(steps), db.Target())
		answer, _ := bufio.NewReader(e.stdin).ReadString('\n')
		if strings.TrimSpace(answer) != "yes" {
			fmt.Fprintln(e.stderr, "tide: not confirmed; nothing was changed")
			return exitRefused
		}
	}
	opts := apply.Options{
		Phase:       o.phase,
		Log:         e.stderr,
		TideVersion: version,
		LockRetries: o.lockRetries,
		BatchSize:   o.batchSize,
		BatchPause:  o.batchPause,
	}
	if o.lockRetries == 0 {
		opts.LockRetries = -1 // --lock-retries 0: no retry
	}
	if desired != nil {
		opts.DriftCheck = func(ctx context.Context) ([]string, error) { return driftOf(ctx, o) }
	}
	rep, err := apply.Run(ctx, db, p, opts)
	if err != nil {
		return applyFailed(e, err)
	}
	fmt.Fprintf(e.stdout, "Applied %d steps to %s (apply #%d; 'tide status' shows the history).\n", rep.Done(), db.Target(), rep.ApplyID)
	return exitOK
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
	changes, err := planner.Diff(t.current, t.desired)
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
	current, err := db.Inspect(ctx, inspect.Options{Schemas: o.schemas})
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
