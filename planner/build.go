package planner

import (
	"fmt"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Defaults of Options.
const (
	DefaultLockTimeout      = 2 * time.Second
	DefaultStatementTimeout = time.Minute
	DefaultBatchSize        = 5000
)

// Row counts that separate the duration classes of a step that touches
// table data: below secondsRows it takes seconds, below minutesRows minutes,
// else hours.
const (
	secondsRows = 100_000
	minutesRows = 10_000_000
)

// withDefaults fills the zero options with their defaults.
func (o Options) withDefaults() Options {
	if o.LockTimeout == 0 {
		o.LockTimeout = DefaultLockTimeout
	}
	if o.StatementTimeout == 0 {
		o.StatementTimeout = DefaultStatementTimeout
	}
	if o.BatchSize == 0 {
		o.BatchSize = DefaultBatchSize
	}
	return o
}

// Build turns changes into a phased plan using the dialect's recipes and the
// live table statistics in current (nil = an empty database).
//
// Each change's actions go to their phase and keep the changes' order inside
// it; step IDs count 1..N over the whole plan in execution order. A step's
// estimate comes from the statistics of the action's table in current (a
// table renamed by the plan is found under its old name; a table the plan
// creates has 0 rows); its duration class is instant when the step neither
// rewrites, scans nor backfills, else seconds below 100k rows (and when the
// row count is unknown), minutes below 10M rows, hours above. The dialect
// sees the batch size in Env.BatchSize, so that the batched loops it writes
// use it; a backfill that gives none gets it too. Every step gets
// the lock timeout; ordinary steps get the statement timeout and long ones
// (LongRunning, rewrites, scans, backfills) the long statement timeout.
func Build(changes []schema.Change, current, desired *schema.Schema, d dialects.Dialect, opts Options) (*Plan, error) {
	if current == nil {
		current = &schema.Schema{}
	}
	if desired == nil {
		desired = &schema.Schema{}
	}
	opts = opts.withDefaults()
	env := &dialects.Env{Version: opts.Version, Current: current, Desired: desired, NewTables: map[schema.QName]bool{},
		BatchSize: opts.BatchSize}
	oldNames := map[schema.QName]schema.QName{}
	for _, c := range changes {
		switch c := c.(type) {
		case schema.AddTable:
			env.NewTables[c.T.QName()] = true
		case schema.RenameTable:
			oldNames[c.To.QName()] = c.From.QName()
		}
	}
	env.RenamedTables = oldNames
	env.RebuiltForeignKeys = rebuiltForeignKeys(changes, oldNames)
	byPhase := map[dialects.Phase][]Step{}
	for _, c := range changes {
		actions, err := d.Recipe(c, env)
		if err != nil {
			return nil, fmt.Errorf("planning %s %s: %w", c.Kind(), c.Object(), err)
		}
		for _, a := range actions {
			if !validPhase(a.Phase) {
				return nil, fmt.Errorf("planning %s %s: dialect %s returned an action in unknown phase %q (want one of %v)",
					c.Kind(), c.Object(), d.Name(), a.Phase, dialects.Phases)
			}
			byPhase[a.Phase] = append(byPhase[a.Phase], makeStep(c, a, env, opts))
		}
	}
	p := &Plan{
		FormatVersion: FormatVersion,
		TideVersion:   opts.TideVersion,
		Dialect:       d.Name(),
		ServerVersion: opts.ServerVersion,
		Target:        opts.Target,
		Fingerprint:   schema.Fingerprint(current),
		Phases:        []Phase{},
	}
	id := 0
	for _, name := range dialects.Phases {
		steps := byPhase[name]
		if len(steps) == 0 {
			continue
		}
		for i := range steps {
			id++
			steps[i].ID = id
		}
		p.Phases = append(p.Phases, Phase{Name: name, Steps: steps})
	}
	p.Summary = summarize(p)
	return p, nil
}

// validPhase reports whether ph is one of dialects.Phases.
func validPhase(ph dialects.Phase) bool {
	for _, p := range dialects.Phases {
		if p == ph {
			return true
		}
	}
	return false
}

// makeStep turns one action of a change into a step (ID set later).
func makeStep(c schema.Change, a dialects.Action, env *dialects.Env, opts Options) Step {
	st := Step{
		Object:        c.Object(),
		Change:        c.Kind(),
		Summary:       a.Summary,
		Statements:    nonNil(a.Statements),
		Transactional: a.Transactional,
		Lock:          a.Lock,
		LockNote:      a.LockNote,
		Rewrites:      a.Rewrites,
		Scans:         a.Scans,
		Hazards:       append([]dialects.Hazard{}, a.Hazards...),
		Irreversible:  a.Irreversible,
		LockTimeout:   opts.LockTimeout.String(),
	}
	if len(a.DoneProbes) > 0 {
		st.DoneProbes = append([]string(nil), a.DoneProbes...)
	}
	if len(a.Preflight) > 0 {
		st.Preflight = append([]dialects.Preflight(nil), a.Preflight...)
	}
	if len(a.Rollback) > 0 {
		st.Rollback = append([]string(nil), a.Rollback...)
	}
	if a.Backfill != nil {
		b := *a.Backfill
		b.Key = append([]string(nil), b.Key...)
		b.Set = append([]dialects.Assignment(nil), b.Set...)
		if b.BatchSize == 0 {
			b.BatchSize = opts.BatchSize
		}
		st.Backfill = &b
	}
	st.Estimate = estimate(a, env)
	long := a.LongRunning || a.Rewrites || a.Scans || a.Backfill != nil
	if long {
		st.StatementTimeout = opts.LongStatementTimeout.String()
	} else {
		st.StatementTimeout = opts.StatementTimeout.String()
	}
	return st
}

// nonNil returns a copy of s that is never nil.
func nonNil(s []string) []string { return append([]string{}, s...) }

// estimate sizes a step from the statistics of its table.
func estimate(a dialects.Action, env *dialects.Env) Estimate {
	e := Estimate{Rows: -1}
	if a.Table != nil {
		switch t := env.CurrentTable(*a.Table); {
		case env.NewTables[*a.Table] && t == nil:
			e.Rows = 0
		case t != nil && t.Stats != nil:
			e.Rows, e.Bytes = t.Stats.Rows, t.Stats.Bytes
			if e.Rows < 0 {
				e.Rows = -1
			}
		}
	}
	e.DurationClass = durationClass(a, e.Rows)
	return e
}

// durationClass classifies a step's duration (see Build).
func durationClass(a dialects.Action, rows int64) string {
	switch {
	case !a.Rewrites && !a.Scans && a.Backfill == nil:
		return dialects.DurationInstant
	case rows < secondsRows: // unknown (-1) counts as seconds
		return dialects.DurationSeconds
	case rows < minutesRows:
		return dialects.DurationMinutes
	default:
		return dialects.DurationHours
	}
}

// summarize counts a plan's phases, steps, backfills and hazards.
func summarize(p *Plan) Summary {
	s := Summary{Phases: len(p.Phases), Hazards: map[string]int{}}
	for _, st := range p.Steps() {
		s.Steps++
		if st.Backfill != nil {
			s.Backfills++
			if st.Estimate.Rows > 0 {
				s.BackfillRows += st.Estimate.Rows
			}
		}
		for _, h := range st.Hazards {
			s.Hazards[h.Code]++
		}
	}
	return s
}
