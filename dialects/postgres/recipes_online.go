package postgres

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Building blocks of the online recipes on existing tables: indexes built
// and dropped CONCURRENTLY, constraints added NOT VALID and validated in a
// later step, NOT NULL proved by a validated check, and the contract-phase
// swaps that put a replacement in place of the object it replaces.

// Lock notes of the online recipes.
const (
	noteConcurrent  = "held while the index is built; reads and writes continue"
	noteDropIndex   = "waits for transactions using the index; reads and writes continue"
	noteValidate    = "held while every row is read; reads and writes continue"
	noteNotNullStep = "SHARE UPDATE EXCLUSIVE while every row is read (reads and writes continue), " +
		"then ACCESS EXCLUSIVE briefly: SET NOT NULL trusts the valid check and reads no row"
)

// cicBroken reports whether the server is PostgreSQL 14.0–14.3, whose
// CREATE INDEX CONCURRENTLY and REINDEX CONCURRENTLY can silently corrupt
// indexes (fixed in 14.4).
func (r recipeContext) cicBroken() bool {
	v := r.env.Version
	return v.Major == 14 && v.Minor < 4
}

// indexQName is the qualified name of index name of table t (an index
// lives in its table's schema).
func indexQName(t *schema.Table, name string) schema.QName {
	return schema.QName{Schema: t.Schema, Name: name}
}

// createIndexConcurrently renders CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT
// EXISTS, so that a re-run after a partial apply does not fail.
func createIndexConcurrently(t *schema.Table, i *schema.Index) string {
	return strings.Replace(RenderIndex(t, i, true), "INDEX CONCURRENTLY ", "INDEX CONCURRENTLY IF NOT EXISTS ", 1)
}

// dropIndexConcurrently renders DROP INDEX CONCURRENTLY IF EXISTS.
func dropIndexConcurrently(t *schema.Table, name string) string {
	return "DROP INDEX CONCURRENTLY IF EXISTS " + qualified(indexQName(t, name))
}

// createIndexOnline is how an index is (re)built on an existing table:
// CONCURRENTLY, except on PostgreSQL 14.0–14.3.
func (r recipeContext) createIndexOnline(t *schema.Table, i *schema.Index) string {
	if r.cicBroken() {
		return RenderIndex(t, i, false)
	}
	return createIndexConcurrently(t, i)
}

// buildIndexAction is the expand action that builds index i on existing
// table t without blocking writes: CREATE INDEX CONCURRENTLY outside any
// transaction. On PostgreSQL 14.0–14.3 it is a plain, write-blocking build
// with a NO_SAFE_RECIPE hazard. A unique index gets a duplicate preflight.
func (r recipeContext) buildIndexAction(t *schema.Table, i *schema.Index, summary string) dialects.Action {
	q := t.QName()
	a := dialects.Action{
		Phase:       dialects.PhaseExpand,
		Summary:     summary,
		Lock:        LockShareUpdateExclusive,
		LockNote:    noteConcurrent,
		Scans:       true,
		LongRunning: true,
		Table:       tableRef(t),
	}
	if r.cicBroken() {
		a.Statements = []string{RenderIndex(t, i, false)}
		a.Transactional = true
		a.Lock, a.LockNote = LockShare, noteIndex
		a.Rollback = []string{"DROP INDEX IF EXISTS " + qualified(indexQName(t, i.Name))}
		a.Hazards = []dialects.Hazard{
			hazard(dialects.HazardNoSafeRecipe, fmt.Sprintf("PostgreSQL %s can corrupt indexes built CONCURRENTLY (bug fixed in 14.4), so %s is built with a plain CREATE INDEX; upgrade to 14.4 or later", r.env.Version, i.Name)),
			hazard(dialects.HazardIndexBuild, fmt.Sprintf("reads all of %s; inserts, updates and deletes wait until the build ends", q)),
		}
	} else {
		a.Statements = []string{createIndexConcurrently(t, i)}
		a.Rollback = []string{dropIndexConcurrently(t, i.Name)}
		a.Hazards = []dialects.Hazard{
			hazard(dialects.HazardIndexBuild, fmt.Sprintf("reads all of %s twice; a failed build leaves an INVALID index %s: drop it with DROP INDEX CONCURRENTLY before re-running", q, i.Name)),
			hazard(dialects.HazardNonTransactional, "CREATE INDEX CONCURRENTLY cannot run in a transaction block, so a failure is not rolled back"),
		}
	}
	if i.Unique {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if %s has duplicate keys for %s", q, i.Name)))
		a.Preflight = append(a.Preflight, duplicatePreflight(t, i))
	}
	return a
}

