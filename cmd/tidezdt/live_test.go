package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestMigrationsUnderLoad runs both migrations on a small table against the
// live server, with the load running, and checks that each one reached the
// desired schema with every row accounted for and that the report names
// both. It measures nothing against a target: timings on a test machine
// prove nothing.
func TestMigrationsUnderLoad(t *testing.T) {
	admin := envOr("TIDE_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable")
	tide := filepath.Join(t.TempDir(), "tide")
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build tide: %v", err)
	}
	build := exec.Command(goBin, "build", "-o", tide, "github.com/tidedb/tide/cmd/tide")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build tide: %v\n%s", err, out)
	}
	o := options{admin: admin, tide: tide, rows: 20_000, accounts: 500, workers: 4,
		deadline: 5 * time.Second, settle: 300 * time.Millisecond, mode: "exec"}
	tests := []struct {
		name, phases string
		wantEvents   []string // labels of events that must have been logged
		wantCorrect  bool     // has_note right in every row the load inserted or never updated
	}{
		{"tide", "all-switch", []string{"start step 1: add column has_note", "application switched to its new version"}, true},
		{"tide", "all", []string{"start step 6: backfill public.payments.has_note"}, false},
		{"plain DDL", "", []string{"start ddl 1: ALTER TABLE payments ALTER COLUMN amount TYPE bigint", "end ddl 7:"}, false},
	}
	var results []runResult
	for _, tt := range tests {
		o.phases = tt.phases
		r, err := measureRun(context.Background(), o, pgx.QueryExecModeExec, tt.name)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.name, tt.phases, err)
		}
		results = append(results, r)
		if r.err != nil {
			t.Errorf("%s %s: migration failed: %v", tt.name, tt.phases, r.err)
		}
		if r.outErr != nil {
			t.Fatalf("%s %s: %v", tt.name, tt.phases, r.outErr)
		}
		got := r.outcome
		if got.amountType != "bigint" || !got.hasNoteNotNull || !got.indexValid || !got.fkValid || !got.checkValid || len(got.leftovers) > 0 {
			t.Errorf("%s %s: migrated schema is not the desired one: %s", tt.name, tt.phases, got)
		}
		if got.rows != o.rows+r.inserts {
			t.Errorf("%s %s: %d rows, want %d loaded + %d inserted", tt.name, tt.phases, got.rows, o.rows, r.inserts)
		}
		if tt.wantCorrect && got.wrongHasNote != 0 {
			t.Errorf("%s %s: has_note wrong in %d rows", tt.name, tt.phases, got.wrongHasNote)
		}
		if s := summarize(r.samples); s.queries == 0 {
			t.Errorf("%s %s: the load ran no query", tt.name, tt.phases)
		}
		for _, want := range tt.wantEvents {
			if !hasEvent(r.events, want) {
				t.Errorf("%s %s: no event starting %q among %d events", tt.name, tt.phases, want, len(r.events))
			}
		}
	}
	var out bytes.Buffer
	report(&out, o, results)
	for _, want := range []string{"| tide | ", "| plain DDL | ", "### tide", "Slowest queries"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if testing.Verbose() {
		os.Stdout.Write(out.Bytes())
	}
}

func hasEvent(events []event, prefix string) bool {
	for _, e := range events {
		if strings.HasPrefix(e.text, prefix) {
			return true
		}
	}
	return false
}
