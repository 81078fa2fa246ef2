package apply

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tidedb/tide/inspect"
)

// ApplyRecord is one recorded apply (or rollback) and its steps.
type ApplyRecord struct {
	ID                                            int64
	Kind, Fingerprint, TideVersion, Target, Phase string
	User, Client, Application                     string
	Started                                       time.Time
	Ended                                         time.Time // zero while running (or after a crash)
	Outcome, Error                                string
	RolledBackBy                                  int64 // 0 = not rolled back
	// Resumes, Continues and Undoes link the record to earlier ones, from
	// the notes stored with it (History reads them): the apply whose
	// remaining steps it ran (tide apply after a Ctrl-C, a failed step or a
	// crash), the expand apply whose contract phase it ran, and, for a
	// rollback, the applies it undoes (latest first). 0 / nil = none.
	Resumes, Continues int64
	Undoes             []int64
	Steps              []StepRecord
}

// StepRecord is one recorded step.
type StepRecord struct {
	ID                           int
	Key, Object, Change, Summary string
	Started, Ended               time.Time
	Outcome, Error               string
	Attempts                     int
	LastKey                      string // backfill checkpoint (JSON), "" = none
	Rows, Estimate               int64  // backfill rows done and estimate; -1 = none
}

// History reads the latest limit applies, latest first, with their steps
// and their links to earlier applies. It returns no record (and no error)
// when the history tables do not exist.
func History(ctx context.Context, db inspect.Database, limit int) ([]ApplyRecord, error) {
	eng, err := newEngine(db)
	if err != nil {
		return nil, err
	}
	out, err := readApplies(ctx, eng, limit)
	if err != nil {
		return nil, err
	}
	for i := range out {
		a := &out[i]
		if a.Steps, err = readSteps(ctx, eng, a.ID); err != nil {
			return nil, err
		}
		n, err := readNotes(ctx, eng, a.ID)
		if err != nil {
			return nil, err
		}
		a.Resumes, a.Continues, a.Undoes = n.Resumes, n.Continues, n.Undoes
	}
	return out, nil
}

// readApplies reads the latest limit applies, latest first, without their
// steps; none when the history tables do not exist.
func readApplies(ctx context.Context, eng *engine, limit int) ([]ApplyRecord, error) {
	h := eng.sql.History()
	var exists bool
	if err := eng.pool.QueryRowContext(ctx, h.Exists).Scan(&exists); err != nil || !exists {
		return nil, err
	}
	rows, err := eng.pool.QueryContext(ctx, h.Applies, limit)
	if err != nil {
		return nil, fmt.Errorf("read the history on %s: %w", eng.target, err)
	}
	defer rows.Close()
	var out []ApplyRecord
	for rows.Next() {
		var a ApplyRecord
		var ended sql.NullTime
		var by sql.NullInt64
		if err := rows.Scan(&a.ID, &a.Kind, &a.Fingerprint, &a.TideVersion, &a.Target, &a.Phase, &a.User, &a.Client, &a.Application,
			&a.Started, &ended, &a.Outcome, &a.Error, &by); err != nil {
			return nil, fmt.Errorf("read the history on %s: %w", eng.target, err)
		}
		a.Ended, a.RolledBackBy = ended.Time, by.Int64
		out = append(out, a)
	}
	return out, rows.Err()
}

