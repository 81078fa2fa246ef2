package apply

import (
	"fmt"
	"strings"
)

// Leftover is something an apply must not leave behind.
type Leftover struct {
	// Kind is "invalid index", "constraint not validated", or the kind of a
	// temporary tide object ("column", "index", "trigger", …).
	Kind, Object, Problem string
}

// PostCheckError says the steps ran but the database is not where the plan
// promised: leftovers, or drift from the desired schema.
type PostCheckError struct {
	Target    string
	Leftovers []Leftover
	// Drift lists the differences from the desired schema; DriftErr is set
	// when the drift check itself failed.
	Drift    []string
	DriftErr error
}

func (e *PostCheckError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "post-checks failed on %s after every step ran", e.Target)
	for _, l := range e.Leftovers {
		fmt.Fprintf(&b, "\n  %s %s: %s", l.Kind, l.Object, l.Problem)
	}
	if e.DriftErr != nil {
		fmt.Fprintf(&b, "\n  drift check: %v", e.DriftErr)
	}
	if len(e.Drift) > 0 {
		fmt.Fprintf(&b, "\n  the database still differs from the desired schema:")
		for _, d := range e.Drift {
			fmt.Fprintf(&b, "\n    %s", d)
		}
	}
	b.WriteString("\n  run 'tide plan' to see what is left, and 'tide status' for the history")
	return b.String()
}

// postCheck runs after the last step: no invalid index, no constraint left
// NOT VALID, and — when the contract phase ran — no temporary tide object
// and no drift from the desired schema.
func (r *runner) postCheck() error {
	contractRan := r.opts.Phase != PhaseExpand
	e := &PostCheckError{Target: r.eng.target}
	rows, err := r.sess.conn.QueryContext(r.dbctx, r.eng.sql.Leftovers())
	if err != nil {
		return fmt.Errorf("post-checks on %s: %w", r.eng.target, err)
	}
	for rows.Next() {
		var l Leftover
		if err := rows.Scan(&l.Kind, &l.Object, &l.Problem); err != nil {
			rows.Close()
			return fmt.Errorf("post-checks on %s: %w", r.eng.target, err)
		}
		// Before the contract phase, the expand's temporary objects (sync
		// triggers, shadow columns) are expected to remain.
		if contractRan || l.Kind == "invalid index" || l.Kind == "constraint not validated" {
			e.Leftovers = append(e.Leftovers, l)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("post-checks on %s: %w", r.eng.target, err)
	}
	if contractRan && r.opts.DriftCheck != nil {
		e.Drift, e.DriftErr = r.opts.DriftCheck(r.dbctx)
		if e.DriftErr == nil && len(e.Drift) == 0 {
			r.logf("post-check: no drift")
		}
	}
	if len(e.Leftovers) > 0 || len(e.Drift) > 0 || e.DriftErr != nil {
		return e
	}
	if contractRan {
		r.logf("post-check: every index and constraint valid, no temporary object of tide left")
	} else {
		r.logf("post-check: every index and constraint valid (tide's temporary objects stay until the contract phase)")
	}
	if contractRan && r.opts.DriftCheck == nil {
		r.logf("post-check: no drift check (no desired files were given, as with a saved plan); run 'tide drift --to …' to compare")
	}
	return nil
}
