package postgres

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// An enum whose values are removed or reordered is replaced (safety rule
// 12). With columns of existing tables using it, the replacement runs beside
// them: a new type <name>__tide_new, and for every column a shadow column of
// the new type kept equal to col::text::<new type> by a trigger, backfilled,
// with copies of the column's indexes and constraints; the contract swaps
// the columns, drops the old ones and the old type and gives the new type
// its name, in one transaction. Where a column cannot be shadowed
// (enumShadowRefusal) the whole replacement is done in place (replaceEnum).

// enumShadowSuffix marks the replacement type while the plan runs.
const enumShadowSuffix = "__tide_new"

// isEnumReplaced reports whether going from values from to values to
// replaces the type (from is not a subsequence of to).
func isEnumReplaced(from, to []string) bool {
	i := 0
	for _, v := range to {
		if i < len(from) && v == from[i] {
			i++
		}
	}
	return i != len(from)
}

// enumSwapped reports whether column col of current table cur is moved to a
// shadow column because the plan replaces its enum type.
func (r recipeContext) enumSwapped(cur *schema.Table, col string) bool {
	c := cur.Column(col)
	if c == nil || r.env.Current == nil || r.env.Desired == nil {
		return false
	}
	from := enumOfType(c.Type, r.env.Current, cur.Schema)
	if from == nil {
		return false
	}
	to := r.env.Desired.Enum(from.QName())
	if to == nil || !isEnumReplaced(from.Values, to.Values) {
		return false
	}
	return r.enumShadowRefusal(from, r.enumColumns(from)) == ""
}

// enumShadowRefusal says why the columns using enum e cannot move to shadow
// columns, or "".
func (r recipeContext) enumShadowRefusal(e *schema.Enum, uses []enumUse) string {
	if len(uses) == 0 {
		return "no existing column uses it"
	}
	if !r.versionAtLeast(12) {
		return fmt.Sprintf("the batched backfill needs PostgreSQL 12; the server is %s", r.env.Version)
	}
	renamed := map[schema.QName]bool{}
	for _, old := range r.env.RenamedTables {
		renamed[old] = true
	}
	for _, u := range uses {
		q := u.table.QName()
		col := u.old.Name
		des := r.desiredTable(u.table)
		switch {
		case renamed[q]:
			return fmt.Sprintf("table %s is renamed in the same plan", q)
		case des == nil || des.Column(col) == nil:
			return fmt.Sprintf("column %s.%s is dropped in the same plan", q, col)
		case enumOfType(des.Column(col).Type, r.env.Desired, q.Schema) == nil ||
			enumOfType(des.Column(col).Type, r.env.Desired, q.Schema).QName() != e.QName():
			return fmt.Sprintf("column %s.%s changes type in the same plan", q, col)
		case u.table.PrimaryKey == nil:
			return fmt.Sprintf("%s has no primary key to backfill by", q)
		case contains(u.table.PrimaryKey.Columns, col):
			return fmt.Sprintf("%s.%s is part of the primary key", q, col)
		case u.old.Generated != "":
			return fmt.Sprintf("%s.%s is a generated column", q, col)
		}
		if fk := r.foreignKeyUsing(u.table, col); fk != "" {
			return fmt.Sprintf("%s.%s is a column of foreign key %s", q, col, fk)
		}
	}
	return ""
}

// replaceEnumActions is the ReplaceEnum recipe: the shadow-column
// replacement when every using column allows it, else the in-place one with
// a hazard saying why.
func (r recipeContext) replaceEnumActions(c schema.ReplaceEnum) ([]dialects.Action, error) {
	uses := r.enumColumns(c.From)
	why := r.enumShadowRefusal(c.From, uses)
	if why == "" {
		return r.shadowEnum(c, uses), nil
	}
	a, err := r.replaceEnum(c)
	if err != nil {
		return nil, err
	}
	if len(uses) > 0 {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardNoSafeRecipe, "columns converted in place: "+why))
	}
	return []dialects.Action{a}, nil
}

