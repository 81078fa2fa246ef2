package planner

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./planner/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run go test ./planner/ -update and review the diff.\ngot:\n%s", path, got)
	}
}

func stats(rows, bytes int64) func(*schema.Table) {
	return func(t *schema.Table) { t.Stats = &schema.TableStats{Rows: rows, Bytes: bytes} }
}

// fullPair is a change touching every phase and every step field: a renamed
// table with a backfilled new column, a rewrite of a 20M-row table, index
// builds, checks and foreign keys that are validated, a dropped column and
// a new table.
func fullPair() (cur, des *schema.Schema) {
	cur = sch(
		with(tbl("accounts", col("email", "text")), stats(1000, 65536)),
		with(tbl("payments", col("amount", "int"), col("created_at", "timestamp"), col("legacy", "text")), stats(20_000_000, 3<<30)),
		with(tbl("events", col("kind", "text")), stats(-1, 0)),
	)
	des = sch(
		with(tbl("users", col("email", "text"), &schema.Column{Name: "name", Type: "text", Backfill: "'unknown'"}),
			renamedFrom("accounts"), pkName("accounts_pkey")),
		with(tbl("payments", col("amount", "bigint"), col("created_at", "timestamp"), col("region_id", "bigint")),
			addIndex(idx("payments_created_idx", "created_at")), addCheck("payments_amount_chk", "amount >= 0"),
			addFK(fk("payments_region_fk", "region_id", "regions"))),
		with(tbl("events", col("kind", "text")), addIndex(idx("events_kind_idx", "kind"))),
		tbl("regions", col("name", "text")),
	)
	return cur, des
}

func testOptions() Options {
	return Options{TideVersion: "v0.0.0-test", Target: "db1:5432/shop", ServerVersion: "Fake 1.0",
		Version: dialects.Version{Flavor: "fake", Major: 1}}
}

