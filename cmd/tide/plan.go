package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tidedb/tide/apply"
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/planner/render"
	"github.com/tidedb/tide/schema"
)

func (o *options) planning() {
	o.fs.StringVar(&o.format, "format", "text", "output format: text | markdown | json | sql")
	o.fs.DurationVar(&o.lockTimeout, "lock-timeout", 2*time.Second, "how long each step may wait for its lock")
	o.fs.DurationVar(&o.stmtTimeout, "statement-timeout", time.Minute, "limit for ordinary steps (index builds, validations and backfills run without one)")
	o.fs.IntVar(&o.batchSize, "batch-size", 5000, "rows per backfill batch")
}

func runPlan(ctx context.Context, e *env, args []string) int {
	o := newFlags(e, "plan", "tide plan --url URL --to PATH [flags]\n       tide plan --from PATH --to PATH --dialect postgres [flags]",
		"Prints the safe plan that turns the database (or the --from files) into the --to files.\nExit codes: 0 ok, 1 error.")
	o.database()
	o.desired()
	o.planning()
	o.fs.Var(&o.from, "from", "offline: the current state as files instead of a database (with --dialect)")
	o.fs.StringVar(&o.dialect, "dialect", "", "offline: the files' dialect when they do not say (postgres)")
	o.fs.StringVar(&o.out, "out", "", "also save the plan as JSON to this file, for 'tide apply FILE'")
	if code, ok := o.parse(e, args); !ok {
		return code
	}
	if len(o.positional) > 0 {
		return fail(e, fmt.Errorf("unexpected argument %q (desired state goes in --to)", o.positional[0]))
	}
	p, d, err := makePlan(ctx, o, e.stderr)
	if err != nil {
		return fail(e, err)
	}
	if o.out != "" {
		if err := writePlanFile(o.out, p); err != nil {
			return fail(e, err)
		}
	}
	if err := renderPlan(e, e.stdout, p, d, o.format); err != nil {
		return fail(e, err)
	}
	return exitOK
}

// makePlan plans either against --url or offline from --from files.
func makePlan(ctx context.Context, o *options, notes io.Writer) (*planner.Plan, dialects.Dialect, error) {
	if len(o.from) > 0 {
		explicitURL := false
		o.fs.Visit(func(f *flag.Flag) { explicitURL = explicitURL || f.Name == "url" })
		if explicitURL {
			return nil, nil, fmt.Errorf("--from and --url are exclusive: plan against files or against a database")
		}
		return planOffline(o)
	}
	t, err := openTarget(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	defer t.db.Close()
	if p, ok, err := pendingContract(ctx, notes, t); ok || err != nil {
		return p, t.d, err
	}
	p, _, err := buildPlan(t.current, t.desired, t.d, o, t.version, t.db.Target())
	return p, t.d, err
}

// pendingContract is the plan left to run when a finished
// 'tide apply --phase expand' of this same desired state waits for its
// contract phase: the stored plan's contract steps (a fresh plan would
// misread the expand's temporary objects). For a different desired state
// it warns that apply will refuse until the contract runs or the expand is
// rolled back, and lets the caller plan afresh (ok false).
func pendingContract(ctx context.Context, notes io.Writer, t *target) (p *planner.Plan, ok bool, err error) {
	if _, canApply := t.d.(dialects.ExecSQL); !canApply {
		return nil, false, nil // a dialect without an executor never applied anything
	}
	pend, err := apply.FindPending(ctx, t.db)
	var none *apply.NoPendingError
	if errors.As(err, &none) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if err := pend.CheckDesired(t.db.Target(), schema.Fingerprint(t.desired)); err != nil {
		fmt.Fprintf(notes, "tide: warning: apply %s ran the expand phase of another plan, whose contract steps wait; the plan below is a fresh one and 'tide apply' will refuse it until that contract runs ('tide apply --phase contract' with that plan's files) or the expand is rolled back ('tide rollback')\n", pend.Applies)
		return nil, false, nil
	}
	fmt.Fprintf(notes, "tide: apply %s ran the expand phase of this plan; below are its remaining contract steps, from the plan stored with it ('tide apply --phase contract' runs them)\n", pend.Applies)
	return pend.Contract, true, nil
}

func planOffline(o *options) (*planner.Plan, dialects.Dialect, error) {
	vars, err := o.varMap()
	if err != nil {
		return nil, nil, err
	}
	// With --dialect the two sides are independent and load side by side;
	// without it the --to files are read for the dialect --from turned out to be.
	type loaded struct {
		s   *schema.Schema
		err error
	}
	toCh := make(chan loaded, 1)
	if o.dialect != "" {
		go func() {
			s, _, err := loadFiles(o.to, o.dialect, vars)
			toCh <- loaded{s, err}
		}()
	}
	from, d, err := loadFiles(o.from, o.dialect, vars)
	if err != nil {
		if o.dialect != "" {
			<-toCh
		}
		return nil, nil, fmt.Errorf("--from: %w", err)
	}
	if o.dialect == "" {
		s, _, err := loadFiles(o.to, d.Name(), vars)
		toCh <- loaded{s, err}
	}
	side := <-toCh
	if side.err != nil {
		return nil, nil, side.err
	}
	to := side.s
	p, _, err := buildPlan(from, to, d, o, dialects.Version{}, "")
	return p, d, err
}

func renderPlan(e *env, w io.Writer, p *planner.Plan, d dialects.Dialect, format string) error {
	switch format {
	case "text", "":
		return render.Text(w, p, render.TextOptions{Color: e.colour})
	case "markdown", "md":
		return render.Markdown(w, p)
	case "json":
		return render.JSON(w, p)
	case "sql":
		return render.SQL(w, p, d)
	}
	return fmt.Errorf("unknown --format %q: use text, markdown, json or sql", format)
}

func writePlanFile(path string, p *planner.Plan) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if err := planner.WriteJSON(f, p); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// fail prints an error and returns exit code 1.
func fail(e *env, err error) int {
	fmt.Fprintf(e.stderr, "tide: %v\n", err)
	return exitError
}