// dropIndexAction is the contract action that drops index i of t without
// blocking reads or writes; its rollback builds it again.
func (r recipeContext) dropIndexAction(t *schema.Table, i *schema.Index) dialects.Action {
	return dialects.Action{
		Phase:         dialects.PhaseContract,
		Summary:       fmt.Sprintf("drop index %s of %s", i.Name, t.QName()),
		Statements:    []string{dropIndexConcurrently(t, i.Name)},
		Transactional: false,
		Lock:          LockShareUpdateExclusive,
		LockNote:      noteDropIndex,
		// The drop waits for every transaction using the index: no short
		// statement timeout.
		LongRunning: true,
		Table:       tableRef(t),
		Rollback:    []string{r.createIndexOnline(t, i)},
		Hazards: []dialects.Hazard{hazard(dialects.HazardNonTransactional,
			"DROP INDEX CONCURRENTLY cannot run in a transaction block")},
	}
}

// swapIndexAction is the contract action that replaces index old of t by
// the index built beside it under tmp: drop the old one CONCURRENTLY, then
// give the new one the old name. Readers have an index all along.
func (r recipeContext) swapIndexAction(t *schema.Table, old *schema.Index, tmp string) dialects.Action {
	a := dialects.Action{
		Phase:   dialects.PhaseContract,
		Summary: fmt.Sprintf("swap index %s of %s: drop the old definition, rename %s to %s", old.Name, t.QName(), tmp, old.Name),
		Statements: []string{
			dropIndexConcurrently(t, old.Name),
			"ALTER INDEX " + qualified(indexQName(t, tmp)) + " RENAME TO " + quoteIdent(old.Name),
		},
		Transactional: false,
		Lock:          LockShareUpdateExclusive,
		LockNote:      noteDropIndex,
		LongRunning:   true, // the drop waits for every transaction using the old index
		Table:         tableRef(t),
		Rollback: []string{
			"ALTER INDEX " + qualified(indexQName(t, old.Name)) + " RENAME TO " + quoteIdent(tmp),
			r.createIndexOnline(t, old),
		},
		Hazards: []dialects.Hazard{hazard(dialects.HazardNonTransactional,
			fmt.Sprintf("the drop and the rename commit separately: in between, the new index exists only as %s", tmp))},
	}
	if !r.versionAtLeast(12) {
		a.Lock = LockAccessExclusive // before PostgreSQL 12, ALTER INDEX … RENAME took ACCESS EXCLUSIVE
	}
	return a
}

// addNotValidAction is the expand action that adds a constraint (def is its
// rendered "CONSTRAINT … " clause) NOT VALID: existing rows are not read,
// new and updated rows are checked from the commit on.
func addNotValidAction(t *schema.Table, summary, name, def, lock, note string) dialects.Action {
	return dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       summary,
		Statements:    []string{alterTable(t, "ADD "+def+" NOT VALID")},
		Transactional: true,
		Lock:          lock,
		LockNote:      note,
		Table:         tableRef(t),
		Rollback:      []string{dropConstraint(t, name)},
	}
}

