package apply

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// progressBarWidth is the number of cells of the bar itself.
const progressBarWidth = 24

// progressBar draws a backfill's progress on one terminal line, redrawn in
// place with a carriage return and an erase-to-end-of-line code, at most
// ProgressBarRate times a second. Log lines written while it shows erase it
// first (clear); the next update draws it again.
type progressBar struct {
	w      io.Writer
	label  string
	minGap time.Duration
	last   time.Time
	shown  bool
}

func newProgressBar(w io.Writer, label string) *progressBar {
	return &progressBar{w: w, label: label, minGap: time.Second / ProgressBarRate}
}

// update redraws the bar unless it was drawn less than minGap ago.
func (p *progressBar) update(now time.Time, rows, rowsThisRun, estimate int64, elapsed time.Duration) {
	if p.shown && now.Sub(p.last) < p.minGap {
		return
	}
	p.last = now
	p.shown = true
	fmt.Fprint(p.w, "\r"+progressBarLine(p.label, rows, rowsThisRun, estimate, elapsed)+"\x1b[K")
}

// clear erases the bar so that a log line can take its place.
func (p *progressBar) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// finish leaves the last state of the bar on its own line.
func (p *progressBar) finish(rows, rowsThisRun, estimate int64, elapsed time.Duration) {
	fmt.Fprint(p.w, "\r"+progressBarLine(p.label, rows, rowsThisRun, estimate, elapsed)+"\x1b[K\n")
	p.shown = false
}

// progressBarLine is "backfill T [#####.....]  45%  90,000/~200,000 rows
// 12,345 rows/s  ETA 9s"; without an estimate it has no bar, percent or
// ETA.
func progressBarLine(label string, rows, rowsThisRun, estimate int64, elapsed time.Duration) string {
	rate := float64(rowsThisRun) / max(elapsed.Seconds(), 0.001)
	var b strings.Builder
	b.WriteString("backfill " + label + " ")
	if estimate > 0 {
		frac := min(float64(rows)/float64(estimate), 1)
		full := int(frac * progressBarWidth)
		b.WriteString("[" + strings.Repeat("#", full) + strings.Repeat(".", progressBarWidth-full) + "]")
		fmt.Fprintf(&b, " %3d%%  %s/~%s rows", int(frac*100), thousands(rows), thousands(estimate))
	} else {
		fmt.Fprintf(&b, "%s rows (no row estimate: ANALYZE the table for one)", thousands(rows))
	}
	fmt.Fprintf(&b, "  %s rows/s", thousands(int64(rate)))
	if estimate > rows && rate > 0 {
		eta := time.Duration(float64(estimate-rows) / rate * float64(time.Second))
		b.WriteString("  ETA " + eta.Round(time.Second).String())
	}
	return b.String()
}

// thousands writes n with comma separators: 1234567 → "1,234,567".
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
