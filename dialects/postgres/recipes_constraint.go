package postgres

import (
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Recipes for keys, constraints and indexes (plain, blocking forms).

// dropConstraint renders ALTER TABLE … DROP CONSTRAINT.
func dropConstraint(t *schema.Table, name string) string {
	return alterTable(t, "DROP CONSTRAINT "+quoteIdent(name))
}

// addConstraintAction is the plain ADD CONSTRAINT of a constraint that reads
// every existing row (and for keys builds an index) under lock.
func (r recipeContext) addConstraintAction(t *schema.Table, summary, constraint, name, lock string, index bool) dialects.Action {
	q := t.QName()
	a := dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       summary,
		Statements:    []string{alterTable(t, "ADD "+constraint)},
		Transactional: true,
		Lock:          lock,
		LockNote:      noteScan,
		Scans:         true,
		LongRunning:   true,
		Table:         tableRef(t),
		Rollback:      []string{dropConstraint(t, name)},
	}
	if r.isNew(t) {
		a.Scans, a.LongRunning, a.LockNote = false, false, "brief (the table is new and empty)"
		return a
	}
	if index {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardIndexBuild, fmt.Sprintf("builds the index of %s by reading all of %s", name, q)))
	} else {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardTableScan, fmt.Sprintf("checks every existing row of %s", q)))
	}
	if lock == LockAccessExclusive {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardAccessExclusiveLock, fmt.Sprintf("reads and writes of %s wait until the scan ends", q)))
	}
	a.Hazards = append(a.Hazards, hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if an existing row of %s violates %s", q, name)))
	return a
}

func (r recipeContext) addPrimaryKey(c schema.AddPrimaryKey) dialects.Action {
	name := PrimaryKeyName(c.T, c.PK)
	return r.addConstraintAction(c.T, fmt.Sprintf("add primary key %s to %s", name, c.T.QName()),
		RenderPrimaryKey(c.PK), name, LockAccessExclusive, true)
}

func (r recipeContext) dropPrimaryKey(c schema.DropPrimaryKey) dialects.Action {
	name := PrimaryKeyName(c.T, c.PK)
	pk := *c.PK
	pk.Name = name
	phase := r.replacedPhase(c.T, func(t *schema.Table) bool { return hasConstraint(t, name) })
	return briefAlter(phase, c.T, fmt.Sprintf("drop primary key %s of %s", name, c.T.QName()),
		[]string{dropConstraint(c.T, name)}, []string{alterTable(c.T, "ADD "+RenderPrimaryKey(&pk))})
}

func (r recipeContext) addUnique(c schema.AddUnique) dialects.Action {
	return r.addConstraintAction(c.T, fmt.Sprintf("add unique constraint %s to %s", c.U.Name, c.T.QName()),
		RenderUnique(c.U), c.U.Name, LockAccessExclusive, true)
}

func (r recipeContext) dropUnique(c schema.DropUnique) dialects.Action {
	phase := r.replacedPhase(c.T, func(t *schema.Table) bool { return hasConstraint(t, c.U.Name) })
	return briefAlter(phase, c.T, fmt.Sprintf("drop unique constraint %s of %s", c.U.Name, c.T.QName()),
		[]string{dropConstraint(c.T, c.U.Name)}, []string{alterTable(c.T, "ADD "+RenderUnique(c.U))})
}

func (r recipeContext) addCheck(c schema.AddCheck) dialects.Action {
	return r.addConstraintAction(c.T, fmt.Sprintf("add check %s to %s", c.C.Name, c.T.QName()),
		RenderCheck(c.C), c.C.Name, LockAccessExclusive, false)
}

func (r recipeContext) dropCheck(c schema.DropCheck) dialects.Action {
	phase := r.replacedPhase(c.T, func(t *schema.Table) bool { return hasConstraint(t, c.C.Name) })
	return briefAlter(phase, c.T, fmt.Sprintf("drop check %s of %s", c.C.Name, c.T.QName()),
		[]string{dropConstraint(c.T, c.C.Name)}, []string{alterTable(c.T, "ADD "+RenderCheck(c.C))})
}