// validateAction is the validate-phase action that proves constraint name
// (def: its rendered clause) on the existing rows of t under a lock that lets
// reads and writes continue. Its rollback puts the constraint back NOT VALID.
func validateAction(t *schema.Table, name, def string, pf dialects.Preflight) dialects.Action {
	q := t.QName()
	return dialects.Action{
		Phase:         dialects.PhaseValidate,
		Summary:       fmt.Sprintf("validate constraint %s of %s against the existing rows", name, q),
		Statements:    []string{alterTable(t, "VALIDATE CONSTRAINT "+quoteIdent(name))},
		Transactional: true,
		Lock:          LockShareUpdateExclusive,
		LockNote:      noteValidate,
		Scans:         true,
		LongRunning:   true,
		Table:         tableRef(t),
		Hazards: []dialects.Hazard{
			hazard(dialects.HazardTableScan, fmt.Sprintf("reads every row of %s to prove %s", q, name)),
			hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if an existing row of %s violates %s; the constraint then stays NOT VALID and still checks new rows", q, name)),
		},
		Preflight: []dialects.Preflight{pf},
		Rollback:  []string{alterTable(t, "DROP CONSTRAINT "+quoteIdent(name), "ADD "+def+" NOT VALID")},
	}
}

// swapConstraintAction is the contract action that replaces constraint name
// of t (oldDef: its rendered clause) by the one added beside it under its
// temporary name, in one transaction.
func swapConstraintAction(t *schema.Table, what, name, oldDef string) dialects.Action {
	tmp := tempName(name)
	return briefAlter(dialects.PhaseContract, t,
		fmt.Sprintf("swap %s %s of %s: drop the old definition, rename %s to %s", what, name, t.QName(), tmp, name),
		[]string{dropConstraint(t, name), alterTable(t, "RENAME CONSTRAINT "+quoteIdent(tmp)+" TO "+quoteIdent(name))},
		[]string{alterTable(t, "RENAME CONSTRAINT "+quoteIdent(name)+" TO "+quoteIdent(tmp)), alterTable(t, "ADD "+oldDef)})
}

// notNullCheckName is the helper check that proves column col of t has no
// NULL before SET NOT NULL.
func notNullCheckName(t *schema.Table, col string) string {
	return withSuffix(t.Name+"_"+col+"_not_null", "__tide")
}

// notNullCheck renders the helper check of column col of t.
func notNullCheck(t *schema.Table, col string) string {
	return "CONSTRAINT " + quoteIdent(notNullCheckName(t, col)) + " CHECK (" + quoteIdent(col) + " IS NOT NULL)"
}

// addNotNullCheckSQL adds the helper check NOT VALID.
func addNotNullCheckSQL(t *schema.Table, col string) string {
	return alterTable(t, "ADD "+notNullCheck(t, col)+" NOT VALID")
}

// setNotNullAction is the validate-phase action that makes column col of t
// NOT NULL after the expand added its helper check NOT VALID: validate the
// check (scan under SHARE UPDATE EXCLUSIVE), SET NOT NULL (no scan: the
// valid check proves it, PostgreSQL ≥ 12), drop the helper. The statements
// commit one by one and each is safe to run again. It has no pre-flight
// check: a caller whose column may hold NULLs before the plan adds one
// (notNullPreflight).
func setNotNullAction(t *schema.Table, col string) dialects.Action {
	q := t.QName()
	check := notNullCheckName(t, col)
	return dialects.Action{
		Phase:   dialects.PhaseValidate,
		Summary: fmt.Sprintf("validate that %s.%s has no NULL, then SET NOT NULL", q, col),
		Statements: []string{
			alterTable(t, "VALIDATE CONSTRAINT "+quoteIdent(check)),
			alterTable(t, "ALTER COLUMN "+quoteIdent(col)+" SET NOT NULL"),
			alterTable(t, "DROP CONSTRAINT IF EXISTS "+quoteIdent(check)),
		},
		Transactional: false,
		Lock:          LockAccessExclusive,
		LockNote:      noteNotNullStep,
		Scans:         true,
		LongRunning:   true,
		Table:         tableRef(t),
		Hazards: []dialects.Hazard{
			hazard(dialects.HazardTableScan, fmt.Sprintf("VALIDATE CONSTRAINT reads every row of %s", q)),
			hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if %s has a NULL in %s", q, col)),
			hazard(dialects.HazardNonTransactional, "the three statements commit one by one; each is safe to run again"),
		},
		Rollback: []string{alterTable(t, "ALTER COLUMN "+quoteIdent(col)+" DROP NOT NULL", "ADD "+notNullCheck(t, col)+" NOT VALID")},
	}
}

