package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/tidedb/tide/apply"
	"github.com/tidedb/tide/inspect"
)

func runRollback(ctx context.Context, e *env, args []string) int {
	o := newFlags(e, "rollback", "tide rollback --url URL [--auto-approve]",
		"Undoes the completed steps of the last apply, latest first, from the rollback SQL of the plan stored\n"+
			"with it — and, when that apply resumed an interrupted one, the steps the interrupted one completed;\n"+
			"asks you to type yes. Refuses when one of those steps is irreversible.\n"+
			"Exit codes: 0 rolled back, 1 error (or nothing to roll back), 3 refused (not confirmed, irreversible step), 130 interrupted.")
	o.fs.StringVar(&o.url, "url", "", "database URL, e.g. postgres://user:pass@host:5432/db (default $TIDE_URL)")
	o.fs.BoolVar(&o.autoApprove, "auto-approve", false, "do not ask for confirmation (CI); required when stdin is not a terminal")
	o.fs.IntVar(&o.lockRetries, "lock-retries", apply.DefaultLockRetries, "how often an undo step that hit its lock timeout is retried")
	if code, ok := o.parse(e, args); !ok {
		return code
	}
	if o.url == "" {
		return fail(e, fmt.Errorf("no database: pass --url (or set TIDE_URL)"))
	}
	db, err := inspect.Open(ctx, o.url)
	if err != nil {
		return fail(e, err)
	}
	defer db.Close()
	rp, err := apply.PlanRollback(ctx, db)
	if err != nil {
		if errors.Is(err, apply.ErrNothingToRollBack) {
			fmt.Fprintf(e.stderr, "tide: %v\n", err)
			return exitError
		}
		return applyFailed(e, err)
	}
	fmt.Fprintf(e.stdout, "Rollback of apply #%d (%s, %s, started %s) on %s — %d step(s) to undo, latest first:\n",
		rp.Apply.ID, rp.Apply.Outcome, rp.Apply.Phase, rp.Apply.Started.Format("2006-01-02 15:04:05 MST"), db.Target(), len(rp.Steps))
	for _, a := range rp.Applies[1:] {
		fmt.Fprintf(e.stdout, "  (with the steps of apply #%d, %s, started %s, which it resumed)\n", a.ID, a.Outcome, a.Started.Format("2006-01-02 15:04:05 MST"))
	}
	for _, st := range rp.Steps {
		fmt.Fprintf(e.stdout, "  undo step %d  %s\n", st.ID, st.Summary)
		for _, s := range st.Rollback {
			fmt.Fprintf(e.stdout, "      %s\n", strings.Join(strings.Fields(s), " "))
		}
	}
	if !o.autoApprove {
		if !e.isTerminal() {
			fmt.Fprintln(e.stderr, "tide: refusing to roll back without confirmation: stdin is not a terminal; pass --auto-approve to roll back non-interactively")
			return exitRefused
		}
		fmt.Fprintf(e.stdout, "\nUndo %d steps on %s? Type yes: ", len(rp.Steps), db.Target())
		answer, _ := bufio.NewReader(e.stdin).ReadString('\n')
		if strings.TrimSpace(answer) != "yes" {
			fmt.Fprintln(e.stderr, "tide: not confirmed; nothing was changed")
			return exitRefused
		}
	}
	opts := apply.Options{Log: e.stderr, TideVersion: version, LockRetries: o.lockRetries}
	if o.lockRetries == 0 {
		opts.LockRetries = -1
	}
	rep, err := apply.Rollback(ctx, db, rp, opts)
	if err != nil {
		return applyFailed(e, err)
	}
	fmt.Fprintf(e.stdout, "Rolled back %d steps of apply %s on %s (recorded as #%d).\n", rep.Done(), rp.AppliesList(), db.Target(), rep.ApplyID)
	return exitOK
}
