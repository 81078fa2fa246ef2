package mysql

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Recipes for primary keys and indexes. A key replaced by a new definition
// under the same name is dropped and added in one ALTER TABLE by the add's
// recipe (so the table is never without it), and the drop's recipe does
// nothing.

// addPrimaryKey adds (or replaces) the primary key in place: the table is
// rebuilt while reads and writes continue.
func (r recipeContext) addPrimaryKey(c schema.AddPrimaryKey) []dialects.Action {
	t, q := c.T, c.T.QName()
	if len(c.PK.Columns) > 0 && r.addedAutoIncrement(t, c.PK.Columns[0]) {
		return nil // added with its AUTO_INCREMENT column (addColumn)
	}
	clauses := []string{"ADD PRIMARY KEY (" + quoteIdents(c.PK.Columns) + ")"}
	summary := fmt.Sprintf("add the primary key (%s) to %s", columnList(c.PK.Columns), q)
	rollback := []string{r.alter(t, algoCopy, "DROP PRIMARY KEY")}
	if cur := r.current(t); cur != nil && cur.PrimaryKey != nil {
		clauses = append([]string{"DROP PRIMARY KEY"}, clauses...)
		summary = fmt.Sprintf("replace the primary key of %s by (%s)", q, columnList(c.PK.Columns))
		rollback = []string{r.alter(t, algoInplace, "DROP PRIMARY KEY", "ADD PRIMARY KEY ("+quoteIdents(cur.PrimaryKey.Columns)+")")}
	}
	if pins := r.pinsForKey(t, "PRIMARY", c.PK.Columns); len(pins) > 0 {
		clauses = append(pinClauses(pins), clauses...)
		summary += pinnedNote(pins)
	}
	algo, rewrite := r.rebuildAlgorithm(t), fmt.Sprintf("%s is rebuilt in place around the new primary key; reads and writes continue", q)
	if algo == algoInplaceShared {
		rewrite = fmt.Sprintf("%s is rebuilt in place around the new primary key while writes wait (LOCK=SHARED)", q)
	}
	a := r.alterAction(dialects.PhaseExpand, t, algo, summary, clauses, rollback)
	a.Rewrites, a.Scans = true, true
	a.Hazards = append(a.Hazards,
		hazard(dialects.HazardTableRewrite, rewrite),
		hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if %s has duplicate (%s) values (the pre-flight check counts them)", q, columnList(c.PK.Columns))))
	a.Preflight = []dialects.Preflight{r.duplicatesPreflight(t, c.PK.Columns, "primary key")}
	return []dialects.Action{a}
}

// dropPrimaryKey drops the primary key in the contract; only COPY can
// (InnoDB rebuilds the table around a hidden key). An AUTO_INCREMENT
// column of the key that the plan drops loses its AUTO_INCREMENT in the
// same statement (the server refuses an AUTO_INCREMENT column without a
// key); the column's own drop follows.
func (r recipeContext) dropPrimaryKey(c schema.DropPrimaryKey) ([]dialects.Action, error) {
	dt := r.desired(c.T)
	if dt != nil && dt.PrimaryKey != nil {
		return nil, nil // addPrimaryKey replaces it
	}
	var clauses, undo []string
	for _, name := range c.PK.Columns {
		col := c.T.Column(name)
		if col == nil || col.Identity == "" || dt == nil || !columnDropped(dt, name) {
			continue
		}
		plain := *col
		plain.Identity = ""
		def, err := r.columnDefWith(c.T, &plain, r.current(c.T))
		if err != nil {
			return nil, err
		}
		old, err := r.columnDefWith(c.T, col, r.current(c.T))
		if err != nil {
			return nil, err
		}
		clauses = append(clauses, "MODIFY COLUMN "+def)
		undo = append(undo, "MODIFY COLUMN "+old)
	}
	clauses = append(clauses, "DROP PRIMARY KEY")
	back := algoInplace
	if len(undo) > 0 {
		back = algoCopy // giving a column AUTO_INCREMENT back is a type change
	}
	undo = append([]string{"ADD PRIMARY KEY (" + quoteIdents(c.PK.Columns) + ")"}, undo...)
	a := r.alterAction(dialects.PhaseContract, c.T, algoCopy, fmt.Sprintf("drop the primary key of %s", c.T.QName()),
		clauses, []string{r.alter(c.T, back, undo...)})
	return []dialects.Action{a}, nil
}

// columnDropped reports whether desired table dt has no column name, under
// that name or renamed from it.
func columnDropped(dt *schema.Table, name string) bool {
	if dt.Column(name) != nil {
		return false
	}
	for _, c := range dt.Columns {
		if c.RenamedFrom == name {
			return false
		}
	}
	return true
}

// addIndex builds an index in place while reads and writes continue
// (FULLTEXT and SPATIAL indexes block writes: LOCK=SHARED); a unique index
// fails on duplicates, which the pre-flight check counts.
func (r recipeContext) addIndex(c schema.AddIndex) ([]dialects.Action, error) {
	t, ix, q := c.T, c.I, c.T.QName()
	if len(ix.Parts) > 0 && r.addedAutoIncrement(t, ix.Parts[0].Column) {
		des := t
		if dt := r.desired(t); dt != nil {
			des = dt
		}
		if pk, key := autoIncrementKey(des, ix.Parts[0].Column); !pk && key != nil && key.Name == ix.Name {
			return nil, nil // added with its AUTO_INCREMENT column (addColumn)
		}
	}
	if r.foreignKeyHolding(t, ix.Name) != nil {
		return nil, nil // rebuilt once the foreign key is dropped (recipes_fkindex.go)
	}
	def, err := IndexSQL(t, ix)
	if err != nil {
		return nil, err
	}
	old := r.currentIndex(t, ix.Name)
	a, undo := r.onlineAlgorithm(t), r.onlineAlgorithm(t)
	if ix.Using == "fulltext" || ix.Using == "spatial" {
		a = algoInplaceShared
	}
	if r.longUnique(ix) || r.longUnique(old) {
		a = algoCopy
		if old != nil { // the undo drops one and adds the other
			undo = algoCopy
		}
	}
	clauses := []string{"ADD " + def}
	summary := fmt.Sprintf("create index %s on %s", ix.Name, q)
	rollback := []string{r.alter(t, undo, "DROP INDEX "+quoteIdent(ix.Name))}
	if old != nil {
		clauses = append([]string{"DROP INDEX " + quoteIdent(ix.Name)}, clauses...)
		summary = fmt.Sprintf("rebuild index %s on %s with its new definition", ix.Name, q)
		if oldDef, err := IndexSQL(t, old); err == nil {
			rollback = []string{r.alter(t, undo, "DROP INDEX "+quoteIdent(ix.Name), "ADD "+oldDef)}
		}
	}
	if ix.Using != "fulltext" && ix.Using != "spatial" {
		if pins := r.pinsForKey(t, ix.Name, leadingColumns(ix)); len(pins) > 0 {
			clauses = append(pinClauses(pins), clauses...)
			summary += pinnedNote(pins)
		}
	}
	act := r.alterAction(dialects.PhaseExpand, t, a, summary, clauses, rollback)
	act.Scans = true
	if ix.Using == "fulltext" || ix.Using == "spatial" {
		act.Hazards = append(act.Hazards, hazard(dialects.HazardIndexBuild,
			fmt.Sprintf("a %s index is built with LOCK=SHARED: writes to %s wait until it is built", strings.ToUpper(ix.Using), q)))
	}
	if ix.Unique {
		var cols []string
		for _, p := range ix.Parts {
			if p.Column == "" || p.Length > 0 {
				cols = nil
				break
			}
			cols = append(cols, p.Column)
		}
		act.Hazards = append(act.Hazards, hazard(dialects.HazardValidationMayFail,
			fmt.Sprintf("fails if %s already has duplicates for index %s", q, ix.Name)))
		if len(cols) > 0 {
			act.Preflight = []dialects.Preflight{r.duplicatesPreflight(t, cols, "unique index "+ix.Name)}
		}
	}
	return []dialects.Action{act}, nil
}

// longUnique reports whether ix is one of MariaDB's long unique indexes
// (UNIQUE … USING HASH): the server backs it with a hidden virtual column,
// which only ALGORITHM=COPY can add, or drop in the same statement as
// another change (dropping it alone is in place).
func (r recipeContext) longUnique(ix *schema.Index) bool {
	return ix != nil && ix.Unique && ix.Using == "hash" && r.mariaDB()
}

// currentIndex returns the current definition of t's index name, or nil.
func (r recipeContext) currentIndex(t *schema.Table, name string) *schema.Index {
	if cur := r.current(t); cur != nil {
		return cur.Index(name)
	}
	return nil
}

// dropIndex drops an index in the contract, in place (metadata only).
func (r recipeContext) dropIndex(c schema.DropIndex) ([]dialects.Action, error) {
	if dt := r.desired(c.T); dt != nil && dt.Index(c.I.Name) != nil {
		return nil, nil // addIndex rebuilds it
	}
	def, err := IndexSQL(c.T, c.I)
	if err != nil {
		return nil, err
	}
	undo := r.onlineAlgorithm(c.T)
	if r.longUnique(c.I) {
		undo = algoCopy
	}
	a := r.alterAction(dialects.PhaseContract, c.T, algoInplace, fmt.Sprintf("drop index %s on %s", c.I.Name, c.T.QName()),
		[]string{"DROP INDEX " + quoteIdent(c.I.Name)}, []string{r.alter(c.T, undo, "ADD "+def)})
	a.LongRunning = false
	return []dialects.Action{a}, nil
}

func (r recipeContext) renameIndex(c schema.RenameIndex) dialects.Action {
	a := r.metadataAlgorithm()
	act := r.alterAction(dialects.PhaseExpand, c.T, a, fmt.Sprintf("rename index %s on %s to %s", c.From.Name, c.T.QName(), c.To.Name),
		[]string{"RENAME INDEX " + quoteIdent(c.From.Name) + " TO " + quoteIdent(c.To.Name)},
		[]string{r.alter(c.T, a, "RENAME INDEX "+quoteIdent(c.To.Name)+" TO "+quoteIdent(c.From.Name))})
	act.LongRunning = false
	return act
}

// duplicatesPreflight counts the key values of cols that more than one row
// of t has (rows with a NULL in the key never clash).
func (r recipeContext) duplicatesPreflight(t *schema.Table, cols []string, what string) dialects.Preflight {
	from := r.d.qualified(t.QName())
	var notNull []string
	for _, c := range cols {
		notNull = append(notNull, quoteIdent(c)+" IS NOT NULL")
	}
	group := "SELECT " + quoteIdents(cols) + " FROM " + from + " WHERE " + strings.Join(notNull, " AND ") +
		" GROUP BY " + quoteIdents(cols) + " HAVING count(*) > 1"
	return dialects.Preflight{
		Kind:        "unique",
		Description: fmt.Sprintf("duplicate (%s) values in %s for its %s", columnList(cols), t.QName(), what),
		SQL:         "SELECT count(*) FROM (" + group + ") AS dup",
		SampleSQL:   group + " LIMIT 5",
	}
}