// notNullActions is the whole online SET NOT NULL of column col of t when
// nothing else in the plan does it: the helper check NOT VALID (expand) and
// setNotNullAction (validate), whose pre-flight counts the NULLs.
func (r recipeContext) notNullActions(t *schema.Table, col string) []dialects.Action {
	add := briefAlter(dialects.PhaseExpand, t,
		fmt.Sprintf("add check %s NOT VALID: new rows of %s must have %s", notNullCheckName(t, col), t.QName(), col),
		[]string{addNotNullCheckSQL(t, col)}, []string{dropConstraint(t, notNullCheckName(t, col))})
	nn := setNotNullAction(t, col)
	nn.Preflight = []dialects.Preflight{notNullPreflight(t, r.sampleKey(t), col, "")}
	return []dialects.Action{add, nn}
}

// indexKeys renders the keys of index i for a GROUP BY.
func indexKeys(i *schema.Index) []string {
	keys := make([]string, len(i.Parts))
	for n, p := range i.Parts {
		if p.Expr != "" {
			keys[n] = "(" + p.Expr + ")"
		} else {
			keys[n] = quoteIdent(p.Column)
		}
	}
	return keys
}

// duplicatePreflight counts the key values that occur more than once among
// the rows a unique index i of t covers (NULL keys never conflict).
func duplicatePreflight(t *schema.Table, i *schema.Index) dialects.Preflight {
	keys := indexKeys(i)
	conds := make([]string, 0, len(keys)+1)
	for _, k := range keys {
		conds = append(conds, k+" IS NOT NULL")
	}
	if i.Where != "" {
		conds = append(conds, "("+i.Where+")")
	}
	from := qualified(t.QName()) + " WHERE " + strings.Join(conds, " AND ") + " GROUP BY " + strings.Join(keys, ", ") + " HAVING count(*) > 1"
	return dialects.Preflight{
		Kind:        "unique",
		Description: fmt.Sprintf("key values of %s that occur more than once in %s", i.Name, t.QName()),
		SQL:         "SELECT count(*) FROM (SELECT 1 FROM " + from + ") AS duplicates",
		SampleSQL:   "SELECT " + strings.Join(keys, ", ") + ", count(*) FROM " + from + " LIMIT 5",
	}
}

// foreignKeyPreflight counts the rows of t whose key columns are all set but
// match no row of the referenced table.
func foreignKeyPreflight(t *schema.Table, fk *schema.ForeignKey) dialects.Preflight {
	ref := fk.RefQName()
	if ref.Schema == "" {
		ref.Schema = t.Schema
	}
	var set, match []string
	for n, c := range fk.Columns {
		set = append(set, "c."+quoteIdent(c)+" IS NOT NULL")
		ref := c // a key without its referenced columns (never after normalisation) matches same-named ones
		if n < len(fk.RefColumns) {
			ref = fk.RefColumns[n]
		}
		match = append(match, "p."+quoteIdent(ref)+" = c."+quoteIdent(c))
	}
	from := qualified(t.QName()) + " AS c WHERE " + strings.Join(set, " AND ") +
		" AND NOT EXISTS (SELECT 1 FROM " + qualified(ref) + " AS p WHERE " + strings.Join(match, " AND ") + ")"
	cols := make([]string, len(fk.Columns))
	for n, c := range fk.Columns {
		cols[n] = "c." + quoteIdent(c)
	}
	return dialects.Preflight{
		Kind:        "foreign_key",
		Description: fmt.Sprintf("rows of %s that reference no row of %s (%s)", t.QName(), ref, fk.Name),
		SQL:         "SELECT count(*) FROM " + from,
		SampleSQL:   "SELECT " + strings.Join(cols, ", ") + " FROM " + from + " LIMIT 5",
	}
}
