package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// report prints the summary table of every run, then for each run what the
// clients saw during each migration step, the slowest queries and the
// longest lock wait seen in pg_stat_activity.
func report(out io.Writer, o options, results []runResult) {
	fmt.Fprintf(out, "## Zero-downtime benchmark\n\n")
	fmt.Fprintf(out, "payments: %d rows, accounts: %d rows; load: %d connections (60%% reads by id, 30%% updates of amount/note by id, 10%% inserts), "+
		"pgx mode %s, %s client deadline, no retries; %s of load before and after the migration. tide phases: %s.\n\n",
		o.rows, o.accounts, o.workers, o.mode, o.deadline, o.settle, o.phases)
	fmt.Fprintln(out, "| migration | client errors | longest client wait | p99 | p50 | queries done (per second) | migration duration | first distinct errors |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|---|")
	for _, r := range results {
		s := summarize(r.samples)
		errs := "—"
		if len(s.firstErrs) > 0 {
			errs = strings.ReplaceAll(strings.Join(s.firstErrs, "; "), "|", `\|`)
		}
		dur := fmt.Sprintf("%.1f s", r.migration.Seconds())
		if r.err != nil {
			dur += " (FAILED)"
		}
		rate := 0.0
		if r.ran > 0 {
			rate = float64(s.queries) / r.ran.Seconds()
		}
		fmt.Fprintf(out, "| %s | %d | %s | %s | %s | %d (%.0f/s) | %s | %s |\n",
			r.name, s.errors, ms(s.maxLatency), ms(s.p99), ms(s.p50), s.queries, rate, dur, errs)
	}
	for _, r := range results {
		details(out, r)
	}
}

// details prints one run's per-step view, slowest queries and outcome.
func details(out io.Writer, r runResult) {
	fmt.Fprintf(out, "\n### %s\n\n", r.name)
	if r.err != nil {
		fmt.Fprintf(out, "The migration FAILED: %v\n\n", r.err)
	}
	if r.outErr != nil {
		fmt.Fprintf(out, "Result: could not inspect it: %v\n\n", r.outErr)
	} else {
		fmt.Fprintf(out, "Result: %s (successful inserts: %d).\n\n", r.outcome, r.inserts)
	}
	fmt.Fprintln(out, "| step (as logged) | started at | duration | queries started | errors | longest wait |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|")
	starts := map[string]time.Duration{}
	for _, e := range r.events {
		if label, ok := strings.CutPrefix(e.text, "start "); ok {
			starts[label] = e.at
		}
	}
	for _, st := range perStep(r.events, r.samples) {
		if st.queries == 0 {
			continue // a gap of a few microseconds between two steps
		}
		fmt.Fprintf(out, "| %s | %.2f s | %s | %d | %d | %s |\n",
			strings.ReplaceAll(shorten(st.label, 110), "|", `\|`), starts[st.label].Seconds(), ms(st.duration), st.queries, st.errors, ms(st.max))
	}
	fmt.Fprintf(out, "\nSlowest queries (time from the start of the load; the step running when each started and when it ended):\n\n")
	for _, q := range slowest(r.samples, 5) {
		outcome := "ok"
		if q.err != "" {
			outcome = q.err
		}
		fmt.Fprintf(out, "- %s at %.2f s waited %s (%s); started during: %s; ended during: %s\n",
			q.op, q.start.Seconds(), ms(q.latency), shorten(outcome, 120),
			orNone(stepAt(r.events, q.start)), orNone(stepAt(r.events, q.start+q.latency)))
	}
	if r.lockWait.waiting > 0 {
		fmt.Fprintf(out, "\nLongest lock wait seen in pg_stat_activity (sampled every 50 ms): at %.2f s, %d application sessions waiting, the longest for %s, blocked by: %s\n",
			r.lockWait.at.Seconds(), r.lockWait.waiting, ms(r.lockWait.longest), orNone(r.lockWait.blocker))
	} else {
		fmt.Fprintf(out, "\nNo application session was seen waiting for a lock in pg_stat_activity (sampled every 50 ms).\n")
	}
}

func orNone(s string) string {
	if s == "" {
		return "(no step running)"
	}
	return s
}

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
