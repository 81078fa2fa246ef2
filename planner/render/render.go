// Package render writes a planner.Plan for people and machines: Text for a
// terminal, Markdown for a pull-request comment, JSON (the plan's stable
// contract) and SQL (the statements alone, with comments). Renderers read the
// plan only; the SQL renderer asks the dialect for session settings and, when
// it can, for a hand-runnable backfill loop.
package render

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// BackfillRenderer is an optional interface of a dialects.Dialect: it writes
// a backfill as a batched loop a person can run by hand (a DO block on
// PostgreSQL, …). Without it, the SQL renderer prints the step's statements
// with a comment saying how to repeat them.
type BackfillRenderer interface {
	// BackfillSQL returns the loop as one or more complete statements.
	BackfillSQL(b dialects.Backfill) string
}

// JSON writes the plan's stable JSON form (planner.WriteJSON).
func JSON(w io.Writer, p *planner.Plan) error { return planner.WriteJSON(w, p) }

// phaseDescriptions say in one line what a phase is for.
var phaseDescriptions = map[dialects.Phase]string{
	dialects.PhaseExpand:   "safe while the current application runs",
	dialects.PhaseBackfill: "batched, resumable, one commit per batch",
	dialects.PhaseValidate: "scans under locks that let writes continue",
	dialects.PhaseContract: "after every application instance runs the new version",
}

// noChanges is the sentence every format uses for an empty plan.
const noChanges = "No changes: the database already matches the desired schema."

// title is "tide plan — target (server)".
func title(p *planner.Plan) string {
	target := p.Target
	if target == "" {
		target = "offline (" + p.Dialect + ")"
	}
	s := "tide plan — " + target
	if p.ServerVersion != "" {
		s += "   (" + p.ServerVersion + ")"
	}
	return s
}

// plural is "1 step" / "2 steps".
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return groupDigits(n) + " " + many
}

// counts is the summary line: phases, steps, backfills and hazards.
func counts(p *planner.Plan) string {
	s := p.Summary
	parts := []string{plural(int64(s.Phases), "phase", "phases"), plural(int64(s.Steps), "step", "steps")}
	if s.Backfills > 0 {
		parts = append(parts, fmt.Sprintf("%s (%s rows)", plural(int64(s.Backfills), "backfill", "backfills"), humanCount(s.BackfillRows)))
	}
	parts = append(parts, "hazards: "+hazardSummary(s.Hazards))
	return strings.Join(parts, " · ")
}

// hazardCodes returns the hazard codes sorted.
func hazardCodes(h map[string]int) []string {
	codes := make([]string, 0, len(h))
	for c := range h {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// hazardSummary is "3 (INDEX_BUILD ×2, TABLE_SCAN)" or "none".
func hazardSummary(h map[string]int) string {
	total := 0
	var names []string
	for _, c := range hazardCodes(h) {
		total += h[c]
		if h[c] > 1 {
			names = append(names, fmt.Sprintf("%s ×%d", c, h[c]))
		} else {
			names = append(names, c)
		}
	}
	if total == 0 {
		return "none"
	}
	return fmt.Sprintf("%d (%s)", total, strings.Join(names, ", "))
}

// groupDigits writes n with thousands separators: 1234567 → "1,234,567".
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// humanCount is a row count for people: "5,000", "1.0M", "2.3B".
func humanCount(n int64) string {
	switch {
	case n < 1_000_000:
		return groupDigits(n)
	case n < 1_000_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	default:
		return fmt.Sprintf("%.1fB", float64(n)/1e9)
	}
}

// humanBytes is a size for people: "512 B", "64 kB", "3.0 GB".
func humanBytes(n int64) string {
	units := []string{"B", "kB", "MB", "GB", "TB"}
	f := float64(n)
	u := 0
	for f >= 1024 && u < len(units)-1 {
		f /= 1024
		u++
	}
	if u == 0 || f >= 100 {
		return fmt.Sprintf("%.0f %s", f, units[u])
	}
	return fmt.Sprintf("%.1f %s", f, units[u])
}

// headline is a step's one-line description: its summary, else its first
// statement's first line.
func headline(s planner.Step) string {
	if s.Summary != "" {
		return s.Summary
	}
	if len(s.Statements) > 0 {
		return strings.SplitN(s.Statements[0], "\n", 2)[0]
	}
	return s.Change + " " + s.Object
}

// lockLine is "lock X, note · lock_timeout 2s · statement_timeout none · …".
func lockLine(s planner.Step) string {
	lock := "lock " + s.Lock
	if s.Lock == "" {
		lock = "lock (none named)"
	}
	if s.LockNote != "" {
		lock += ", " + s.LockNote
	}
	parts := []string{lock, "lock_timeout " + timeout(s.LockTimeout), "statement_timeout " + timeout(s.StatementTimeout)}
	if !s.Transactional {
		parts = append(parts, "not in a transaction")
	}
	if s.Rewrites {
		parts = append(parts, "rewrites the table")
	}
	if s.Scans {
		parts = append(parts, "scans the table")
	}
	return strings.Join(parts, " · ")
}

// timeout shows "0s" as "none".
func timeout(d string) string {
	if d == "0s" || d == "" {
		return "none"
	}
	return d
}

// estimateLine is "~1,000 rows, 64 kB · seconds", or "" for an instant step
// on no known table.
func estimateLine(e planner.Estimate) string {
	if e.Rows < 0 && e.DurationClass == dialects.DurationInstant {
		return ""
	}
	rows := "rows unknown"
	if e.Rows >= 0 {
		rows = "~" + humanCount(e.Rows) + " rows"
		if e.Bytes > 0 {
			rows += ", " + humanBytes(e.Bytes)
		}
	}
	return rows + " · " + e.DurationClass
}

// backfillLine describes a backfill: what it sets, where, and how it walks.
func backfillLine(b *dialects.Backfill) string {
	var sets []string
	for _, a := range b.Set {
		sets = append(sets, a.Column+" = "+a.Expr)
	}
	s := b.Table.String() + ": " + strings.Join(sets, ", ")
	if b.Where != "" {
		s += " where " + b.Where
	}
	key := strings.Join(b.Key, ", ")
	if key == "" {
		key = "(no key)"
	}
	return s + " · keyset on " + key + " · batches of " + groupDigits(int64(b.BatchSize))
}

// indentLines prefixes every line of s.
func indentLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// errWriter remembers the first write error so renderers can write freely
// and check once.
type errWriter struct {
	w   io.Writer
	err error
}

// printf writes formatted text unless an earlier write failed.
func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
