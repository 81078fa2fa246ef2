package main

import (
	"reflect"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 99, 0},
		{"one", []time.Duration{7}, 50, 7},
		{"p50 of 1..100", hundred, 50, 50 * time.Millisecond},
		{"p99 of 1..100", hundred, 99, 99 * time.Millisecond},
		{"p100 of 1..100", hundred, 100, 100 * time.Millisecond},
		{"p99 of four", []time.Duration{1, 2, 3, 40}, 99, 40},
		{"p50 of four", []time.Duration{1, 2, 3, 40}, 50, 2},
	}
	for _, tt := range tests {
		if got := percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("%s: percentile(p%v) = %v, want %v", tt.name, tt.p, got, tt.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	samples := []sample{
		{start: 3 * time.Second, latency: 2 * time.Millisecond, op: "read"},
		{start: 1 * time.Second, latency: 900 * time.Millisecond, op: "update", err: "timeout"},
		{start: 2 * time.Second, latency: 1 * time.Millisecond, op: "insert", err: "null value"},
		{start: 4 * time.Second, latency: 3 * time.Millisecond, op: "update", err: "timeout"},
		{start: 5 * time.Second, latency: 4 * time.Millisecond, op: "insert", err: "x"},
		{start: 6 * time.Second, latency: 5 * time.Millisecond, op: "read", err: "y"},
	}
	got := summarize(samples)
	want := summary{
		queries:    6,
		errors:     5,
		firstErrs:  []string{"update: timeout", "insert: null value", "insert: x"},
		maxLatency: 900 * time.Millisecond,
		maxAt:      1 * time.Second,
		maxOp:      "update",
		p50:        3 * time.Millisecond,
		p99:        900 * time.Millisecond,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summarize:\n got %+v\nwant %+v", got, want)
	}
	if empty := summarize(nil); empty.queries != 0 || empty.maxLatency != 0 {
		t.Errorf("summarize(nil) = %+v, want zero", empty)
	}
}

func TestStepAtAndPerStep(t *testing.T) {
	events := []event{
		{at: 1 * time.Second, text: "migration begins"},
		{at: 1 * time.Second, text: "start step 1: add column"},
		{at: 2 * time.Second, text: "end step 1: add column"},
		{at: 3 * time.Second, text: "start step 2: backfill"},
		{at: 3500 * time.Millisecond, text: "step 2: progress 50%"},
		{at: 5 * time.Second, text: "end step 2: backfill"},
	}
	at := []struct {
		t    time.Duration
		want string
	}{
		{500 * time.Millisecond, ""},
		{1 * time.Second, "step 1: add column"},
		{1500 * time.Millisecond, "step 1: add column"},
		{2500 * time.Millisecond, ""},
		{4 * time.Second, "step 2: backfill"},
		{6 * time.Second, ""},
	}
	for _, tt := range at {
		if got := stepAt(events, tt.t); got != tt.want {
			t.Errorf("stepAt(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
	samples := []sample{
		{start: 500 * time.Millisecond, latency: time.Second},
		{start: 1200 * time.Millisecond, latency: 10 * time.Millisecond},
		{start: 1300 * time.Millisecond, latency: 30 * time.Millisecond, err: "boom"},
		{start: 4 * time.Second, latency: 250 * time.Millisecond},
		{start: 2500 * time.Millisecond, latency: 2 * time.Second},
	}
	want := []stepStats{
		{label: "step 1: add column", duration: time.Second, queries: 2, errors: 1, max: 30 * time.Millisecond},
		{label: "step 2: backfill", duration: 2 * time.Second, queries: 1, max: 250 * time.Millisecond},
	}
	if got := perStep(events, samples); !reflect.DeepEqual(got, want) {
		t.Errorf("perStep:\n got %+v\nwant %+v", got, want)
	}
}

func TestSlowest(t *testing.T) {
	samples := []sample{{latency: 3}, {latency: 9}, {latency: 1}, {latency: 5}}
	got := slowest(samples, 2)
	if len(got) != 2 || got[0].latency != 9 || got[1].latency != 5 {
		t.Errorf("slowest(2) = %+v, want latencies 9, 5", got)
	}
	if got := slowest(samples[:1], 5); len(got) != 1 {
		t.Errorf("slowest of one sample returned %d", len(got))
	}
}

func TestTideLineEvents(t *testing.T) {
	lines := []struct {
		line string
		want []string
	}{
		{"step 4 (4/11)  create index payments_idx on public.payments …", []string{"start expand step 4: create index payments_idx on public.payments"}},
		{"step 4 done in 18ms", []string{"end expand step 4: create index payments_idx on public.payments", "expand step 4 done in 18ms"}},
		{"", nil},
		{"step 6 (6/11)  backfill public.payments.has_note = note IS NOT NULL …", []string{"start expand step 6: backfill public.payments.has_note = note IS NOT NULL"}},
		{"step 6: backfill of public.payments: 5000 rows", []string{"expand step 6: backfill of public.payments: 5000 rows"}},
		{"step 7 (7/11)  backfill amount …", []string{"end expand step 6: backfill public.payments.has_note = note IS NOT NULL", "start expand step 7: backfill amount"}},
		{"step 7 failed after 5ms", []string{"end expand step 7: backfill amount", "expand step 7 failed after 5ms"}},
	}
	running := ""
	for _, tt := range lines {
		got := tideLineEvents("expand ", tt.line, &running)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tideLineEvents(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
	if running != "" {
		t.Errorf("after a failed step, running = %q, want none", running)
	}
}

func TestContractStepIDs(t *testing.T) {
	plan := []byte(`{"format_version": 1, "phases": [
		{"name": "expand", "steps": [{"id": 1}, {"id": 2}]},
		{"name": "backfill", "steps": [{"id": 3}]},
		{"name": "contract", "steps": [{"id": 4}, {"id": 5}]}]}`)
	got, err := contractStepIDs(plan)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int]bool{4: true, 5: true}; !reflect.DeepEqual(got, want) {
		t.Errorf("contractStepIDs = %v, want %v", got, want)
	}
	if _, err := contractStepIDs([]byte("not json")); err == nil {
		t.Error("contractStepIDs accepted text that is not JSON")
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct{ got, want string }{
		{ms(2500 * time.Microsecond), "2.5 ms"},
		{ms(1234 * time.Millisecond), "1234 ms"},
		{shorten("abcdef", 4), "abc…"},
		{shorten("abc", 4), "abc"},
		{tail("a\nb\nc\n", 2), "b\nc"},
		{redact("postgres://u:secret@h:5432/db"), "postgres://u:xxxxx@h:5432/db"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
