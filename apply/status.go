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
	Steps                                         []StepRecord
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

// History reads the latest limit applies, latest first, with their steps.
// It returns no record (and no error) when the history tables do not exist.
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
		if out[i].Steps, err = readSteps(ctx, eng, out[i].ID); err != nil {
			return nil, err
		}
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
		if a.RolledBackBy != 0 {
			fmt.Fprintf(w, "   rolled back by #%d\n", a.RolledBackBy)
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
				fmt.Fprintf(w, "            error: %s\n", firstLine(s.Error))
			}
		}
	}
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
