package postgres

import (
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// A type change that PostgreSQL can only do by rewriting the table (int →
// bigint, text → integer …) is done beside the column on an existing table
// (safety rule 8): a shadow column of the new type kept equal to the
// conversion of the old one by a trigger, filled in batches, with copies of
// the indexes and constraints that use the column; in the contract the
// shadow takes the column's name in one short transaction and the old
// column is dropped afterwards. The in-place rewrite stays for new tables,
// binary-coercible changes, and where the swap cannot carry the column's
// role (shadowRefusal).

// shadowRefusal says why a type change of column from (current) into to
// (desired) of table t cannot use a shadow column, or "" when it can.
// cur is t's current definition.
func (r recipeContext) shadowRefusal(t, cur *schema.Table, from, to *schema.Column) string {
	switch {
	case cur == nil || r.isNew(t):
		return "the table is new"
	case from.Type == to.Type || binaryCoercible(from.Type, to.Type):
		return "no rewrite"
	case isSerialType(from.Type) || isSerialType(to.Type):
		return "a serial column changes with its sequence"
	case from.Name != to.Name:
		return "the column is renamed in the same plan"
	case from.Identity != "" || to.Identity != "":
		return "an identity column cannot be copied with its sequence"
	case from.Generated != "" || to.Generated != "" || (cur.Column(from.Name) != nil && cur.Column(from.Name).Generated != ""):
		return "a generated column is computed, not copied"
	case !r.versionAtLeast(12):
		return fmt.Sprintf("PostgreSQL %s cannot prove NOT NULL with a check or commit inside a backfill", r.env.Version)
	case cur.PrimaryKey == nil:
		return fmt.Sprintf("%s has no primary key to backfill by", t.QName())
	case contains(cur.PrimaryKey.Columns, from.Name):
		return fmt.Sprintf("%s is part of the primary key, which cannot be moved to another column without rebuilding it and every foreign key to it", from.Name)
	}
	if fk := r.foreignKeyUsing(cur, from.Name); fk != "" {
		return fmt.Sprintf("%s is a column of foreign key %s, which would have to be rebuilt on the new column", from.Name, fk)
	}
	if des := r.desiredTable(t); des != nil {
		for _, fk := range des.ForeignKeys {
			if contains(fk.Columns, to.Name) {
				return fmt.Sprintf("%s is a column of foreign key %s, which would have to be built on the new column", to.Name, fk.Name)
			}
		}
	}
	return ""
}

// typeSwapped reports whether the plan changes the type of column col of
// existing table t (desired name) through a shadow column.
func (r recipeContext) typeSwapped(t *schema.Table, col string) bool {
	cur, des := r.currentTable(t), r.desiredTable(t)
	if cur == nil || des == nil {
		return false
	}
	from, to := cur.Column(col), des.Column(col)
	if from == nil || to == nil {
		return false
	}
	return r.shadowRefusal(des, cur, from, to) == ""
}

// conversion is the expression that computes the new value of column from
// of type from.Type as to.Type: the user's Using, else a cast (through text
// between two enum types).
func (r recipeContext) conversion(t *schema.Table, from, to *schema.Column) string {
	if to.Using != "" {
		return to.Using
	}
	s := r.enumSchema()
	typ := RenderType(to.Type, s, t.Schema)
	cur := r.env.Current
	if cur == nil {
		cur = s
	}
	if enumOfType(from.Type, cur, t.Schema) != nil && enumOfType(to.Type, s, t.Schema) != nil {
		_, dims := splitArrayType(from.Type)
		return quoteIdent(from.Name) + "::text" + dims + "::" + typ
	}
	return quoteIdent(from.Name) + "::" + typ
}

// shadowRetype changes the type of an existing column through a shadow
// column (see the top of this file). c.Changes may also hold null, default,
// collation and comment changes: the shadow is created with the new
// collation, made NOT NULL when the column must be, and gets the new default
// and comment in the swap.
func (r recipeContext) shadowRetype(c schema.AlterColumn, cur *schema.Table) []dialects.Action {
	from, to := c.From, c.To
	t := tableAs(cur, c.T)
	q := t.QName()
	col := to.Name
	shadow := ShadowColumnName(col)
	conv := r.conversion(t, from, to)
	if !to.Nullable && to.Backfill != "" {
		conv = "COALESCE(" + conv + ", " + to.Backfill + ")"
	}
	move := r.newColumnMove(t, r.desiredTable(c.T), col, shadow)

	def := &schema.Column{Name: shadow, Type: to.Type, Nullable: true, Collation: to.Collation}
	createTrigger, dropTrigger := SyncColumnTrigger(t, shadow, conv)
	addStmts := append([]string{alterTable(t, "ADD COLUMN "+RenderColumn(t, def, r.enumSchema()))}, createTrigger...)
	addBack := append(append([]string{}, dropTrigger...), alterTable(t, "DROP COLUMN IF EXISTS "+quoteIdent(shadow)))
	if !to.Nullable {
		addStmts = append(addStmts, addNotNullCheckSQL(t, shadow))
	}
	add := briefAlter(dialects.PhaseExpand, t,
		fmt.Sprintf("add shadow column %s (%s) to %s and a trigger keeping it = %s", shadow, to.Type, q, conv),
		addStmts, addBack)
	add.Hazards = []dialects.Hazard{hazard(dialects.HazardValidationMayFail,
		fmt.Sprintf("from now on a write of %s fails when %s cannot convert its %s", q, conv, col))}
	out := []dialects.Action{add}
	out = append(out, move.expand(r)...)

	fill := backfillAction(t, r.primaryKeyOf(c.T), []dialects.Assignment{{Column: shadow, Expr: conv}}, "",
		fmt.Sprintf("backfill %s.%s = %s", q, shadow, conv))
	fill.Hazards = append(fill.Hazards, hazard(dialects.HazardValidationMayFail,
		fmt.Sprintf("stops at the first row of %s whose %s cannot be converted to %s", q, col, to.Type)))
	out = append(out, fill)
	out = append(out, move.validate()...)
	if !to.Nullable {
		nn := setNotNullAction(t, shadow, "")
		nn.Summary = fmt.Sprintf("validate that shadow column %s.%s has no NULL, then SET NOT NULL", q, shadow)
		// The preflight runs before the plan, when the shadow does not exist:
		// it counts the rows whose conversion is NULL.
		nn.Preflight = []dialects.Preflight{conversionPreflight(t, from, conv)}
		out = append(out, nn)
	}

	swap := SwapColumnsSQL(t, col, shadow, to.Default)
	objs, objsBack := move.swap(col)
	swap = append(swap, objs...)
	if to.Comment != "" {
		swap = append(swap, RenderComment("COLUMN", columnTarget(t, col), to.Comment))
	}
	back := append(objsBack, UnswapColumnsSQL(t, col, shadow, conv)...)
	for _, s := range move.seqs {
		back = append(back, "ALTER SEQUENCE "+qualified(s.QName())+" OWNED BY "+qualified(q)+"."+quoteIdent(col))
	}
	summary := fmt.Sprintf("swap %s.%s and its shadow: the %s column takes the name %s, the old one becomes %s", q, col, to.Type, col, OldColumnName(col))
	if n := move.names(); n != "" {
		summary += "; the copies of " + n + " take their names"
	}
	out = append(out, briefAlter(dialects.PhaseContract, t, summary, swap, back))

	drop := briefAlter(dialects.PhaseContract, t,
		fmt.Sprintf("drop %s.%s, the column the type change replaced", q, OldColumnName(col)),
		[]string{DropOldColumnSQL(t, col)}, nil)
	drop.Irreversible = true
	return append(out, drop)
}

// conversionPreflight counts the rows of t whose conversion conv is NULL
// (they would fail the shadow column's NOT NULL); the query itself fails on
// a value that conv cannot convert.
func conversionPreflight(t *schema.Table, from *schema.Column, conv string) dialects.Preflight {
	return dialects.Preflight{
		Kind:        "not_null",
		Description: fmt.Sprintf("rows of %s whose %s converts to NULL through %s (the count fails on a value that cannot be converted)", t.QName(), from.Name, conv),
		SQL:         "SELECT count(*) FROM " + qualified(t.QName()) + " WHERE (" + conv + ") IS NULL",
	}
}

// inPlaceRefusalHazard is the hazard added to an in-place rewrite of an
// existing table that the shadow recipe refused for reason.
func inPlaceRefusalHazard(reason string) dialects.Hazard {
	return hazard(dialects.HazardNoSafeRecipe, "rewritten in place: "+reason)
}
