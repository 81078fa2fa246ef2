package apply

import (
	"database/sql"
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
	// Sample is up to 5 offending rows (their keys), each as column texts.
	Sample [][]string
	// SampleColumns names the sample's columns when tide derived the sample
	// query from the count (the check had none): the row's key columns,
	// then the columns holding the offending value.
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
	r.sampleSchema = nil // earlier steps changed the schema
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

// runCheck counts the offending rows and samples them when there are any,
// with the check's sample query or, when it has none, one derived from its
// count (see derivedSample).
func (r *runner) runCheck(st planner.Step, pf dialects.Preflight) (*PreflightFailure, error) {
	var count int64
	if err := r.sess.conn.QueryRowContext(r.dbctx, pf.SQL).Scan(&count); err != nil {
		return nil, err
	}
	if count == 0 {
		return nil, nil
	}
	f := &PreflightFailure{Step: st, Check: pf, Count: count}
	query := pf.SampleSQL
	if query == "" {
		derived, cols, ok, err := r.derivedSample(pf)
		if err != nil {
			r.logf("warning: step %d: no sample of the offending rows: %v", st.ID, err)
		}
		if !ok {
			return f, nil
		}
		query, f.SampleColumns = derived, cols
	}
	sample, err := r.sample(query)
	switch {
	case err != nil && f.SampleColumns != nil: // a derived sample is a help, not a check
		r.logf("warning: step %d: no sample of the offending rows: %v\n  sample: %s", st.ID, err, oneLine(query))
		f.SampleColumns = nil
	case err != nil:
		return nil, fmt.Errorf("sample of the offending rows: %w", err)
	}
	f.Sample = sample
	return f, nil
}

// sample reads up to 5 rows of any columns as text.
func (r *runner) sample(query string) ([][]string, error) {
	rows, err := r.sess.conn.QueryContext(r.dbctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() && len(out) < 5 {
		vals := make([]sql.NullString, len(cols))
		dest := make([]any, len(cols))
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = "NULL"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
