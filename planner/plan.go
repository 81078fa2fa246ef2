// Package planner diffs two schemas into ordered changes (Diff) and turns
// changes into a phased plan of steps using a dialect's recipes (Build). A
// plan is plain data: rendering and executing read the same value, and its
// JSON form (FormatVersion) is a stable contract.
package planner

import (
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// FormatVersion is the version of the plan's JSON form. It changes only when
// a field changes meaning or disappears.
const FormatVersion = 1

// Plan is an executable, serialisable plan.
type Plan struct {
	FormatVersion int    `json:"format_version"`
	TideVersion   string `json:"tide_version"`
	Dialect       string `json:"dialect"`
	ServerVersion string `json:"server_version,omitempty"`
	// Target is "host:port/db" (never a password); "" offline.
	Target string `json:"target,omitempty"`
	// Fingerprint is schema.Fingerprint of the live schema the plan was
	// computed against; apply refuses a saved plan when it differs.
	Fingerprint string  `json:"fingerprint"`
	Summary     Summary `json:"summary"`
	Phases      []Phase `json:"phases"`
}

// Summary counts what a plan does.
type Summary struct {
	Phases       int            `json:"phases"`
	Steps        int            `json:"steps"`
	Backfills    int            `json:"backfills"`
	BackfillRows int64          `json:"backfill_rows"`
	Hazards      map[string]int `json:"hazards"`
}

// Phase is one phase of a plan and its steps.
type Phase struct {
	Name  dialects.Phase `json:"name"`
	Steps []Step         `json:"steps"`
}

// Step is one unit of execution: its statements run together (in one
// transaction when Transactional).
type Step struct {
	// ID is the step's 1-based position in the whole plan.
	ID int `json:"id"`
	// Object is the schema-qualified object the step is about.
	Object string `json:"object"`
	// Change is the kind of difference the step implements ("add_column").
	Change     string   `json:"change"`
	Summary    string   `json:"summary"`
	Statements []string `json:"statements"`
	// DoneProbes parallels Statements in a non-transactional step whose
	// dialect can tell a statement's effect is in place (MySQL): a query
	// returning a row iff Statements[i] already took effect, "" = none
	// (see dialects.Action.DoneProbes). Optional in the JSON form: a plan
	// without it runs every statement of a re-run step again.
	DoneProbes    []string             `json:"done_probes,omitempty"`
	Transactional bool                 `json:"transactional"`
	Lock          string               `json:"lock"`
	LockNote      string               `json:"lock_note,omitempty"`
	Rewrites      bool                 `json:"rewrites"`
	Scans         bool                 `json:"scans"`
	Estimate      Estimate             `json:"estimate"`
	Hazards       []dialects.Hazard    `json:"hazards"`
	Preflight     []dialects.Preflight `json:"preflight,omitempty"`
	Rollback      []string             `json:"rollback,omitempty"`
	Irreversible  bool                 `json:"irreversible,omitempty"`
	Backfill      *dialects.Backfill   `json:"backfill,omitempty"`
	// LockTimeout and StatementTimeout are Go durations ("2s"; "0s" = none).
	LockTimeout      string `json:"lock_timeout"`
	StatementTimeout string `json:"statement_timeout"`
}

// Estimate is how much data a step touches, from live statistics.
type Estimate struct {
	// Rows is -1 when unknown (no statistics, or offline).
	Rows  int64 `json:"rows"`
	Bytes int64 `json:"bytes"`
	// DurationClass is one of dialects.Duration*.
	DurationClass string `json:"duration_class"`
}

// Options tune Build.
type Options struct {
	// LockTimeout bounds how long a step waits for its lock (default 2s).
	LockTimeout time.Duration
	// StatementTimeout bounds ordinary steps (default 1m); LongStatementTimeout
	// bounds index builds, validations and backfill batches (default 0: none).
	StatementTimeout     time.Duration
	LongStatementTimeout time.Duration
	// BatchSize is the backfill batch size (default 5000).
	BatchSize int
	// Version is the target server's version.
	Version dialects.Version
	// TideVersion, Target and ServerVersion are copied into the plan.
	TideVersion, Target, ServerVersion string
}

// Empty reports whether the plan has no steps.
func (p *Plan) Empty() bool { return p.Summary.Steps == 0 }

// Steps returns every step in execution order.
func (p *Plan) Steps() []Step {
	var out []Step
	for _, ph := range p.Phases {
		out = append(out, ph.Steps...)
	}
	return out
}

// DataLoss reports whether any step carries a data-loss hazard.
func (p *Plan) DataLoss() bool {
	for _, s := range p.Steps() {
		for _, h := range s.Hazards {
			if h.DataLoss() {
				return true
			}
		}
	}
	return false
}

var _ = schema.QName{}
