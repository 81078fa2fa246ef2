package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// Markdown writes the plan for a pull-request comment: the counts, a table
// of hazards, then each phase in a collapsible <details> section whose steps
// show their SQL in fenced blocks.
func Markdown(w io.Writer, p *planner.Plan) error {
	m := &errWriter{w: w}
	m.printf("### %s\n\n", mdEscape(title(p)))
	if p.Empty() {
		m.printf("**No changes.** The database already matches the desired schema.\n")
		return m.err
	}
	m.printf("**%s**\n\n", mdEscape(counts(p)))
	if codes := hazardCodes(p.Summary.Hazards); len(codes) > 0 {
		m.printf("| Hazard | Steps |\n| --- | ---: |\n")
		for _, c := range codes {
			note := ""
			if c == dialects.HazardDeletesData {
				note = " (data loss)"
			}
			m.printf("| `%s`%s | %d |\n", c, note, p.Summary.Hazards[c])
		}
		m.printf("\n")
	} else {
		m.printf("No hazards.\n\n")
	}
	for _, ph := range p.Phases {
		m.printf("<details>\n<summary><b>%s</b> — %s (%s)</summary>\n\n", strings.ToUpper(string(ph.Name)),
			phaseDescriptions[ph.Name], plural(int64(len(ph.Steps)), "step", "steps"))
		for _, s := range ph.Steps {
			markdownStep(m, s)
		}
		m.printf("</details>\n\n")
	}
	return m.err
}

// markdownStep writes one step.
func markdownStep(m *errWriter, s planner.Step) {
	m.printf("**%d. %s**\n\n", s.ID, mdEscape(headline(s)))
	m.printf("- %s\n", mdEscape(lockLine(s)))
	if e := estimateLine(s.Estimate); e != "" {
		m.printf("- estimate: %s\n", mdEscape(e))
	}
	if s.Backfill != nil {
		m.printf("- backfill %s\n", mdCode(backfillLine(s.Backfill)))
	}
	for _, pf := range s.Preflight {
		m.printf("- pre-flight (%s): %s\n", pf.Kind, mdEscape(pf.Description))
	}
	for _, h := range s.Hazards {
		m.printf("- hazard `%s`: %s\n", h.Code, mdEscape(h.Message))
	}
	if s.Irreversible {
		m.printf("- **irreversible** once run\n")
	}
	m.printf("\n%s\n", fenced(s.Statements))
	if len(s.Rollback) > 0 {
		m.printf("Undo:\n\n%s\n", fenced(s.Rollback))
	}
}

// fenced puts SQL statements in a fenced block, with a fence longer than
// any run of backticks inside.
func fenced(stmts []string) string {
	body := strings.Join(stmts, "\n")
	fence := "```"
	for strings.Contains(body, fence) {
		fence += "`"
	}
	return fmt.Sprintf("%ssql\n%s\n%s\n", fence, body, fence)
}

// mdReplacer escapes the characters Markdown would interpret in plain text.
var mdReplacer = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "|", `\|`, "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)

// mdEscape makes s plain text in Markdown.
func mdEscape(s string) string { return mdReplacer.Replace(s) }

// mdCode writes s as inline code, with a delimiter longer than any backtick
// run inside.
func mdCode(s string) string {
	d := "`"
	for strings.Contains(s, d) {
		d += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return d + " " + s + " " + d
	}
	return d + s + d
}
