package render

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// fullPlanFile is the plan planner's own golden test builds with its fake
// dialect: every phase, a backfill, pre-flight checks, a non-transactional
// step, an irreversible step and hazards.
const fullPlanFile = "../testdata/plan_full.json"

func loadPlan(t *testing.T) *planner.Plan {
	t.Helper()
	f, err := os.Open(fullPlanFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := planner.ReadJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func emptyPlan() *planner.Plan {
	return &planner.Plan{FormatVersion: planner.FormatVersion, TideVersion: "v0.0.0-test", Dialect: "fake",
		Target: "db1:5432/shop", ServerVersion: "Fake 1.0", Fingerprint: "sha256:00",
		Summary: planner.Summary{Hazards: map[string]int{}}, Phases: []planner.Phase{}}
}

// sqlDialect is the part of a dialect the SQL renderer uses.
type sqlDialect struct{ dialects.Dialect }

func (sqlDialect) SessionSettings(lock, stmt time.Duration) []string {
	return []string{fmt.Sprintf("SET LOCK_TIMEOUT %s", lock), fmt.Sprintf("SET STATEMENT_TIMEOUT %s;", stmt)}
}

// loopDialect also renders backfills as loops.
type loopDialect struct{ sqlDialect }

func (loopDialect) BackfillSQL(b dialects.Backfill) string {
	return fmt.Sprintf("LOOP %s BY %s SIZE %d;\n", b.Table, strings.Join(b.Key, ","), b.BatchSize)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./planner/render/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; run go test ./planner/render/ -update and review the diff.\ngot:\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	renderers := map[string]func(*bytes.Buffer, *planner.Plan) error{
		"text":       func(b *bytes.Buffer, p *planner.Plan) error { return Text(b, p, TextOptions{}) },
		"text_color": func(b *bytes.Buffer, p *planner.Plan) error { return Text(b, p, TextOptions{Color: true}) },
		"markdown":   func(b *bytes.Buffer, p *planner.Plan) error { return Markdown(b, p) },
		"json":       func(b *bytes.Buffer, p *planner.Plan) error { return JSON(b, p) },
		"sql":        func(b *bytes.Buffer, p *planner.Plan) error { return SQL(b, p, sqlDialect{}) },
		"sql_loop":   func(b *bytes.Buffer, p *planner.Plan) error { return SQL(b, p, loopDialect{}) },
	}
	plans := map[string]*planner.Plan{"full": loadPlan(t), "empty": emptyPlan()}
	for pname, p := range plans {
		for rname, r := range renderers {
			t.Run(pname+"_"+rname, func(t *testing.T) {
				var b bytes.Buffer
				if err := r(&b, p); err != nil {
					t.Fatal(err)
				}
				golden(t, pname+"_"+rname+".golden", b.Bytes())
			})
		}
	}
}

func TestJSONIsThePlanContract(t *testing.T) {
	want, err := os.ReadFile(fullPlanFile)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := JSON(&b, loadPlan(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Error("JSON of a read plan differs from the file it was read from")
	}
}

func TestColorOnlyWhenAsked(t *testing.T) {
	p := loadPlan(t)
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		if err := Text(&b, p, TextOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(b.String(), "\x1b["); has != color {
			t.Errorf("Color=%v: ANSI escapes present = %v", color, has)
		}
	}
}

func TestEveryFormatSaysNoChanges(t *testing.T) {
	p := emptyPlan()
	var text, md, sql bytes.Buffer
	if err := errors.Join(Text(&text, p, TextOptions{}), Markdown(&md, p), SQL(&sql, p, sqlDialect{})); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": text.String(), "markdown": md.String(), "sql": sql.String()} {
		if !strings.Contains(out, "No changes") {
			t.Errorf("%s of an empty plan does not say so:\n%s", name, out)
		}
	}
}

func TestSQLStepDetails(t *testing.T) {
	p := loadPlan(t)
	var plain, loop bytes.Buffer
	if err := errors.Join(SQL(&plain, p, sqlDialect{}), SQL(&loop, p, loopDialect{})); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-- ==== EXPAND ====", "-- ==== BACKFILL ====", "-- ==== VALIDATE ====", "-- ==== CONTRACT ====",
		"NOT TRANSACTIONAL", "IRREVERSIBLE", "SET LOCK_TIMEOUT 2s;", "SET STATEMENT_TIMEOUT 0s;", "run the statements below repeatedly",
		"UPDATE public.users SET name = 'unknown';", "hazard DELETES_DATA"} {
		if !strings.Contains(plain.String(), want) {
			t.Errorf("SQL lacks %q", want)
		}
	}
	if !strings.Contains(loop.String(), "LOOP public.users BY id SIZE 5000;") || strings.Contains(loop.String(), "UPDATE public.users") {
		t.Errorf("SQL with a BackfillRenderer does not use its loop:\n%s", loop.String())
	}
}

func TestSQLBadTimeout(t *testing.T) {
	p := loadPlan(t)
	p.Phases[0].Steps[0].LockTimeout = "soon"
	err := SQL(&bytes.Buffer{}, p, sqlDialect{})
	if err == nil || !strings.Contains(err.Error(), "step 1") || !strings.Contains(err.Error(), `"soon"`) {
		t.Errorf("error = %v, want it to name the step and the value", err)
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrorsAreReturned(t *testing.T) {
	p := loadPlan(t)
	for name, err := range map[string]error{
		"text":     Text(failingWriter{}, p, TextOptions{}),
		"markdown": Markdown(failingWriter{}, p),
		"json":     JSON(failingWriter{}, p),
		"sql":      SQL(failingWriter{}, p, sqlDialect{}),
	} {
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: error = %v, want the write error", name, err)
		}
	}
}

func TestHumanNumbers(t *testing.T) {
	tests := []struct{ got, want string }{
		{groupDigits(0), "0"}, {groupDigits(999), "999"}, {groupDigits(1000), "1,000"}, {groupDigits(-1234567), "-1,234,567"},
		{humanCount(5000), "5,000"}, {humanCount(1_000_000), "1.0M"}, {humanCount(2_345_000_000), "2.3B"},
		{humanBytes(512), "512 B"}, {humanBytes(65536), "64.0 kB"}, {humanBytes(3 << 30), "3.0 GB"}, {humanBytes(150 << 20), "150 MB"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
