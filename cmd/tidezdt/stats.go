package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// sample is one application query: when it started (relative to the start
// of the load), how long the client waited for it, what it did, and the error
// it got ("" when it succeeded).
type sample struct {
	start   time.Duration
	latency time.Duration
	op      string
	err     string
}

// event is a boundary logged while the migration ran: a tide step starting or
// ending, or a plain DDL statement starting or ending.
type event struct {
	at   time.Duration // relative to the start of the load
	text string
}

// summary condenses the samples of one run.
type summary struct {
	queries    int
	errors     int
	firstErrs  []string // distinct error messages, in the order they first happened
	maxLatency time.Duration
	maxAt      time.Duration // start of the slowest query
	maxOp      string
	p50, p99   time.Duration
}

// maxDistinctErrors is how many distinct error messages a summary keeps.
const maxDistinctErrors = 3

// summarize computes counts, percentiles and the distinct error messages of
// the samples.
func summarize(samples []sample) summary {
	s := summary{queries: len(samples)}
	if len(samples) == 0 {
		return s
	}
	latencies := make([]time.Duration, len(samples))
	seen := map[string]bool{}
	byStart := append([]sample(nil), samples...)
	sort.SliceStable(byStart, func(i, j int) bool { return byStart[i].start < byStart[j].start })
	for i, q := range byStart {
		latencies[i] = q.latency
		if q.latency > s.maxLatency {
			s.maxLatency, s.maxAt, s.maxOp = q.latency, q.start, q.op
		}
		if q.err == "" {
			continue
		}
		s.errors++
		msg := q.op + ": " + q.err
		if !seen[msg] && len(s.firstErrs) < maxDistinctErrors {
			s.firstErrs = append(s.firstErrs, msg)
		}
		seen[msg] = true
	}
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	s.p50 = percentile(latencies, 50)
	s.p99 = percentile(latencies, 99)
	return s
}

// percentile returns the p-th percentile (nearest rank) of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(float64(len(sorted))*p/100+0.999999999) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}

// stepAt names the migration step that was running at t: the text of the
// last "start" event at or before t that has no matching end before t, or ""
// when none was running. Events must be in time order; a start event's text
// begins with "start " and its end's with "end ", followed by the same label.
func stepAt(events []event, t time.Duration) string {
	running := ""
	for _, e := range events {
		if e.at > t {
			break
		}
		switch {
		case strings.HasPrefix(e.text, "start "):
			running = strings.TrimPrefix(e.text, "start ")
		case strings.HasPrefix(e.text, "end ") && strings.TrimPrefix(e.text, "end ") == running:
			running = ""
		}
	}
	return running
}

// stepStats is what the application saw while one migration step ran.
type stepStats struct {
	label    string
	duration time.Duration
	queries  int
	errors   int
	max      time.Duration
}

// perStep attributes each sample to the step running when it started and
// returns one row per step, in the order the steps started. Samples started
// outside every step are left out.
func perStep(events []event, samples []sample) []stepStats {
	var rows []stepStats
	index := map[string]int{}
	var open []time.Duration
	for _, e := range events {
		if label, ok := strings.CutPrefix(e.text, "start "); ok {
			index[label] = len(rows)
			rows = append(rows, stepStats{label: label})
			open = append(open, e.at)
		} else if label, ok := strings.CutPrefix(e.text, "end "); ok {
			if i, found := index[label]; found {
				rows[i].duration = e.at - open[i]
			}
		}
	}
	for _, q := range samples {
		label := stepAt(events, q.start)
		i, ok := index[label]
		if !ok {
			continue
		}
		rows[i].queries++
		if q.err != "" {
			rows[i].errors++
		}
		rows[i].max = max(rows[i].max, q.latency)
	}
	return rows
}

// slowest returns the n samples with the longest latency, longest first.
func slowest(samples []sample, n int) []sample {
	sorted := append([]sample(nil), samples...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].latency > sorted[j].latency })
	return sorted[:min(n, len(sorted))]
}

// ms formats a duration in milliseconds, with one decimal under 10 ms.
func ms(d time.Duration) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
