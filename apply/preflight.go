package apply

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// PreflightFailure is one data check that found rows a step would fail on.
type PreflightFailure struct {
	Step  planner.Step
	Check dialects.Preflight
	Count int64
	// Sample is up to 5 offending rows, each as column texts: the row's key
	// columns, then the columns holding the offending values (as the
	// check's SampleSQL selects them); none when the check has no sample.
	Sample [][]string
	// SampleColumns names the sample's columns.
	SampleColumns []string
}

// PreflightError says the data would make steps fail; when Before is 0
// nothing was touched.
type PreflightError struct {
	Target   string
	Failures []PreflightFailure
	// Before is the step the checks ran before (0 = before the first step).
	Before int
}

func (e *PreflightError) Error() string {
	var b strings.Builder
	if e.Before == 0 {
		fmt.Fprintf(&b, "refusing to apply to %s: pre-flight checks found data that would make %d step(s) fail; nothing was changed", e.Target, len(e.Failures))
	} else {
		fmt.Fprintf(&b, "refusing to run step %d on %s: its pre-flight check found data that would make it fail", e.Before, e.Target)
	}
	for _, f := range e.Failures {
		fmt.Fprintf(&b, "\n  step %d (%s %s): %d %s", f.Step.ID, f.Step.Change, f.Step.Object, f.Count, f.Check.Description)
		for _, row := range f.Sample {
			if len(f.SampleColumns) == len(row) {
				named := make([]string, len(row))
				for i, v := range row {
					named[i] = f.SampleColumns[i] + "=" + v
				}
				row = named
			}
			fmt.Fprintf(&b, "\n      e.g. (%s)", strings.Join(row, ", "))
		}
		fmt.Fprintf(&b, "\n    check: %s", oneLine(f.Check.SQL))
	}
	b.WriteString("\n  fix those rows (or the desired schema) and run apply again")
	return b.String()
}

// preflight runs every selected step's checks before anything is touched.
// A check whose table or column does not exist yet (the plan creates it) is
// returned, by step id, to run just before its step.
func (r *runner) preflight(steps []planner.Step) (map[int][]dialects.Preflight, error) {
	deferred := map[int][]dialects.Preflight{}
	var failures []PreflightFailure
	for _, st := range steps {
		for _, pf := range st.Preflight {
			f, err := r.runCheck(st, pf)
			if err != nil && r.eng.errs.ClassifyError(err) == dialects.ErrorUndefined {
				deferred[st.ID] = append(deferred[st.ID], pf)
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("pre-flight check of step %d (%s %s) on %s: %w\n  check: %s", st.ID, st.Change, st.Object, r.eng.target, err, oneLine(pf.SQL))
			}
			if f != nil {
				failures = append(failures, *f)
			}
		}
	}
	if len(failures) > 0 {
		return nil, &PreflightError{Target: r.eng.target, Failures: failures}
	}
	return deferred, nil
}

// checkNow runs a step's deferred checks just before it.
func (r *runner) checkNow(st planner.Step, checks []dialects.Preflight) error {
	var failures []PreflightFailure
	for _, pf := range checks {
		f, err := r.runCheck(st, pf)
		if err != nil {
			return fmt.Errorf("pre-flight check: %w\n  check: %s", err, oneLine(pf.SQL))
		}
		if f != nil {
			failures = append(failures, *f)
		}
	}
	if len(failures) > 0 {
		return &PreflightError{Target: r.eng.target, Failures: failures, Before: st.ID}
	}
	return nil
}

// runCheck counts the offending rows and samples them with the check's
// sample query when there are any. A sample that fails is logged: the
// count is the check, the sample only shows where to look.
func (r *runner) runCheck(st planner.Step, pf dialects.Preflight) (*PreflightFailure, error) {
	var count int64
	if err := r.sess.conn.QueryRowContext(r.dbctx, pf.SQL).Scan(&count); err != nil {
		return nil, err
	}
	if count == 0 {
		return nil, nil
	}
	f := &PreflightFailure{Step: st, Check: pf, Count: count}
	if pf.SampleSQL == "" {
		return f, nil
	}
	cols, rows, err := r.sample(pf.SampleSQL)
	if err != nil {
		r.logf("warning: step %d: no sample of the offending rows: %v\n  sample: %s", st.ID, err, oneLine(pf.SampleSQL))
		return f, nil
	}
	f.SampleColumns, f.Sample = cols, rows
	return f, nil
}
