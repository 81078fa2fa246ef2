package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// SQL writes the plan's statements as a script a person could run by hand:
// phases as "-- ==== EXPAND ====" banners; each step preceded by a comment
// with its id, summary, lock, hazards, pre-flight checks and whether it must
// run outside a transaction, then the dialect's session settings for the
// step's timeouts, then its statements. A backfill step is written by the
// dialect as a batched loop when it implements BackfillRenderer; otherwise
// its statements are printed with a comment saying to repeat them batch by
// batch. Statements of a transactional step are not wrapped in a
// transaction: run them in one when running the script by hand.
func SQL(w io.Writer, p *planner.Plan, d dialects.Dialect) error {
	s := &errWriter{w: w}
	s.printf("-- %s\n", title(p))
	if p.Empty() {
		s.printf("-- %s\n", noChanges)
		return s.err
	}
	s.printf("-- %s\n", counts(p))
	if p.Fingerprint != "" {
		s.printf("-- computed against the schema with fingerprint %s\n", p.Fingerprint)
	}
	for _, ph := range p.Phases {
		s.printf("\n-- ==== %s ==== %s\n", strings.ToUpper(string(ph.Name)), phaseDescriptions[ph.Name])
		for _, st := range ph.Steps {
			if err := sqlStep(s, st, d); err != nil {
				return err
			}
		}
	}
	return s.err
}

// sqlStep writes one step.
func sqlStep(s *errWriter, st planner.Step, d dialects.Dialect) error {
	s.printf("\n-- step %d: %s\n", st.ID, oneLine(headline(st)))
	s.printf("--   %s %s\n", st.Change, st.Object)
	s.printf("--   %s\n", lockLine(st))
	for _, h := range st.Hazards {
		s.printf("--   hazard %s: %s\n", h.Code, oneLine(h.Message))
	}
	for _, pf := range st.Preflight {
		s.printf("--   pre-flight (%s): %s; expect 0 from: %s\n", pf.Kind, oneLine(pf.Description), oneLine(pf.SQL))
	}
	if !st.Transactional {
		s.printf("--   NOT TRANSACTIONAL: run this step outside a transaction block\n")
	}
	if st.Irreversible {
		s.printf("--   IRREVERSIBLE once run\n")
	}
	lock, err := parseTimeout(st, "lock_timeout", st.LockTimeout)
	if err != nil {
		return err
	}
	stmt, err := parseTimeout(st, "statement_timeout", st.StatementTimeout)
	if err != nil {
		return err
	}
	for _, set := range d.SessionSettings(lock, stmt) {
		s.printf("%s\n", terminated(set))
	}
	if st.Backfill != nil {
		if br, ok := d.(BackfillRenderer); ok {
			s.printf("--   backfill %s\n", oneLine(backfillLine(st.Backfill)))
			s.printf("%s\n", strings.TrimRight(br.BackfillSQL(*st.Backfill), "\n"))
			return s.err
		}
		s.printf("--   backfill %s\n", oneLine(backfillLine(st.Backfill)))
		s.printf("--   run the statements below repeatedly, one batch of %d rows at a time walking the key, until they change no rows\n",
			st.Backfill.BatchSize)
	}
	for _, x := range st.Statements {
		s.printf("%s\n", terminated(x))
	}
	return s.err
}

// parseTimeout reads a step's timeout ("2s"; "" means none).
func parseTimeout(st planner.Step, name, v string) (time.Duration, error) {
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("step %d (%s %s): %s %q is not a duration like \"2s\": %w; re-create the plan",
			st.ID, st.Change, st.Object, name, v, err)
	}
	return d, nil
}

// terminated ends a statement with a semicolon unless it has one.
func terminated(stmt string) string {
	stmt = strings.TrimRight(stmt, " \t\n")
	if strings.HasSuffix(stmt, ";") {
		return stmt
	}
	return stmt + ";"
}

// oneLine folds a text onto one line for an SQL comment.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
