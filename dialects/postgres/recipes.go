package postgres

import (
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// PostgreSQL's table-level lock modes, spelled as its documentation names
// them, weakest first.
const (
	LockAccessShare          = "ACCESS SHARE"
	LockRowShare             = "ROW SHARE"
	LockRowExclusive         = "ROW EXCLUSIVE"
	LockShareUpdateExclusive = "SHARE UPDATE EXCLUSIVE"
	LockShare                = "SHARE"
	LockShareRowExclusive    = "SHARE ROW EXCLUSIVE"
	LockExclusive            = "EXCLUSIVE"
	LockAccessExclusive      = "ACCESS EXCLUSIVE"
)

// lockRank orders lock modes by strength.
var lockRank = map[string]int{
	"": 0, LockAccessShare: 1, LockRowShare: 2, LockRowExclusive: 3, LockShareUpdateExclusive: 4,
	LockShare: 5, LockShareRowExclusive: 6, LockExclusive: 7, LockAccessExclusive: 8,
}

// strongerLock returns the stronger of two lock modes.
func strongerLock(a, b string) string {
	if lockRank[b] > lockRank[a] {
		return b
	}
	return a
}

// Lock notes used by the recipes.
const (
	noteBrief     = "brief (metadata only)"
	noteNewObject = "none on existing tables (creates a new object)"
	noteScan      = "held while every row is read"
	noteRewrite   = "held while the whole table and its indexes are rewritten"
	noteIndex     = "held while the index is built (reads keep working, writes wait)"
)

// Recipe implements dialects.Recipes: the actions that carry out one change,
// each with its phase, lock, hazards and rollback. Tables the plan creates
// get plain DDL; existing tables get the online recipes (indexes built
// CONCURRENTLY, constraints added NOT VALID then validated, NOT NULL proved
// by a check, replacements built beside the old object and swapped in the
// contract). A recipe may return several actions in different phases, or
// none (the drop half of a replacement whose add does the whole swap). Each
// change kind has its own function (recipes_*.go); this only dispatches,
// then has the pre-flight checks name renamed tables and columns as they are
// before the plan (currentPreflights).
func (d Dialect) Recipe(c schema.Change, env *dialects.Env) ([]dialects.Action, error) {
	if env == nil {
		env = &dialects.Env{}
	}
	r := recipeContext{env: env}
	actions, err := r.recipe(c)
	if err != nil {
		return nil, err
	}
	r.currentPreflights(actions)
	return actions, nil
}

// recipe dispatches c to the recipe of its kind.
func (r recipeContext) recipe(c schema.Change) ([]dialects.Action, error) {
	var (
		a   dialects.Action
		err error
	)
	switch c := c.(type) {
	case schema.AddNamespace:
		a = r.addNamespace(c)
	case schema.DropNamespace:
		a = r.dropNamespace(c)
	case schema.SetNamespaceComment:
		a = r.setNamespaceComment(c)
	case schema.AddTable:
		a, err = r.addTable(c)
	case schema.DropTable:
		a = r.dropTable(c)
	case schema.RenameTable:
		return r.renameTable(c), nil
	case schema.SetTableComment:
		a = r.setTableComment(c)
	case schema.SetTableAttrs:
		err = fmt.Errorf("table %s: PostgreSQL has no table options (%s); remove them from the desired schema", c.To.QName(), attrNames(c.To.Attrs))
	case schema.AddColumn:
		return r.addColumn(c)
	case schema.DropColumn:
		a = r.dropColumn(c)
	case schema.RenameColumn:
		return r.renameColumn(c), nil
	case schema.AlterColumn:
		return r.alterColumn(c)
	case schema.AddPrimaryKey:
		return r.addPrimaryKey(c), nil
	case schema.DropPrimaryKey:
		return r.dropPrimaryKey(c), nil
	case schema.AddUnique:
		return r.addUnique(c), nil
	case schema.DropUnique:
		return r.dropUnique(c), nil
	case schema.AddCheck:
		return r.addCheck(c), nil
	case schema.DropCheck:
		return r.dropCheck(c), nil
	case schema.AddForeignKey:
		return r.addForeignKey(c), nil
	case schema.DropForeignKey:
		return r.dropForeignKey(c), nil
	case schema.AddIndex:
		return r.addIndex(c), nil
	case schema.DropIndex:
		return r.dropIndex(c), nil
	case schema.RenameIndex:
		a = r.renameIndex(c)
	case schema.RenameConstraint:
		a = r.renameConstraint(c)
	case schema.AddEnum:
		a = r.addEnum(c)
	case schema.DropEnum:
		a = r.dropEnum(c)
	case schema.AddEnumValue:
		a = r.addEnumValue(c)
	case schema.ReplaceEnum:
		return r.replaceEnumActions(c)
	case schema.AddSequence:
		a = r.addSequence(c)
	case schema.DropSequence:
		a = r.dropSequence(c)
	case schema.AlterSequence:
		a = r.alterSequence(c)
	case schema.AddView:
		a = r.addView(c)
	case schema.DropView:
		a = r.dropView(c)
	case schema.SetViewComment:
		a = r.setViewComment(c)
	default:
		if c == nil {
			return nil, fmt.Errorf("postgres: no recipe for a nil change")
		}
		return nil, fmt.Errorf("postgres: no recipe for change %q on %s (%T)", c.Kind(), c.Object(), c)
	}
	if err != nil {
		return nil, err
	}
	return []dialects.Action{a}, nil
}

// recipeContext carries the environment the recipe functions read.
type recipeContext struct {
	env *dialects.Env
}

// isNew reports whether the plan creates table t, so nobody uses it yet.
func (r recipeContext) isNew(t *schema.Table) bool {
	return r.env.NewTables[t.QName()]
}

// versionAtLeast reports whether the target server is at least major; an
// unknown version (offline) counts as current.
func (r recipeContext) versionAtLeast(major int) bool {
	v := r.env.Version
	return v.Major == 0 || v.Major >= major
}

// enumSchema is the schema that resolves enum types in rendered columns:
// the desired schema when known, else the current one.
func (r recipeContext) enumSchema() *schema.Schema {
	if r.env.Desired != nil {
		return r.env.Desired
	}
	return r.env.Current
}

// tableRef returns a pointer to t's qualified name, for Action.Table.
func tableRef(t *schema.Table) *schema.QName {
	q := t.QName()
	return &q
}

// hazard builds one hazard.
func hazard(code, msg string) dialects.Hazard { return dialects.Hazard{Code: code, Message: msg} }

// briefAlter is the common shape of an ALTER that only changes the catalog
// under a short ACCESS EXCLUSIVE lock.
func briefAlter(phase dialects.Phase, t *schema.Table, summary string, stmts, rollback []string) dialects.Action {
	return dialects.Action{
		Phase:         phase,
		Summary:       summary,
		Statements:    stmts,
		Transactional: true,
		Lock:          LockAccessExclusive,
		LockNote:      noteBrief,
		Table:         tableRef(t),
		Rollback:      rollback,
	}
}

// alterTable prefixes subcommands with ALTER TABLE "schema"."table".
func alterTable(t *schema.Table, subcommands ...string) string {
	s := "ALTER TABLE " + qualified(t.QName()) + " "
	for i, c := range subcommands {
		if i > 0 {
			s += ", "
		}
		s += c
	}
	return s
}
