package postgres

import (
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Recipes for keys, constraints and indexes: plain DDL on the tables the
// plan creates, the online forms (recipes_online.go) on existing tables.

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

// addPrimaryKey adds a primary key. On an existing table: every key column
// NOT NULL first (by an AlterColumn of the same plan, or here when the
// desired column is nullable too), the unique index built CONCURRENTLY, then
// ADD CONSTRAINT … PRIMARY KEY USING INDEX — in the validate phase, after the
// SET NOT NULL steps, when a key column is not NOT NULL yet.
func (r recipeContext) addPrimaryKey(c schema.AddPrimaryKey) []dialects.Action {
	name := PrimaryKeyName(c.T, c.PK)
	q := c.T.QName()
	if r.isNew(c.T) {
		return []dialects.Action{r.addConstraintAction(c.T, fmt.Sprintf("add primary key %s to %s", name, q),
			RenderPrimaryKey(c.PK), name, LockAccessExclusive, true)}
	}
	cur := r.currentTable(c.T)
	var notNull []dialects.Action
	attachPhase := dialects.PhaseExpand
	var nullable []string
	for _, col := range c.PK.Columns {
		var cc *schema.Column
		if cur != nil {
			cc = cur.Column(col)
		}
		if cc != nil && !cc.Nullable {
			continue
		}
		attachPhase = dialects.PhaseValidate
		if cc != nil {
			nullable = append(nullable, col)
		}
		if dc := c.T.Column(col); cc != nil && dc != nil && dc.Nullable {
			// No AlterColumn of this plan sets NOT NULL: do it here.
			notNull = append(notNull, r.notNullActions(c.T, col)...)
		}
	}
	if cur != nil && cur.PrimaryKey != nil {
		return r.replacePrimaryKey(c, cur.PrimaryKey, notNull, nullable)
	}
	build := r.buildIndexAction(c.T, keyIndex(name, c.PK.Columns), fmt.Sprintf("build the unique index of primary key %s on %s", name, q))
	if len(nullable) > 0 {
		build.Preflight = append(build.Preflight, nullKeyPreflight(c.T, r.sampleKey(c.T), name, nullable))
	}
	attach := briefAlter(attachPhase, c.T, fmt.Sprintf("make index %s the primary key of %s", name, q),
		[]string{alterTable(c.T, "ADD CONSTRAINT "+quoteIdent(name)+" PRIMARY KEY USING INDEX "+quoteIdent(name))},
		[]string{dropConstraint(c.T, name)})
	return append(append(notNull, build), attach)
}

// keyIndex is the unique index that backs a key on cols.
func keyIndex(name string, cols []string) *schema.Index {
	i := &schema.Index{Name: name, Unique: true}
	for _, c := range cols {
		i.Parts = append(i.Parts, schema.IndexPart{Column: c})
	}
	return i
}

// dropPrimaryKey drops a primary key in the contract; the drop half of a
// replacement has no action (replacePrimaryKey swaps).
func (r recipeContext) dropPrimaryKey(c schema.DropPrimaryKey) []dialects.Action {
	if des := r.desiredTable(c.T); des != nil && des.PrimaryKey != nil {
		return nil
	}
	name := PrimaryKeyName(c.T, c.PK)
	pk := *c.PK
	pk.Name = name
	return []dialects.Action{briefAlter(dialects.PhaseContract, c.T, fmt.Sprintf("drop primary key %s of %s", name, c.T.QName()),
		[]string{dropConstraint(c.T, name)}, []string{alterTable(c.T, "ADD "+RenderPrimaryKey(&pk))})}
}

// addUnique adds a unique constraint. On an existing table: its index is
// built CONCURRENTLY, then attached with ADD CONSTRAINT … UNIQUE USING INDEX
// (brief), keeping DEFERRABLE.
func (r recipeContext) addUnique(c schema.AddUnique) []dialects.Action {
	q := c.T.QName()
	if r.isNew(c.T) {
		return []dialects.Action{r.addConstraintAction(c.T, fmt.Sprintf("add unique constraint %s to %s", c.U.Name, q),
			RenderUnique(c.U), c.U.Name, LockAccessExclusive, true)}
	}
	if old := findUnique(r.currentTable(c.T), c.U.Name); old != nil {
		return r.replaceUnique(c, old)
	}
	build := r.buildIndexAction(c.T, r.onShadowColumns(c.T, keyIndex(c.U.Name, c.U.Columns)), fmt.Sprintf("build the unique index of %s on %s", c.U.Name, q))
	// Dropping the constraint drops its index too: the build's rollback is
	// then a no-op (IF EXISTS).
	attach := briefAlter(dialects.PhaseExpand, c.T, fmt.Sprintf("make index %s a unique constraint of %s", c.U.Name, q),
		[]string{alterTable(c.T, "ADD CONSTRAINT "+quoteIdent(c.U.Name)+" UNIQUE USING INDEX "+quoteIdent(c.U.Name)+
			deferrable(c.U.Deferrable, c.U.InitiallyDeferred))},
		[]string{dropConstraint(c.T, c.U.Name)})
	return []dialects.Action{build, attach}
}

// dropUnique drops a unique constraint in the contract; the drop half of a
// replacement has no action (replaceUnique swaps).
func (r recipeContext) dropUnique(c schema.DropUnique) []dialects.Action {
	if des := r.desiredTable(c.T); des != nil && findUnique(des, c.U.Name) != nil {
		return nil
	}
	return []dialects.Action{briefAlter(dialects.PhaseContract, c.T, fmt.Sprintf("drop unique constraint %s of %s", c.U.Name, c.T.QName()),
		[]string{dropConstraint(c.T, c.U.Name)}, []string{alterTable(c.T, "ADD "+RenderUnique(c.U))})}
}

// addCheck adds a check. On an existing table: NOT VALID (brief), then
// VALIDATE in the validate phase; a changed check is added beside the old
// one under a temporary name and swapped in the contract.
func (r recipeContext) addCheck(c schema.AddCheck) []dialects.Action {
	q := c.T.QName()
	if r.isNew(c.T) {
		return []dialects.Action{r.addConstraintAction(c.T, fmt.Sprintf("add check %s to %s", c.C.Name, q),
			RenderCheck(c.C), c.C.Name, LockAccessExclusive, false)}
	}
	old := findCheck(r.currentTable(c.T), c.C.Name)
	chk := *c.C
	chk.Expr = r.exprOnShadowColumns(c.T, chk.Expr)
	if old != nil {
		chk.Name = tempName(c.C.Name)
	}
	def := RenderCheck(&chk)
	actions := []dialects.Action{
		addNotValidAction(c.T, fmt.Sprintf("add check %s to %s NOT VALID (new and updated rows are checked)", chk.Name, q),
			chk.Name, def, LockAccessExclusive, noteBrief),
		validateAction(c.T, chk.Name, def, checkPreflight(c.T, r.sampleKey(c.T), c.C)),
	}
	if old != nil {
		actions = append(actions, swapConstraintAction(c.T, "check", c.C.Name, RenderCheck(old)))
	}
	return actions
}

// dropCheck drops a check in the contract; the drop half of a replacement
// has no action (addCheck swaps).
func (r recipeContext) dropCheck(c schema.DropCheck) []dialects.Action {
	if findCheck(r.desiredTable(c.T), c.C.Name) != nil {
		return nil
	}
	phase := r.replacedPhase(c.T, func(t *schema.Table) bool { return hasConstraint(t, c.C.Name) })
	return []dialects.Action{briefAlter(phase, c.T, fmt.Sprintf("drop check %s of %s", c.C.Name, c.T.QName()),
		[]string{dropConstraint(c.T, c.C.Name)}, []string{alterTable(c.T, "ADD "+RenderCheck(c.C))})}
}

// addForeignKey adds a foreign key. On an existing table: NOT VALID (brief,
// SHARE ROW EXCLUSIVE on both tables), then VALIDATE in the validate phase;
// a changed key is added beside the old one under a temporary name and
// swapped in the contract.
func (r recipeContext) addForeignKey(c schema.AddForeignKey) []dialects.Action {
	q := c.T.QName()
	ref := c.FK.RefQName()
	if ref.Schema == "" {
		ref.Schema = c.T.Schema
	}
	if r.isNew(c.T) {
		a := r.addConstraintAction(c.T, fmt.Sprintf("add foreign key %s to %s", c.FK.Name, q),
			RenderForeignKey(c.T, c.FK), c.FK.Name, LockShareRowExclusive, false)
		a.LockNote += fmt.Sprintf("; on %s and %s (writes wait, reads continue)", q, ref)
		return []dialects.Action{a}
	}
	if r.rebuilt(c.T, c.FK.Name) {
		return r.rebuiltForeignKeyAdd(c)
	}
	cur := r.currentTable(c.T)
	old := findForeignKey(cur, c.FK.Name)
	fk := *c.FK
	if old != nil {
		fk.Name = tempName(c.FK.Name)
	}
	def := RenderForeignKey(c.T, &fk)
	add := addNotValidAction(c.T, fmt.Sprintf("add foreign key %s to %s NOT VALID (new and updated rows are checked)", fk.Name, q),
		fk.Name, def, LockShareRowExclusive, fmt.Sprintf("brief (metadata only); on %s and %s (writes wait, reads continue)", q, ref))
	lockForeignKeyAdd(&add, ref, q)
	val := validateAction(c.T, fk.Name, def, foreignKeyPreflight(c.T, c.FK))
	lockForeignKeyValidate(&val, ref, q)
	actions := []dialects.Action{add, val}
	if old != nil {
		swap := swapConstraintAction(c.T, "foreign key", c.FK.Name, RenderForeignKey(cur, old))
		swap.LockNote = "brief (metadata only), on the table and the referenced table"
		actions = append(actions, swap)
	}
	return actions
}

// dropForeignKey drops a foreign key in the contract; the drop half of a
// replacement has no action (addForeignKey swaps), unless the key is rebuilt
// around a key the plan replaces (rebuiltForeignKeyDrop).
func (r recipeContext) dropForeignKey(c schema.DropForeignKey) []dialects.Action {
	if r.rebuilt(c.T, c.FK.Name) {
		return []dialects.Action{rebuiltForeignKeyDrop(c.T, c.FK)}
	}
	if r.droppedBySwap(c.T, c.FK) {
		return nil // the swap of the key columns it joins dropped it
	}
	if findForeignKey(r.desiredTable(c.T), c.FK.Name) != nil {
		return nil
	}
	phase := r.replacedPhase(c.T, func(t *schema.Table) bool { return hasConstraint(t, c.FK.Name) })
	a := briefAlter(phase, c.T, fmt.Sprintf("drop foreign key %s of %s", c.FK.Name, c.T.QName()),
		[]string{dropConstraint(c.T, c.FK.Name)}, []string{alterTable(c.T, "ADD "+RenderForeignKey(c.T, c.FK))})
	a.LockNote = "brief (metadata only), on the table and the referenced table"
	return []dialects.Action{a}
}

// addIndex creates an index: plain on a new table, CONCURRENTLY on an
// existing one. A changed index is built beside the old one under a
// temporary name, and swapped in the contract (swapIndexAction).
func (r recipeContext) addIndex(c schema.AddIndex) []dialects.Action {
	q := c.T.QName()
	if r.isNew(c.T) {
		return []dialects.Action{{
			Phase:         dialects.PhaseExpand,
			Summary:       fmt.Sprintf("create index %s on %s", c.I.Name, q),
			Statements:    []string{RenderIndex(c.T, c.I, false)},
			Transactional: true,
			Lock:          LockShare,
			LockNote:      "brief (the table is new and empty)",
			Table:         tableRef(c.T),
			Rollback:      []string{"DROP INDEX " + qualified(indexQName(c.T, c.I.Name))},
		}}
	}
	c.I = r.onShadowColumns(c.T, c.I)
	old := r.currentIndex(c.T, c.I.Name)
	if old == nil {
		return []dialects.Action{r.buildIndexAction(c.T, c.I, fmt.Sprintf("create index %s on %s", c.I.Name, q))}
	}
	tmp := *c.I
	tmp.Name = tempName(c.I.Name)
	return []dialects.Action{
		r.buildIndexAction(c.T, &tmp, fmt.Sprintf("build the new definition of index %s on %s as %s", c.I.Name, q, tmp.Name)),
		r.swapIndexAction(c.T, old, tmp.Name),
	}
}

// dropIndex drops an index CONCURRENTLY in the contract; the drop half of a
// replacement has no action (addIndex swaps).
func (r recipeContext) dropIndex(c schema.DropIndex) []dialects.Action {
	if r.indexReplaced(c.T, c.I.Name) {
		return nil
	}
	return []dialects.Action{r.dropIndexAction(c.T, c.I)}
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
