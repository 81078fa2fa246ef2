package mysql

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Recipes for checks and foreign keys. Adding either on an existing table
// checks every row, and only ALGORITHM=COPY can do it with the checks on:
// writes wait until the copy ends (TABLE_COPY). A check or foreign key
// replaced by a new definition under the same name is dropped and added by
// the add's recipe; the drop's recipe then does nothing.

// addCheck adds a check with ALGORITHM=COPY. On MariaDB a check named
// after a column is declared in the column's definition (MODIFY COLUMN),
// as MariaDB itself names such checks.
func (r recipeContext) addCheck(c schema.AddCheck) (dialects.Action, error) {
	t, k, q := c.T, c.C, c.T.QName()
	def, err := CheckSQL(t, k)
	if err != nil {
		return dialects.Action{}, err
	}
	var clauses []string
	old := r.currentCheck(t, k.Name)
	if old != nil {
		drop, err := r.dropCheckClause(t, old)
		if err != nil {
			return dialects.Action{}, err
		}
		clauses = append(clauses, drop)
	}
	if r.mariaDB() && columnCheck(t, k.Name) != nil {
		colDef, err := r.columnDef(t, t.Column(k.Name))
		if err != nil {
			return dialects.Action{}, err
		}
		clauses = []string{"MODIFY COLUMN " + colDef}
	} else {
		clauses = append(clauses, "ADD "+def)
	}
	if r.isNew(t) {
		a := r.alterAction(dialects.PhaseExpand, t, algoCopy, fmt.Sprintf("add check %s to new table %s", k.Name, q), clauses, nil)
		a.Hazards, a.Rewrites, a.Scans = nil, false, false
		a.LockNote = "brief (the table is new and empty)"
		return a, nil
	}
	a := r.alterAction(dialects.PhaseExpand, t, algoCopy, fmt.Sprintf("add check %s to %s", k.Name, q), clauses, nil)
	a.Hazards = append(a.Hazards, hazard(dialects.HazardValidationMayFail,
		fmt.Sprintf("fails if a row of %s violates %s (the pre-flight check counts them)", q, k.Expr)))
	a.Preflight = []dialects.Preflight{{
		Kind:        "check",
		Description: fmt.Sprintf("rows of %s violating check %s", q, k.Name),
		SQL:         "SELECT count(*) FROM " + r.d.qualified(q) + " WHERE NOT (" + k.Expr + ")",
	}}
	if pk := t.PrimaryKey; pk != nil && len(pk.Columns) > 0 {
		a.Preflight[0].SampleSQL = "SELECT " + quoteIdents(pk.Columns) + " FROM " + r.d.qualified(q) + " WHERE NOT (" + k.Expr + ") LIMIT 5"
	}
	if drop, err := r.dropCheckClause(t, k); err == nil {
		a.Rollback = []string{r.alter(t, r.metadataAlgorithm(), drop)}
		if old != nil {
			if oldDef, err := CheckSQL(t, old); err == nil {
				a.Rollback = []string{r.alter(t, algoCopy, drop, "ADD "+oldDef)}
			}
		}
	}
	return a, nil
}

// currentCheck returns the current definition of t's check name, or nil.
func (r recipeContext) currentCheck(t *schema.Table, name string) *schema.Check {
	if cur := r.current(t); cur != nil {
		for _, k := range cur.Checks {
			if k.Name == name {
				return k
			}
		}
	}
	return nil
}

// dropCheckClause is the clause that drops check k of t: DROP CONSTRAINT,
// or on MariaDB for a column's own check a MODIFY COLUMN that declares the
// column (as desired) without it.
func (r recipeContext) dropCheckClause(t *schema.Table, k *schema.Check) (string, error) {
	if r.mariaDB() && columnCheck(t, k.Name) != nil {
		col := t.Column(k.Name)
		if dt := r.desired(t); dt != nil && dt.Column(k.Name) != nil {
			col = dt.Column(k.Name)
		}
		def, err := r.d.ColumnSQL(t, col)
		if err != nil {
			return "", err
		}
		return "MODIFY COLUMN " + def, nil
	}
	return "DROP CONSTRAINT " + quoteIdent(k.Name), nil
}

// dropCheck drops a check in the contract (metadata only).
func (r recipeContext) dropCheck(c schema.DropCheck) ([]dialects.Action, error) {
	dt := r.desired(c.T)
	if dt != nil {
		for _, k := range dt.Checks {
			if k.Name == c.C.Name {
				return nil, nil // addCheck replaces it
			}
		}
		if r.mariaDB() && columnCheck(c.T, c.C.Name) != nil && dt.Column(c.C.Name) == nil {
			return nil, nil // the column's own check goes with the column
		}
	}
	clause, err := r.dropCheckClause(c.T, c.C)
	if err != nil {
		return nil, err
	}
	def, err := CheckSQL(c.T, c.C)
	if err != nil {
		return nil, err
	}
	a := r.alterAction(dialects.PhaseContract, c.T, r.metadataAlgorithm(), fmt.Sprintf("drop check %s of %s", c.C.Name, c.T.QName()),
		[]string{clause}, []string{r.alter(c.T, algoCopy, "ADD "+def)})
	a.LongRunning = false
	return []dialects.Action{a}, nil
}

