package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// TextOptions tune Text.
type TextOptions struct {
	// Color adds ANSI colours (for a terminal).
	Color bool
}

// ANSI styles used by Text.
const (
	ansiBold   = "1"
	ansiDim    = "2"
	ansiRed    = "31"
	ansiGreen  = "32"
	ansiYellow = "33"
)

// textWriter writes the text form.
type textWriter struct {
	errWriter
	color bool
}

// paint wraps s in an ANSI style when colour is on.
func (t *textWriter) paint(style, s string) string {
	if !t.color || s == "" {
		return s
	}
	return "\x1b[" + style + "m" + s + "\x1b[0m"
}

// Text writes the plan for people: a header with counts and hazards, then
// each phase with a one-line description and its steps (id, summary,
// statements, lock, estimate, backfill, pre-flight checks, hazards, undo).
func Text(w io.Writer, p *planner.Plan, o TextOptions) error {
	t := &textWriter{errWriter: errWriter{w: w}, color: o.Color}
	t.printf("%s\n", t.paint(ansiBold, title(p)))
	if p.Empty() {
		t.printf("%s\n", t.paint(ansiGreen, noChanges))
		return t.err
	}
	t.printf("%s\n", counts(p))
	for _, ph := range p.Phases {
		t.printf("\n%s — %s\n", t.paint(ansiBold, strings.ToUpper(string(ph.Name))), phaseDescriptions[ph.Name])
		for _, s := range ph.Steps {
			t.step(s)
		}
	}
	t.printf("\nRun: tide apply … (add --phase expand to stop before CONTRACT)\n")
	return t.err
}

// detail is the indentation of a step's detail lines.
const detail = "       "

// step writes one step.
func (t *textWriter) step(s planner.Step) {
	t.printf("%3d  %s\n", s.ID, headline(s))
	// A backfill's statement is a long batched loop: the backfill line below
	// says what it does, and --format sql prints the loop itself.
	if s.Backfill != nil {
		t.printf("%s%s\n", detail+"  ", t.paint(ansiDim, fmt.Sprintf("(a batched loop, %d SQL lines: tide plan --format sql prints it)", countLines(s.Statements))))
	} else if s.Summary != "" || len(s.Statements) > 1 || (len(s.Statements) == 1 && strings.Contains(s.Statements[0], "\n")) {
		for _, st := range s.Statements {
			t.printf("%s\n", indentLines(st, detail+"  "))
		}
	}
	t.printf("%s%s\n", detail, t.paint(ansiDim, lockLine(s)))
	if e := estimateLine(s.Estimate); e != "" {
		t.printf("%s%s\n", detail, t.paint(ansiDim, e))
	}
	if s.Backfill != nil {
		t.printf("%sbackfill %s\n", detail, backfillLine(s.Backfill))
	}
	for _, pf := range s.Preflight {
		t.printf("%spre-flight (%s): %s\n", detail, pf.Kind, pf.Description)
	}
	for _, h := range s.Hazards {
		style := ansiYellow
		if h.Code == dialects.HazardDeletesData {
			style = ansiRed
		}
		t.printf("%s%s %s\n", detail, t.paint(style, "hazard "+h.Code+":"), h.Message)
	}
	for _, r := range s.Rollback {
		t.printf("%sundo: %s\n", detail, strings.ReplaceAll(r, "\n", "\n"+detail+"      "))
	}
	if s.Irreversible {
		t.printf("%s%s\n", detail, t.paint(ansiRed, "irreversible once run"))
	}
}

// countLines counts the lines of a step's statements.
func countLines(stmts []string) int {
	n := 0
	for _, st := range stmts {
		n += strings.Count(st, "\n") + 1
	}
	return n
}