// fullPlan builds the plan of fullPair with the fake dialect.
func fullPlan(t *testing.T) *Plan {
	t.Helper()
	cur, des := fullPair()
	changes, err := Diff(cur, des)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(changes, cur, des, fakeDialect{}, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBuildGolden(t *testing.T) {
	p := fullPlan(t)
	var b bytes.Buffer
	if err := WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	// The renderers' golden tests read this file as their input plan.
	golden(t, "plan_full.json", b.Bytes())
}

// stepByObject finds the step of a change kind on an object in one phase.
func stepByObject(t *testing.T, p *Plan, phase dialects.Phase, change, object string) Step {
	t.Helper()
	for _, ph := range p.Phases {
		for _, s := range ph.Steps {
			if ph.Name == phase && s.Change == change && s.Object == object {
				return s
			}
		}
	}
	t.Fatalf("no %s step %s %s in the plan", phase, change, object)
	return Step{}
}

func TestBuildPhasesAndIDs(t *testing.T) {
	p := fullPlan(t)
	var names []dialects.Phase
	for _, ph := range p.Phases {
		names = append(names, ph.Name)
	}
	if !slices.Equal(names, dialects.Phases) {
		t.Errorf("phases = %v, want all four in order", names)
	}
	for i, s := range p.Steps() {
		if s.ID != i+1 {
			t.Errorf("step %d has ID %d", i+1, s.ID)
		}
	}
	// Within a phase steps keep the diff's order: the rename comes first.
	if first := p.Phases[0].Steps[0]; first.Change != "rename_table" {
		t.Errorf("first expand step is %s, want rename_table", first.Change)
	}
}

func TestBuildEstimates(t *testing.T) {
	p := fullPlan(t)
	tests := []struct {
		phase          dialects.Phase
		change, object string
		rows, bytes    int64
		class          string
	}{
		{dialects.PhaseBackfill, "add_column", "public.users.name", 1000, 65536, dialects.DurationSeconds}, // stats of the old name
		{dialects.PhaseExpand, "alter_column", "public.payments.amount", 20_000_000, 3 << 30, dialects.DurationHours},
		{dialects.PhaseExpand, "add_index", "public.events_kind_idx", -1, 0, dialects.DurationSeconds}, // never analysed
		{dialects.PhaseExpand, "add_column", "public.payments.region_id", 20_000_000, 3 << 30, dialects.DurationInstant},
		{dialects.PhaseExpand, "add_table", "public.regions", 0, 0, dialects.DurationInstant},   // created by the plan
		{dialects.PhaseExpand, "rename_table", "public.users", -1, 0, dialects.DurationInstant}, // the action names no table
	}
	for _, tc := range tests {
		s := stepByObject(t, p, tc.phase, tc.change, tc.object)
		want := Estimate{Rows: tc.rows, Bytes: tc.bytes, DurationClass: tc.class}
		if s.Estimate != want {
			t.Errorf("%s %s: estimate %+v, want %+v", tc.change, tc.object, s.Estimate, want)
		}
	}
}

func TestDurationClass(t *testing.T) {
	tests := []struct {
		action dialects.Action
		rows   int64
		want   string
	}{
		{dialects.Action{}, 50_000_000, dialects.DurationInstant},
		{dialects.Action{LongRunning: true}, 50_000_000, dialects.DurationInstant},
		{dialects.Action{Scans: true}, -1, dialects.DurationSeconds},
		{dialects.Action{Scans: true}, 99_999, dialects.DurationSeconds},
		{dialects.Action{Rewrites: true}, 100_000, dialects.DurationMinutes},
		{dialects.Action{Backfill: &dialects.Backfill{}}, 9_999_999, dialects.DurationMinutes},
		{dialects.Action{Scans: true}, 10_000_000, dialects.DurationHours},
	}
	for _, tc := range tests {
		if got := durationClass(tc.action, tc.rows); got != tc.want {
			t.Errorf("durationClass(%+v, %d) = %s, want %s", tc.action, tc.rows, got, tc.want)
		}
	}
}

func TestBuildTimeoutsAndBatchSize(t *testing.T) {
	tests := []struct {
		name                 string
		opts                 Options
		lock, ordinary, long string
		batch                int
	}{
		{"defaults", Options{}, "2s", "1m0s", "0s", 5000},
		{"custom", Options{LockTimeout: 5 * time.Second, StatementTimeout: 30 * time.Second,
			LongStatementTimeout: time.Hour, BatchSize: 100}, "5s", "30s", "1h0m0s", 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cur, des := fullPair()
			changes, err := Diff(cur, des)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Build(changes, cur, des, fakeDialect{}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range p.Steps() {
				if s.LockTimeout != tc.lock {
					t.Errorf("step %d lock_timeout %s, want %s", s.ID, s.LockTimeout, tc.lock)
				}
			}
			if s := stepByObject(t, p, dialects.PhaseExpand, "rename_table", "public.users"); s.StatementTimeout != tc.ordinary {
				t.Errorf("ordinary step statement_timeout %s, want %s", s.StatementTimeout, tc.ordinary)
			}
			for _, s := range []Step{
				stepByObject(t, p, dialects.PhaseExpand, "alter_column", "public.payments.amount"),             // rewrites
				stepByObject(t, p, dialects.PhaseExpand, "add_index", "public.events_kind_idx"),                // scans
				stepByObject(t, p, dialects.PhaseBackfill, "add_column", "public.users.name"),                  // backfill
				stepByObject(t, p, dialects.PhaseValidate, "add_check", "public.payments.payments_amount_chk"), // long running
			} {
				if s.StatementTimeout != tc.long {
					t.Errorf("step %d (%s) statement_timeout %s, want %s", s.ID, s.Summary, s.StatementTimeout, tc.long)
				}
			}
			fill := stepByObject(t, p, dialects.PhaseBackfill, "add_column", "public.users.name")
			if fill.Backfill == nil || fill.Backfill.BatchSize != tc.batch {
				t.Errorf("backfill %+v, want batch size %d", fill.Backfill, tc.batch)
			}
		})
	}
}

// batchDialect returns a backfill that sets its own batch size.
type batchDialect struct{ fakeDialect }

func (batchDialect) Recipe(c schema.Change, _ *dialects.Env) ([]dialects.Action, error) {
	return []dialects.Action{{Phase: dialects.PhaseBackfill, Statements: []string{stmt(c)},
		Backfill: &dialects.Backfill{Table: qname("t"), Key: []string{"id"}, BatchSize: 250}}}, nil
}

func TestBuildKeepsTheDialectsBatchSize(t *testing.T) {
	p, err := Build([]schema.Change{schema.AddColumn{T: tbl("t"), C: col("c", "int")}}, sch(tbl("t")), nil, batchDialect{}, Options{BatchSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Steps()[0].Backfill.BatchSize; got != 250 {
		t.Errorf("batch size %d, want the dialect's 250", got)
	}
}

func TestBuildSummary(t *testing.T) {
	p := fullPlan(t)
	want := Summary{Phases: 4, Steps: len(p.Steps()), Backfills: 1, BackfillRows: 1000, Hazards: map[string]int{
		dialects.HazardDeletesData: 1, dialects.HazardIndexBuild: 2, dialects.HazardNonTransactional: 2,
		dialects.HazardTableRewrite: 1, dialects.HazardValidationMayFail: 2}}
	if !reflect.DeepEqual(p.Summary, want) {
		t.Errorf("summary %+v, want %+v", p.Summary, want)
	}
	cur, _ := fullPair()
	if p.Fingerprint != schema.Fingerprint(cur) || !strings.HasPrefix(p.Fingerprint, "sha256:") {
		t.Errorf("fingerprint %s is not the current schema's", p.Fingerprint)
	}
	if p.Dialect != "fake" || p.TideVersion != "v0.0.0-test" || p.Target != "db1:5432/shop" || p.ServerVersion != "Fake 1.0" ||
		p.FormatVersion != FormatVersion {
		t.Errorf("plan header %+v", p)
	}
	if !p.DataLoss() {
		t.Error("DataLoss() = false for a plan that drops a column")
	}
}

func TestBuildEmpty(t *testing.T) {
	p, err := Build(nil, sch(tbl("t")), sch(tbl("t")), fakeDialect{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Phases == nil || len(p.Phases) != 0 || p.Summary.Steps != 0 || p.Summary.Hazards == nil || !p.Empty() {
		t.Fatalf("empty plan %+v", p)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"phases": []`, `"hazards": {}`, `"steps": 0`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("empty plan JSON lacks %s:\n%s", s, b.String())
		}
	}
}

func TestBuildNewTablesNeedNoBackfill(t *testing.T) {
	nt := tbl("n")
	changes := []schema.Change{schema.AddTable{T: nt}, schema.AddColumn{T: nt, C: &schema.Column{Name: "c", Type: "int", Backfill: "1"}}}
	p, err := Build(changes, sch(), sch(nt), fakeDialect{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Summary.Backfills != 0 || len(p.Phases) != 1 {
		t.Errorf("a column of a new table was backfilled: %+v", p.Summary)
	}
}

func TestBuildErrors(t *testing.T) {
	changes := []schema.Change{schema.AddTable{T: tbl("t")}}
	_, err := Build(changes, nil, nil, fakeDialect{failOn: "public.t"}, Options{})
	if err == nil || !strings.Contains(err.Error(), "add_table public.t") || !strings.Contains(err.Error(), "cannot do that") {
		t.Errorf("recipe error = %v, want it to name the change and the cause", err)
	}
	_, err = Build(changes, nil, nil, fakeDialect{badPhase: "later"}, Options{})
	if err == nil || !strings.Contains(err.Error(), `unknown phase "later"`) {
		t.Errorf("bad phase error = %v", err)
	}
}