func (r recipeContext) addForeignKey(c schema.AddForeignKey) dialects.Action {
	a := r.addConstraintAction(c.T, fmt.Sprintf("add foreign key %s to %s", c.FK.Name, c.T.QName()),
		RenderForeignKey(c.T, c.FK), c.FK.Name, LockShareRowExclusive, false)
	ref := c.FK.RefQName()
	if ref.Schema == "" {
		ref.Schema = c.T.Schema
	}
	a.LockNote += fmt.Sprintf("; on %s and %s (writes wait, reads continue)", c.T.QName(), ref)
	return a
}

func (r recipeContext) dropForeignKey(c schema.DropForeignKey) dialects.Action {
	phase := r.replacedPhase(c.T, func(t *schema.Table) bool { return hasConstraint(t, c.FK.Name) })
	a := briefAlter(phase, c.T, fmt.Sprintf("drop foreign key %s of %s", c.FK.Name, c.T.QName()),
		[]string{dropConstraint(c.T, c.FK.Name)}, []string{alterTable(c.T, "ADD "+RenderForeignKey(c.T, c.FK))})
	a.LockNote = "brief (metadata only), on the table and the referenced table"
	return a
}

func (r recipeContext) addIndex(c schema.AddIndex) dialects.Action {
	q := c.T.QName()
	a := dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("create index %s on %s", c.I.Name, q),
		Statements:    []string{RenderIndex(c.T, c.I, false)},
		Transactional: true,
		Lock:          LockShare,
		LockNote:      noteIndex,
		Scans:         true,
		LongRunning:   true,
		Table:         tableRef(c.T),
		Rollback:      []string{"DROP INDEX " + qualified(schema.QName{Schema: c.T.Schema, Name: c.I.Name})},
	}
	if r.isNew(c.T) {
		a.Scans, a.LongRunning, a.LockNote = false, false, "brief (the table is new and empty)"
		return a
	}
	a.Hazards = []dialects.Hazard{hazard(dialects.HazardIndexBuild,
		fmt.Sprintf("reads all of %s; inserts, updates and deletes wait until the build ends", q))}
	if c.I.Unique {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if %s has duplicate keys for %s", q, c.I.Name)))
	}
	return a
}

func (r recipeContext) dropIndex(c schema.DropIndex) dialects.Action {
	phase := r.replacedPhase(c.T, func(t *schema.Table) bool { return t.Index(c.I.Name) != nil })
	return briefAlter(phase, c.T, fmt.Sprintf("drop index %s of %s", c.I.Name, c.T.QName()),
		[]string{"DROP INDEX " + qualified(schema.QName{Schema: c.T.Schema, Name: c.I.Name})},
		[]string{RenderIndex(c.T, c.I, false)})
}

func (r recipeContext) renameIndex(c schema.RenameIndex) dialects.Action {
	a := dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("rename index %s to %s", c.From.Name, c.To.Name),
		Statements:    []string{"ALTER INDEX " + qualified(schema.QName{Schema: c.T.Schema, Name: c.From.Name}) + " RENAME TO " + quoteIdent(c.To.Name)},
		Transactional: true,
		Lock:          LockShareUpdateExclusive,
		LockNote:      noteBrief,
		Table:         tableRef(c.T),
		Rollback:      []string{"ALTER INDEX " + qualified(schema.QName{Schema: c.T.Schema, Name: c.To.Name}) + " RENAME TO " + quoteIdent(c.From.Name)},
	}
	if !r.versionAtLeast(12) {
		a.Lock = LockAccessExclusive // before PostgreSQL 12, RENAME took ACCESS EXCLUSIVE
	}
	return a
}

func (r recipeContext) renameConstraint(c schema.RenameConstraint) dialects.Action {
	return briefAlter(dialects.PhaseExpand, c.T, fmt.Sprintf("rename constraint %s of %s to %s", c.From, c.T.QName(), c.To),
		[]string{alterTable(c.T, "RENAME CONSTRAINT "+quoteIdent(c.From)+" TO "+quoteIdent(c.To))},
		[]string{alterTable(c.T, "RENAME CONSTRAINT "+quoteIdent(c.To)+" TO "+quoteIdent(c.From))})
}
