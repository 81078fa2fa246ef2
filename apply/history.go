package apply

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// history records one apply (or rollback) and its steps through the
// session's connection.
type history struct {
	sess    *session
	stmts   dialects.HistoryStatements
	applyID int64
	log     io.Writer
	// notes are what a step found before it ran (statements an earlier
	// attempt already ran), by step id, recorded with the step's end.
	notes map[int]string
}

// ensureHistory creates the history schema and tables when missing.
func ensureHistory(ctx context.Context, s *session) error {
	for _, stmt := range s.eng.sql.HistorySchema() {
		if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("create the history tables on %s: %w\n  statement: %s", s.eng.target, err, oneLine(stmt))
		}
	}
	return nil
}

// startHistory creates the history tables when missing and records the start
// of an apply of kind "apply" or "rollback", with the plan's JSON and the
// executor's notes about it.
func startHistory(ctx context.Context, s *session, kind string, p *planner.Plan, n notes, phase, tideVersion string) (*history, error) {
	if err := ensureHistory(ctx, s); err != nil {
		return nil, err
	}
	plan, err := storedPlanJSON(p, n)
	if err != nil {
		return nil, err
	}
	h := &history{sess: s, stmts: s.eng.sql.History()}
	if tideVersion == "" {
		tideVersion = p.TideVersion
	}
	err = h.insertApply(ctx, kind, p.Fingerprint, tideVersion, s.eng.target, phase, plan)
	if err != nil {
		return nil, fmt.Errorf("record the %s in the history on %s: %w", kind, s.eng.target, err)
	}
	return h, nil
}

// insertApply records the start of an apply and reads its id: from
// StartApply itself, or from StartApplyID right after it when the engine's
// INSERT returns no row.
func (h *history) insertApply(ctx context.Context, args ...any) error {
	stmt, args := h.sess.eng.bind(h.stmts.StartApply, args...)
	if h.stmts.StartApplyID == "" {
		return h.sess.conn.QueryRowContext(ctx, stmt, args...).Scan(&h.applyID)
	}
	if _, err := h.sess.conn.ExecContext(ctx, stmt, args...); err != nil {
		return err
	}
	return h.sess.conn.QueryRowContext(ctx, h.stmts.StartApplyID).Scan(&h.applyID)
}

// exec runs a history write; a failure is reported on the log but does not
// stop the apply (the schema change matters more than its record).
func (h *history) exec(what, stmt string, args ...any) {
	stmt, args = h.sess.eng.bind(stmt, args...)
	if _, err := h.sess.conn.ExecContext(h.sess.ctx, stmt, args...); err != nil && h.log != nil {
		fmt.Fprintf(h.log, "warning: could not record %s in the history: %v\n", what, err)
	}
}

func (h *history) endApply(outcome string, err error) {
	h.exec("the end of the apply", h.stmts.EndApply, h.applyID, outcome, errText(err))
}

func (h *history) startStep(st planner.Step) {
	h.exec(fmt.Sprintf("the start of step %d", st.ID), h.stmts.StartStep, h.applyID, st.ID, stepKey(st), st.Object, st.Change, st.Summary)
}

func (h *history) endStep(st planner.Step, outcome string, err error, attempts int) {
	text := errText(err)
	if note := h.notes[st.ID]; note != "" {
		text = strings.TrimPrefix(text+"\n"+note, "\n")
	}
	h.exec(fmt.Sprintf("the end of step %d", st.ID), h.stmts.EndStep, h.applyID, st.ID, outcome, text, attempts)
}

// noteStep keeps a note about step id, recorded with its end in the
// step's error text (after the error, when it fails).
func (h *history) noteStep(id int, note string) {
	if h.notes == nil {
		h.notes = map[int]string{}
	}
	h.notes[id] = note
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// stepKey identifies a step across plans: the plan is recomputed when apply
// runs again and step ids shift as earlier steps are already applied, so the
// key hashes what the step does — its object, change and statements, and for
// a backfill its table, key, assignments and condition (not its batch size).
func stepKey(st planner.Step) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", st.Object, st.Change)
	if b := st.Backfill; b != nil {
		fmt.Fprintf(h, "backfill\x00%s\x00%s\x00", b.Table, strings.Join(b.Key, "\x01"))
		for _, a := range b.Set {
			fmt.Fprintf(h, "%s=%s\x01", a.Column, a.Expr)
		}
		fmt.Fprintf(h, "\x00%s", b.Where)
	} else {
		fmt.Fprintf(h, "%s", strings.Join(st.Statements, "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}
