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
	algo, rewrite := r.rebuildAlgorithm(t), fmt.Sprintf("%s is rebuilt in place around the new primary key; reads and writes continue", q)
	if algo == algoInplaceShared {
		rewrite = fmt.Sprintf("%s is rebuilt in place around the new primary key; it has a FULLTEXT index, so writes wait (LOCK=SHARED)", q)
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
// (InnoDB rebuilds the table around a hidden key).
func (r recipeContext) dropPrimaryKey(c schema.DropPrimaryKey) []dialects.Action {
	if dt := r.desired(c.T); dt != nil && dt.PrimaryKey != nil {
		return nil // addPrimaryKey replaces it
	}
	a := r.alterAction(dialects.PhaseContract, c.T, algoCopy, fmt.Sprintf("drop the primary key of %s", c.T.QName()),
		[]string{"DROP PRIMARY KEY"}, []string{r.alter(c.T, algoInplace, "ADD PRIMARY KEY ("+quoteIdents(c.PK.Columns)+")")})
	return []dialects.Action{a}
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
	def, err := IndexSQL(t, ix)
	if err != nil {
		return nil, err
	}
	clauses := []string{"ADD " + def}
	summary := fmt.Sprintf("create index %s on %s", ix.Name, q)
	rollback := []string{r.alter(t, algoInplace, "DROP INDEX "+quoteIdent(ix.Name))}
	if old := r.currentIndex(t, ix.Name); old != nil {
		clauses = append([]string{"DROP INDEX " + quoteIdent(ix.Name)}, clauses...)
		summary = fmt.Sprintf("rebuild index %s on %s with its new definition", ix.Name, q)
		if oldDef, err := IndexSQL(t, old); err == nil {
			rollback = []string{r.alter(t, algoInplace, "DROP INDEX "+quoteIdent(ix.Name), "ADD "+oldDef)}
		}
	}
	a := algoInplace
	if ix.Using == "fulltext" || ix.Using == "spatial" {
		a = algoInplaceShared
	}
	act := r.alterAction(dialects.PhaseExpand, t, a, summary, clauses, rollback)
	act.Scans = true
	if a == algoInplaceShared {
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
	a := r.alterAction(dialects.PhaseContract, c.T, algoInplace, fmt.Sprintf("drop index %s on %s", c.I.Name, c.T.QName()),
		[]string{"DROP INDEX " + quoteIdent(c.I.Name)}, []string{r.alter(c.T, algoInplace, "ADD "+def)})
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
