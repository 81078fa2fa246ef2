package planner

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// fakeDialect is a dialect for pure tests: its recipes return recognisable
// statements ("ADD_COLUMN public.t.c") and exercise every field of an
// action, so that Build and the renderers can be tested without PostgreSQL.
type fakeDialect struct {
	// failOn makes Recipe fail for changes on this object.
	failOn string
	// badPhase makes every recipe return this phase.
	badPhase dialects.Phase
}

func (fakeDialect) Name() string                               { return "fake" }
func (fakeDialect) DefaultSchema() string                      { return "public" }
func (fakeDialect) CanonicalType(typ string) (string, error)   { return strings.ToLower(typ), nil }
func (fakeDialect) Normalize(*schema.Schema) error             { return nil }
func (fakeDialect) QuoteIdent(name string) string              { return "[" + name + "]" }
func (fakeDialect) CreateSQL(*schema.Schema) ([]string, error) { return nil, nil }
func (fakeDialect) ParseSQL(string, []byte) (*schema.Schema, error) {
	return nil, errors.New("fake dialect: no parser")
}

// SessionSettings returns one recognisable statement per timeout.
func (fakeDialect) SessionSettings(lock, stmt time.Duration) []string {
	return []string{fmt.Sprintf("SET LOCK_TIMEOUT %s", lock), fmt.Sprintf("SET STATEMENT_TIMEOUT %s", stmt)}
}

// stmt is the fake statement of a change.
func stmt(c schema.Change) string { return strings.ToUpper(c.Kind()) + " " + c.Object() }

// tableOf returns the table a change is on, when it has one.
func tableOf(c schema.Change) *schema.Table {
	switch c := c.(type) {
	case schema.AddTable:
		return c.T
	case schema.DropTable:
		return c.T
	case schema.AddColumn:
		return c.T
	case schema.AlterColumn:
		return c.T
	case schema.DropColumn:
		return c.T
	case schema.AddIndex:
		return c.T
	case schema.AddCheck:
		return c.T
	case schema.AddForeignKey:
		return c.T
	}
	return nil
}

// Recipe returns the fake actions of a change.
func (f fakeDialect) Recipe(c schema.Change, env *dialects.Env) ([]dialects.Action, error) {
	if c.Object() == f.failOn {
		return nil, errors.New("fake dialect: cannot do that")
	}
	base := dialects.Action{Phase: dialects.PhaseExpand, Summary: c.Kind() + " " + c.Object(),
		Statements: []string{stmt(c)}, Transactional: true, Lock: "EXCLUSIVE", LockNote: "brief",
		Rollback: []string{"UNDO " + stmt(c)}}
	if t := tableOf(c); t != nil {
		q := t.QName()
		base.Table = &q
	}
	var out []dialects.Action
	switch c := c.(type) {
	case schema.AddColumn:
		out = append(out, base)
		if c.C.Backfill != "" && !env.NewTables[c.T.QName()] {
			fill := base
			fill.Phase, fill.Summary = dialects.PhaseBackfill, "fill "+c.Object()
			fill.Statements = []string{"UPDATE " + c.T.QName().String() + " SET " + c.C.Name + " = " + c.C.Backfill}
			fill.Lock, fill.LockNote, fill.LongRunning, fill.Rollback = "ROW EXCLUSIVE", "per batch", true, nil
			var key []string
			if c.T.PrimaryKey != nil {
				key = c.T.PrimaryKey.Columns
			}
			fill.Backfill = &dialects.Backfill{Table: c.T.QName(), Key: key,
				Set: []dialects.Assignment{{Column: c.C.Name, Expr: c.C.Backfill}}, Where: c.C.Name + " IS NULL"}
			out = append(out, fill)
		}
	case schema.AlterColumn:
		if c.Changes.Has(schema.ChangeType) {
			base.Rewrites, base.LongRunning = true, true
			base.Hazards = []dialects.Hazard{{Code: dialects.HazardTableRewrite, Message: "rewrites the table"}}
		}
		out = append(out, base)
	case schema.AddIndex:
		base.Transactional, base.Scans, base.LongRunning = false, true, true
		base.Hazards = []dialects.Hazard{{Code: dialects.HazardIndexBuild, Message: "reads the whole table"},
			{Code: dialects.HazardNonTransactional, Message: "cannot run in a transaction"}}
		out = append(out, base)
	case schema.AddCheck, schema.AddForeignKey:
		base.Statements[0] += " NOT VALID"
		validate := base
		validate.Phase, validate.Summary = dialects.PhaseValidate, "validate "+c.Object()
		validate.Statements, validate.Rollback = []string{"VALIDATE " + c.Object()}, nil
		validate.Scans, validate.LongRunning = true, true
		validate.Hazards = []dialects.Hazard{{Code: dialects.HazardValidationMayFail, Message: "rows may violate it"}}
		validate.Preflight = []dialects.Preflight{{Kind: "check", Description: "rows violating " + c.Object(),
			SQL: "SELECT count(*) FROM violations", SampleSQL: "SELECT id FROM violations LIMIT 5"}}
		out = append(out, base, validate)
	case schema.DropColumn, schema.DropTable:
		base.Phase, base.Rollback, base.Irreversible = dialects.PhaseContract, nil, true
		base.Hazards = []dialects.Hazard{{Code: dialects.HazardDeletesData, Message: "deletes data"}}
		out = append(out, base)
	case schema.DropIndex, schema.DropView, schema.DropForeignKey:
		base.Phase = dialects.PhaseContract
		out = append(out, base)
	default:
		out = append(out, base)
	}
	if f.badPhase != "" {
		for i := range out {
			out[i].Phase = f.badPhase
		}
	}
	return out, nil
}