// addForeignKey adds a foreign key with ALGORITHM=COPY: with
// foreign_key_checks on, the server can add one no other way. On a table
// the plan creates that is quick; on an existing one writes wait while it
// is copied (TABLE_COPY), and the pre-flight check counts the rows that
// reference nothing.
func (r recipeContext) addForeignKey(c schema.AddForeignKey) (dialects.Action, error) {
	t, fk, q := c.T, c.FK, c.T.QName()
	def, err := r.d.ForeignKeySQL(t, fk)
	if err != nil {
		return dialects.Action{}, err
	}
	drop := r.alter(t, algoInplace, "DROP FOREIGN KEY "+quoteIdent(fk.Name))
	if r.isNew(t) {
		a := r.alterAction(dialects.PhaseExpand, t, algoCopy, fmt.Sprintf("add foreign key %s to new table %s", fk.Name, q),
			[]string{"ADD " + def}, []string{drop})
		a.Hazards, a.Rewrites, a.Scans = nil, false, false
		a.LockNote = "brief (the table is new and empty)"
		return a, nil
	}
	a := r.alterAction(dialects.PhaseExpand, t, algoCopy, fmt.Sprintf("add foreign key %s to %s", fk.Name, q),
		[]string{"ADD " + def}, []string{drop})
	replaced := false
	if cur := r.current(t); cur != nil && !r.env.RebuiltForeignKeys[dialects.ForeignKeyRef{Table: q, Name: fk.Name}] {
		for _, old := range cur.ForeignKeys {
			if old.Name == fk.Name {
				replaced = true
			}
		}
	}
	held, err := r.heldIndexRebuilds(t, fk.Name)
	if err != nil {
		return dialects.Action{}, err
	}
	pins := r.foreignKeyPins(t, fk)
	a.Statements = append(held.do, r.addForeignKeySQL(t, def, pins))
	if replaced {
		// MariaDB refuses to drop and add a foreign key of the same name in
		// one statement, so the old one goes just before.
		a.Statements = append([]string{r.dropForeignKeyForRerun(t, fk.Name)}, a.Statements...)
		a.Summary = fmt.Sprintf("replace foreign key %s of %s", fk.Name, q)
	}
	if len(held.do) > 0 {
		a.Summary += ", rebuilding the index it used"
		if held.algo == algoInplaceShared {
			a.Hazards = append(a.Hazards, r.sharedHazard(t, held.clauses))
		}
	}
	if len(pins) > 0 {
		a.Summary += pinnedNote(pins)
	}
	for i, h := range a.Hazards {
		if h.Code == dialects.HazardTableCopy {
			a.Hazards[i].Message += "; when the rows are known to be valid, SET foreign_key_checks = 0 lets ALGORITHM=INPLACE, LOCK=NONE add it without checking them"
		}
	}
	a.Hazards = append(a.Hazards,
		hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if a row of %s references a missing row of %s (the pre-flight check counts them)", q, fk.RefQName())))
	a.Preflight = []dialects.Preflight{r.orphansPreflight(t, fk)}
	return a, nil
}

// orphansPreflight counts the rows of t whose key references no row.
func (r recipeContext) orphansPreflight(t *schema.Table, fk *schema.ForeignKey) dialects.Preflight {
	ref := fk.RefQName()
	if ref.Schema == "" {
		ref.Schema = t.Schema
	}
	var notNull, match []string
	for i, c := range fk.Columns {
		notNull = append(notNull, "c."+quoteIdent(c)+" IS NOT NULL")
		match = append(match, "p."+quoteIdent(fk.RefColumns[i])+" = c."+quoteIdent(c))
	}
	where := " WHERE " + strings.Join(notNull, " AND ") + " AND NOT EXISTS (SELECT 1 FROM " + r.d.qualified(ref) + " p WHERE " +
		strings.Join(match, " AND ") + ")"
	from := " FROM " + r.d.qualified(t.QName()) + " c"
	var cols []string
	for _, c := range fk.Columns {
		cols = append(cols, "c."+quoteIdent(c))
	}
	return dialects.Preflight{
		Kind:        "foreign_key",
		Description: fmt.Sprintf("rows of %s referencing no row of %s through %s", t.QName(), fk.RefQName(), fk.Name),
		SQL:         "SELECT count(*)" + from + where,
		SampleSQL:   "SELECT " + strings.Join(cols, ", ") + from + where + " LIMIT 5",
	}
}

// dropForeignKey drops a foreign key in place (metadata only): in the
// contract, or in the expansion when the plan rebuilds it around a key it
// changes; the drop half of a replacement does nothing (addForeignKey
// replaces it).
func (r recipeContext) dropForeignKey(c schema.DropForeignKey) ([]dialects.Action, error) {
	q := c.T.QName()
	rebuilt := r.env.RebuiltForeignKeys[dialects.ForeignKeyRef{Table: q, Name: c.FK.Name}]
	dt := r.desired(c.T)
	if dt != nil && !rebuilt && hasForeignKey(dt, c.FK.Name) {
		return nil, nil
	}
	def, err := r.d.ForeignKeySQL(c.T, c.FK)
	if err != nil {
		return nil, err
	}
	phase := dialects.PhaseContract
	if rebuilt {
		phase = dialects.PhaseExpand
	}
	a := r.alterAction(phase, c.T, algoInplace, fmt.Sprintf("drop foreign key %s of %s", c.FK.Name, q),
		[]string{"DROP FOREIGN KEY " + quoteIdent(c.FK.Name)}, []string{r.addForeignKeySQL(c.T, def, r.restorePins(c.T, c.FK))})
	a.LongRunning = false
	if dt == nil || !hasForeignKey(dt, c.FK.Name) {
		// No foreign key of this name is added back: the indexes it held
		// are rebuilt here (recipes_fkindex.go).
		held, err := r.heldIndexRebuilds(c.T, c.FK.Name)
		if err != nil {
			return nil, err
		}
		if len(held.do) > 0 {
			a.Statements = append(a.Statements, held.do...)
			a.Rollback = append(held.undo, a.Rollback...)
			a.Summary += ", then rebuild the index it used"
			a.LongRunning, a.Scans = true, true
			if held.algo == algoInplaceShared && r.innoDB(c.T) {
				a.Lock, a.LockNote = LockShared, "held while the server rebuilds the index: writes wait, reads continue"
				a.Hazards = append(a.Hazards, r.sharedHazard(c.T, held.clauses))
			}
		}
	}
	return []dialects.Action{a}, nil
}

// hasForeignKey reports whether table t has a foreign key named name.
func hasForeignKey(t *schema.Table, name string) bool {
	for _, fk := range t.ForeignKeys {
		if fk.Name == name {
			return true
		}
	}
	return false
}

// renameConstraint renames a check or foreign key, which MySQL cannot
// rename: it is dropped and added again under the new name (COPY), in one
// statement for a check and two for a foreign key. A unique constraint is
// a unique index, renamed as one.
func (r recipeContext) renameConstraint(c schema.RenameConstraint) ([]dialects.Action, error) {
	t, q := c.T, c.T.QName()
	if ix := t.Index(c.To); ix != nil && ix.Unique {
		from := *ix
		from.Name = c.From
		return []dialects.Action{r.renameIndex(schema.RenameIndex{T: t, From: &from, To: ix})}, nil
	}
	for _, k := range t.Checks {
		if k.Name != c.To {
			continue
		}
		old := &schema.Check{Name: c.From, Expr: k.Expr}
		drop, err := r.dropCheckClause(t, old)
		if err != nil {
			return nil, err
		}
		def, err := CheckSQL(t, k)
		if err != nil {
			return nil, err
		}
		a := r.alterAction(dialects.PhaseExpand, t, algoCopy, fmt.Sprintf("rename check %s of %s to %s (drop and add)", c.From, q, c.To),
			[]string{drop, "ADD " + def}, nil)
		return []dialects.Action{a}, nil
	}
	for _, fk := range t.ForeignKeys {
		if fk.Name != c.To {
			continue
		}
		def, err := r.d.ForeignKeySQL(t, fk)
		if err != nil {
			return nil, err
		}
		a := r.alterAction(dialects.PhaseExpand, t, algoCopy, fmt.Sprintf("rename foreign key %s of %s to %s (drop and add)", c.From, q, c.To),
			[]string{"ADD " + def}, nil)
		pins := r.foreignKeyPins(t, fk)
		a.Statements = []string{r.dropForeignKeyForRerun(t, c.From), r.addForeignKeySQL(t, def, pins)}
		if len(pins) > 0 {
			a.Summary += pinnedNote(pins)
		}
		return []dialects.Action{a}, nil
	}
	return nil, fmt.Errorf("table %s: constraint %s is renamed to %s, which the desired table does not have", q, c.From, c.To)
}

// addForeignKeySQL is the ALTER TABLE (ALGORITHM=COPY) that adds foreign
// key def to table t, pinning the indexes named in pins, which the index
// the server generates for it would otherwise replace: in the same
// statement (recipes_fkindex_generated.go says why). The online tools'
// command lines leave the pins out: the copy they make declares every
// index, so none of its indexes is generated.
func (r recipeContext) addForeignKeySQL(t *schema.Table, def string, pins []string) string {
	return r.alter(t, algoCopy, append(pinClauses(pins), "ADD "+def)...)
}

// dropForeignKeyForRerun drops foreign key name of t as the first statement
// of a step that then adds a key. MySQL DDL commits as it goes, so a step
// stopped between the two has dropped the key already: its done probe
// (rerun.go) finds it gone, and apply, running the step again, goes on
// after it — on MySQL 8 too, which has no DROP FOREIGN KEY IF EXISTS.
func (r recipeContext) dropForeignKeyForRerun(t *schema.Table, name string) string {
	return r.alter(t, algoInplace, "DROP FOREIGN KEY "+quoteIdent(name))
}
