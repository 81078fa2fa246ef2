package postgres

import (
	"github.com/tidedb/tide/schema"
)

// Views and column swaps
//
// The planner drops a view before the tables or types it reads change and
// creates it again afterwards. When a column the view reads is swapped for a
// shadow column in the contract (a type change or an enum replacement), a
// view created again in the expansion would bind to the old column, follow it
// when it is renamed aside, and stop the old column from being dropped. Such
// a view (and every view reading it) is created in the contract instead,
// after the swap; until then queries on it fail.

// swappedTables returns the existing tables (desired and current names)
// whose columns the plan swaps in the contract.
func (r recipeContext) swappedTables() map[schema.QName]bool {
	out := map[schema.QName]bool{}
	if r.env.Desired == nil {
		return out
	}
	for _, t := range r.env.Desired.Tables {
		cur := r.currentTable(t)
		if cur == nil || r.isNew(t) {
			continue
		}
		for _, col := range t.Columns {
			if r.typeSwapped(t, col.Name) || r.enumSwapped(cur, col.Name) {
				out[t.QName()] = true
				out[cur.QName()] = true
				break
			}
		}
	}
	return out
}

// viewAfterSwap reports whether view v must be created in the contract,
// after the column swaps: it reads a swapped table, or a view that must.
func (r recipeContext) viewAfterSwap(v *schema.View) bool {
	swapped := r.swappedTables()
	if len(swapped) == 0 {
		return false
	}
	var views []*schema.View
	if r.env.Desired != nil {
		views = r.env.Desired.Views
	}
	seen := map[schema.QName]bool{}
	var after func(v *schema.View) bool
	after = func(v *schema.View) bool {
		if seen[v.QName()] {
			return false
		}
		seen[v.QName()] = true
		for q := range swapped {
			if viewReadsTable(v, q) {
				return true
			}
		}
		for _, w := range views {
			if w.QName() != v.QName() && viewReads(v, w) && after(w) {
				return true
			}
		}
		return false
	}
	return after(v)
}

// viewReadsTable reports whether v reads table q: from v.DependsOn when
// known, else from q's name appearing as a whole word in v's definition.
func viewReadsTable(v *schema.View, q schema.QName) bool {
	return viewReads(v, &schema.View{Schema: q.Schema, Name: q.Name})
}

// onShadowColumns returns index i of existing table t built on the shadow
// columns of the columns the plan swaps in the contract (a type change or an
// enum replacement), so that the index follows the new column through the
// swap instead of being dropped with the old one; i itself when it uses
// none.
func (r recipeContext) onShadowColumns(t *schema.Table, i *schema.Index) *schema.Index {
	cur := r.currentTable(t)
	if cur == nil {
		return i
	}
	out := i
	for _, col := range cur.Columns {
		if indexUses(out, col.Name) && (r.typeSwapped(t, col.Name) || r.enumSwapped(cur, col.Name)) {
			out = indexOn(out, col.Name, ShadowColumnName(col.Name), out.Name)
		}
	}
	return out
}

// exprOnShadowColumns returns expression expr of existing table t (a check
// the plan adds) written against the shadow columns of the columns the plan
// swaps in the contract, so that the constraint follows the new column.
func (r recipeContext) exprOnShadowColumns(t *schema.Table, expr string) string {
	cur := r.currentTable(t)
	if cur == nil {
		return expr
	}
	for _, col := range cur.Columns {
		if mentions(expr, col.Name) && (r.typeSwapped(t, col.Name) || r.enumSwapped(cur, col.Name)) {
			expr = renameInExpr(expr, col.Name, ShadowColumnName(col.Name))
		}
	}
	return expr
}
