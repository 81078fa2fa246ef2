package postgres

import (
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// alterGenerated changes a column's generated expression. Generated → plain
// is ALTER COLUMN … DROP EXPRESSION (PostgreSQL 13+, keeps the values). A new
// or changed expression is SET EXPRESSION on PostgreSQL 17+ between two
// generated columns, else the column is dropped and added again with its new
// definition, and the indexes and constraints of the table that use it are
// created again. Other changed parts of the column follow as a second
// statement.
func (r recipeContext) alterGenerated(c schema.AlterColumn) ([]dialects.Action, error) {
	t, from, to := c.T, c.From, c.To
	q := t.QName()
	obj := fmt.Sprintf("%s.%s", q, to.Name)
	col := quoteIdent(to.Name)
	a := dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("alter column %s (%s)", obj, c.Changes.String()),
		Transactional: true,
		Lock:          LockAccessExclusive,
		LockNote:      noteRewrite,
		Table:         tableRef(t),
		LongRunning:   true,
		Rewrites:      true,
	}
	rest := c.Changes &^ schema.ChangeGenerated
	switch {
	case to.Generated == "":
		if !r.versionAtLeast(13) {
			return nil, fmt.Errorf("column %s: turning a generated column into a plain one needs PostgreSQL 13 (DROP EXPRESSION); the server is %s", obj, r.env.Version)
		}
		a.Statements = []string{alterTable(t, "ALTER COLUMN "+col+" DROP EXPRESSION")}
		a.Rewrites, a.LongRunning, a.LockNote = false, false, noteBrief
		a.Rollback = r.recreateColumn(t, from)
		plain := *from
		plain.Generated = ""
		var later []dialects.Action
		if rest != 0 {
			actions, err := r.alterColumn(schema.AlterColumn{T: t, From: &plain, To: to, Changes: rest})
			if err != nil {
				return nil, err
			}
			// The first action is the in-place ALTER; the others (an online
			// SET NOT NULL's validate step) follow in their own phases.
			more := actions[0]
			later = actions[1:]
			a.Statements = append(a.Statements, more.Statements...)
			a.Rollback = append(more.Rollback, a.Rollback...)
			a.Hazards = more.Hazards
			a.Rewrites, a.Scans, a.LongRunning = more.Rewrites, more.Scans, more.LongRunning
			a.LockNote = more.LockNote
		}
		return append([]dialects.Action{a}, later...), nil
	case from.Generated != "" && r.versionAtLeast(17) && rest == 0:
		a.Statements = []string{alterTable(t, "ALTER COLUMN "+col+" SET EXPRESSION AS ("+to.Generated+")")}
		a.Rollback = []string{alterTable(t, "ALTER COLUMN "+col+" SET EXPRESSION AS ("+from.Generated+")")}
	default:
		a.Statements = r.recreateColumn(t, to)
		if from.Generated != "" {
			a.Rollback = r.recreateColumn(t, from)
		} else {
			a.Irreversible = true
		}
	}
	if r.isNew(t) {
		return []dialects.Action{a}, nil
	}
	a.Hazards = append(a.Hazards,
		hazard(dialects.HazardTableRewrite, fmt.Sprintf("the generated column %s is computed again for every row of %s", to.Name, q)),
		hazard(dialects.HazardAccessExclusiveLock, fmt.Sprintf("reads and writes of %s wait until the rewrite ends", q)))
	if from.Generated == "" {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardDeletesData,
			fmt.Sprintf("the stored values of %s are replaced by the expression %s; the old values cannot be restored", obj, to.Generated)))
	}
	return []dialects.Action{a}, nil
}

// recreateColumn drops column c of t and adds it again with c's definition,
// then re-creates what the drop removed: the table's primary key, uniques,
// checks, indexes and foreign keys that use the column, and its comment.
func (r recipeContext) recreateColumn(t *schema.Table, c *schema.Column) []string {
	out := []string{alterTable(t, "DROP COLUMN "+quoteIdent(c.Name), "ADD COLUMN "+RenderColumn(t, c, r.enumSchema()))}
	var adds []string
	if pk := t.PrimaryKey; pk != nil && contains(pk.Columns, c.Name) {
		adds = append(adds, "ADD "+RenderPrimaryKey(pk))
	}
	for _, u := range t.Uniques {
		if contains(u.Columns, c.Name) {
			adds = append(adds, "ADD "+RenderUnique(u))
		}
	}
	for _, k := range t.Checks {
		if mentions(k.Expr, c.Name) {
			adds = append(adds, "ADD "+RenderCheck(k))
		}
	}
	for _, fk := range t.ForeignKeys {
		if contains(fk.Columns, c.Name) {
			adds = append(adds, "ADD "+RenderForeignKey(t, fk))
		}
	}
	if len(adds) > 0 {
		out = append(out, alterTable(t, adds...))
	}
	for _, i := range t.Indexes {
		if indexUses(i, c.Name) {
			out = append(out, RenderIndex(t, i, false))
		}
	}
	if c.Comment != "" {
		out = append(out, RenderComment("COLUMN", columnTarget(t, c.Name), c.Comment))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mentions reports whether expression expr names column (a textual check).
func mentions(expr, column string) bool {
	return containsWord(expr, column) || containsWord(expr, quoteIdent(column))
}

// indexUses reports whether index i uses column as a key, an included
// column, or inside an expression or predicate.
func indexUses(i *schema.Index, column string) bool {
	if contains(i.Include, column) || (i.Where != "" && mentions(i.Where, column)) {
		return true
	}
	for _, p := range i.Parts {
		if p.Column == column || (p.Expr != "" && mentions(p.Expr, column)) {
			return true
		}
	}
	return false
}