// shadowEnum replaces enum c.From by c.To through shadow columns.
func (r recipeContext) shadowEnum(c schema.ReplaceEnum, uses []enumUse) []dialects.Action {
	tmp := schema.QName{Schema: c.To.Schema, Name: withSuffix(c.To.Name, enumShadowSuffix)}
	tmpEnum := &schema.Enum{Schema: tmp.Schema, Name: tmp.Name, Values: c.To.Values}
	removed := removedValues(c.From.Values, c.To.Values)
	create := dialects.Action{
		Phase:         dialects.PhaseExpand,
		Summary:       fmt.Sprintf("create enum type %s, the new version of %s", tmp, c.To.QName()),
		Statements:    []string{RenderEnum(tmpEnum)},
		Transactional: true,
		LockNote:      noteNewObject,
		Rollback:      []string{"DROP TYPE IF EXISTS " + qualified(tmp)},
	}
	out := []dialects.Action{create}
	var expand, backfill, validate []dialects.Action
	var swap, drops, after []string
	var tables []string
	for _, u := range uses {
		t := u.table
		q := t.QName()
		col := u.old.Name
		shadow := ShadowColumnName(col)
		_, dims := splitArrayType(u.old.Type)
		conv := quoteIdent(col) + "::text" + dims + "::" + qualified(tmp) + dims
		move := r.newColumnMove(t, r.desiredTable(t), col, shadow)
		createTrigger, dropTrigger := SyncColumnTrigger(t, shadow, conv)
		stmts := append([]string{alterTable(t, "ADD COLUMN "+quoteIdent(shadow)+" "+qualified(tmp)+dims)}, createTrigger...)
		if !u.desired.Nullable {
			stmts = append(stmts, addNotNullCheckSQL(t, shadow))
		}
		add := briefAlter(dialects.PhaseExpand, t,
			fmt.Sprintf("add shadow column %s (%s) to %s and a trigger keeping it = %s", shadow, tmp, q, conv), stmts,
			append(append([]string{}, dropTrigger...), alterTable(t, "DROP COLUMN IF EXISTS "+quoteIdent(shadow))))
		add.Hazards = []dialects.Hazard{hazard(dialects.HazardValidationMayFail,
			fmt.Sprintf("from now on a write of %s with a value %s no longer has (%s) fails", q, c.To.QName(), strings.Join(removed, ", ")))}
		add.Preflight = []dialects.Preflight{removedValuePreflight(t, rowKey(t), col, dims, c.To)}
		expand = append(expand, add)
		expand = append(expand, move.expand(r)...)
		fill := r.backfillAction(t, r.primaryKeyOf(t), []dialects.Assignment{{Column: shadow, Expr: conv}}, "",
			fmt.Sprintf("backfill %s.%s = %s", q, shadow, conv))
		fill.Hazards = append(fill.Hazards, hazard(dialects.HazardValidationMayFail,
			fmt.Sprintf("stops at the first row of %s holding a value %s no longer has", q, c.To.QName())))
		backfill = append(backfill, fill)
		validate = append(validate, move.validate()...)
		if !u.desired.Nullable {
			nn := setNotNullAction(t, shadow) // the column is NOT NULL now and the conversion keeps non-NULL values
			validate = append(validate, nn)
		}
		swap = append(swap, SwapColumnsSQL(t, col, shadow, "")...)
		objs, _ := move.swap(col)
		swap = append(swap, objs...)
		drops = append(drops, DropOldColumnSQL(t, col))
		if u.desired.Default != "" {
			after = append(after, alterTable(t, "ALTER COLUMN "+quoteIdent(col)+" SET DEFAULT "+renderDefault(u.desired.Default)))
		}
		if u.desired.Comment != "" {
			after = append(after, RenderComment("COLUMN", columnTarget(t, col), u.desired.Comment))
		}
		tables = append(tables, q.String())
	}
	out = append(out, expand...)
	out = append(out, backfill...)
	out = append(out, validate...)
	stmts := append(append(swap, drops...), "DROP TYPE "+qualified(c.From.QName()),
		"ALTER TYPE "+qualified(tmp)+" RENAME TO "+quoteIdent(c.To.Name))
	stmts = append(stmts, after...)
	end := dialects.Action{
		Phase: dialects.PhaseContract,
		Summary: fmt.Sprintf("swap the columns of type %s for their shadows, drop the old columns and type, rename %s to %s",
			c.To.QName(), tmp, c.To.Name),
		Statements:    stmts,
		Transactional: true,
		Lock:          LockAccessExclusive,
		LockNote:      "brief (metadata only) on " + strings.Join(tables, ", "),
		Table:         tableRef(uses[0].table),
		Irreversible:  true,
	}
	return append(out, end)
}

// removedValues lists the values of from that to no longer has.
func removedValues(from, to []string) []string {
	keep := map[string]bool{}
	for _, v := range to {
		keep[v] = true
	}
	var out []string
	for _, v := range from {
		if !keep[v] {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return []string{"none: values are reordered"}
	}
	return out
}

// removedValuePreflight counts the rows of t whose column col holds a value
// that enum e no longer has, showing key and col.
func removedValuePreflight(t *schema.Table, key []string, col, dims string, e *schema.Enum) dialects.Preflight {
	vals := make([]string, len(e.Values))
	for i, v := range e.Values {
		vals[i] = quoteLiteral(v)
	}
	list := strings.Join(vals, ", ")
	cond := quoteIdent(col) + "::text NOT IN (" + list + ")"
	if dims != "" {
		cond = "NOT (" + quoteIdent(col) + "::text[] <@ ARRAY[" + list + "]::text[])"
	}
	return rowCheck(t, key, "check", fmt.Sprintf("rows of %s whose %s holds a value %s no longer has", t.QName(), col, e.QName()),
		cond, []string{col})
}