func readSteps(ctx context.Context, eng *engine, applyID int64) ([]StepRecord, error) {
	rows, err := eng.pool.QueryContext(ctx, eng.sql.History().Steps, applyID)
	if err != nil {
		return nil, fmt.Errorf("read the steps of apply %d on %s: %w", applyID, eng.target, err)
	}
	defer rows.Close()
	var out []StepRecord
	for rows.Next() {
		var s StepRecord
		var ended sql.NullTime
		var key sql.NullString
		var done, est sql.NullInt64
		if err := rows.Scan(&s.ID, &s.Key, &s.Object, &s.Change, &s.Summary, &s.Started, &ended, &s.Outcome, &s.Error,
			&s.Attempts, &key, &done, &est); err != nil {
			return nil, err
		}
		s.Ended, s.LastKey, s.Rows, s.Estimate = ended.Time, key.String, -1, -1
		if done.Valid {
			s.Rows = done.Int64
		}
		if est.Valid {
			s.Estimate = est.Int64
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// WriteStatus prints the history for people: each apply (latest first) with
// who ran it, when and how it ended, its steps, and any backfill that is in
// progress or was interrupted with how far it got.
func WriteStatus(w io.Writer, target string, recs []ApplyRecord) {
	if len(recs) == 0 {
		fmt.Fprintf(w, "No apply recorded on %s.\n", target)
		return
	}
	fmt.Fprintf(w, "Applies on %s, latest first:\n", target)
	for _, a := range recs {
		took := "still running, or the process died"
		if !a.Ended.IsZero() {
			took = "took " + a.Ended.Sub(a.Started).Round(time.Millisecond).String()
		}
		fmt.Fprintf(w, "\n#%d %s  %s  phase %s  by %s from %s (%s)  %s, %s\n", a.ID, a.Kind, a.Outcome, a.Phase, a.User, a.Client,
			orNone(a.Application), a.Started.Format(time.RFC3339), took)
		fmt.Fprintf(w, "   fingerprint %s  tide %s\n", a.Fingerprint, a.TideVersion)
		for _, l := range links(a, recs) {
			fmt.Fprintf(w, "   %s\n", l)
		}
		if a.Error != "" {
			fmt.Fprintf(w, "   error: %s\n", firstLine(a.Error))
		}
		for _, s := range a.Steps {
			fmt.Fprintf(w, "   step %-3d %-12s %s", s.ID, s.Outcome, s.Summary)
			if s.Attempts > 1 {
				fmt.Fprintf(w, "  (%d attempts)", s.Attempts)
			}
			fmt.Fprintln(w)
			if s.Rows >= 0 {
				fmt.Fprintf(w, "            backfill %s\n", backfillState(s))
			}
			if s.Error != "" {
				label := "error" // a step that completed keeps only a note there (what a re-run found)
				if s.Outcome == StatusDone {
					label = "note"
				}
				fmt.Fprintf(w, "            %s: %s\n", label, firstLine(s.Error))
			}
		}
	}
}

// links describes how record a relates to the other applies: the earlier
// ones it carries on or undoes and, among recs, the later ones that carry
// it on or undo it. A rollback recorded without the applies it undoes (by
// an older tide) names those recs marks as rolled back by it.
func links(a ApplyRecord, recs []ApplyRecord) []string {
	var out []string
	if a.Resumes != 0 {
		out = append(out, fmt.Sprintf("resumes #%d (runs the rest of its plan)", a.Resumes))
	}
	if a.Continues != 0 {
		out = append(out, fmt.Sprintf("continues #%d (runs the contract phase of its plan)", a.Continues))
	}
	undoes := a.Undoes
	if a.Kind == "rollback" && len(undoes) == 0 {
		for _, o := range recs {
			if o.RolledBackBy == a.ID {
				undoes = append(undoes, o.ID)
			}
		}
	}
	if len(undoes) > 0 {
		out = append(out, "undoes "+idList(undoes))
	}
	var resumedBy, continuedBy []int64
	for _, o := range recs {
		if o.Resumes == a.ID {
			resumedBy = append(resumedBy, o.ID)
		}
		if o.Continues == a.ID && o.Resumes == 0 {
			continuedBy = append(continuedBy, o.ID)
		}
	}
	if len(resumedBy) > 0 {
		out = append(out, "resumed by "+idList(resumedBy))
	}
	if len(continuedBy) > 0 {
		out = append(out, "contract phase run by "+idList(continuedBy))
	}
	if a.RolledBackBy != 0 {
		out = append(out, fmt.Sprintf("rolled back by #%d", a.RolledBackBy))
	}
	return out
}

// idList writes apply ids as "#7, #5".
func idList(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("#%d", id)
	}
	return strings.Join(parts, ", ")
}

// backfillState says how far a backfill got.
func backfillState(s StepRecord) string {
	state := fmt.Sprintf("%d rows", s.Rows)
	if s.Estimate > 0 {
		state += fmt.Sprintf(" of ~%d (%d%%)", s.Estimate, s.Rows*100/s.Estimate)
	}
	state += ", last key " + s.LastKey
	if s.Outcome != StatusDone {
		state = "in progress: " + state + "; run apply again to resume"
	}
	return state
}

func orNone(s string) string {
	if s == "" {
		return "no application_name"
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
