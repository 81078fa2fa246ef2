package postgres

import (
	"fmt"
	"strings"

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
// cur is t's current definition. A column of the primary key or of a
// foreign key moves with its key family (keyFamilyOf), or not at all.
func (r recipeContext) shadowRefusal(t, cur *schema.Table, from, to *schema.Column) string {
	if why := r.columnShadowRefusal(t, cur, from, to); why != "" {
		return why
	}
	if f := r.keyFamilyOf(t, cur, from, to); f != nil {
		if f.refusal != "" {
			return "the key columns joined to " + from.Name + " cannot move together: " + f.refusal
		}
		return ""
	}
	if des := r.desiredTable(t); des != nil {
		for _, fk := range des.ForeignKeys {
			if contains(fk.Columns, to.Name) {
				return fmt.Sprintf("%s is a column of foreign key %s, which the plan adds: add it in a later plan", to.Name, fk.Name)
			}
		}
	}
	return ""
}

// columnShadowRefusal says why column from of t (current definition cur)
// cannot get a shadow column of its own, whatever the keys around it, or "".
func (r recipeContext) columnShadowRefusal(t, cur *schema.Table, from, to *schema.Column) string {
	switch {
	case cur == nil || r.isNew(t):
		return "the table is new"
	case from.Type == to.Type || binaryCoercible(from.Type, to.Type):
		return "no rewrite"
	case isSerialType(from.Type) != isSerialType(to.Type):
		return "a column becomes or stops being serial"
	case isSerialType(from.Type) && serialRank[to.Type] <= serialRank[from.Type]:
		return "a serial column is narrowed together with its sequence"
	case from.Name != to.Name:
		if why := r.renameRetypeRefusal(t, cur, from, to); why != "" {
			return why
		}
		return "the column is renamed in the same plan"
	case (from.Identity == "") != (to.Identity == ""):
		return "a column becomes or stops being an identity column together with its type change"
	case from.Generated != "" || to.Generated != "" || (cur.Column(from.Name) != nil && cur.Column(from.Name).Generated != ""):
		return "a generated column is computed, not copied"
	case !r.versionAtLeast(12):
		return fmt.Sprintf("PostgreSQL %s cannot prove NOT NULL with a check or commit inside a backfill", r.env.Version)
	case cur.PrimaryKey == nil:
		return fmt.Sprintf("%s has no primary key to backfill by", t.QName())
	}
	return r.sharedObjectRefusal(cur, from.Name)
}

// sharedObjectRefusal says which index, key or check of current table cur
// uses column col and another column the plan retypes through a rewrite
// (each would copy the object onto its own shadow), or "".
func (r recipeContext) sharedObjectRefusal(cur *schema.Table, col string) string {
	if r.env.Current == nil || r.env.Current.Table(cur.QName()) == nil {
		return ""
	}
	other := func(uses func(c string) bool) string {
		for _, c := range cur.Columns {
			if c.Name != col && uses(c.Name) && r.retyped(colRef{cur.QName(), c.Name}) {
				return c.Name
			}
		}
		return ""
	}
	shared := func(kind, name string, uses func(c string) bool) string {
		if !uses(col) {
			return ""
		}
		if o := other(uses); o != "" {
			return fmt.Sprintf("%s %s also uses %s, retyped in the same plan: its copy cannot follow both shadow columns", kind, name, o)
		}
		return ""
	}
	var why string
	if pk := cur.PrimaryKey; pk != nil {
		why = shared("primary key", PrimaryKeyName(cur, pk), func(c string) bool { return contains(pk.Columns, c) })
	}
	for _, u := range cur.Uniques {
		if why == "" {
			why = shared("unique constraint", u.Name, func(c string) bool { return contains(u.Columns, c) })
		}
	}
	for _, i := range cur.Indexes {
		if why == "" {
			why = shared("index", i.Name, func(c string) bool { return indexUses(i, c) })
		}
	}
	for _, k := range cur.Checks {
		if why == "" {
			why = shared("check", k.Name, func(c string) bool { return mentions(k.Expr, c) })
		}
	}
	return why
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
	m := r.newShadowMove(c.T, cur, c.From, c.To)
	out := []dialects.Action{m.addAction(r)}
	out = append(out, m.move.expand(r)...)
	out = append(out, m.fillAction(r))
	out = append(out, m.move.validate()...)
	if nn, ok := m.notNullAction(); ok {
		out = append(out, nn)
	}
	swap, back := m.swapStatements()
	sw := briefAlter(dialects.PhaseContract, m.t, m.swapSummary(), swap, back)
	sw.Hazards = append([]dialects.Hazard{resultTypeHazard(m.t.QName().String() + "." + m.col)}, m.identityHazards()...)
	out = append(out, sw)
	return append(out, m.dropAction())
}

// resultTypeHazard warns that a swap changes the type a query returns for
// cols: PostgreSQL refuses to run a statement prepared before the swap
// whose result type changed.
func resultTypeHazard(cols string) dialects.Hazard {
	return hazard(dialects.HazardBreaksClients, fmt.Sprintf("a statement prepared before the swap that returns %s (RETURNING, SELECT *) fails once with \"cached plan must not change result type\" and must be prepared again", cols))
}

// shadowMove is the plan of one column's type change through a shadow
// column, in pieces that a recipe puts in order: shadowRetype for one
// column, keyFamilyRetype for key columns changed together.
type shadowMove struct {
	// t is the table with its current structure under the name it has
	// while the plan runs.
	t        *schema.Table
	from, to *schema.Column
	// col is the column's name, shadow its shadow's, conv the expression
	// that computes the shadow from the row.
	col, shadow, conv string
	move              *columnMove
	// serial is set for a serial column widened (serial → bigserial): the
	// shadow has the integer type, and the swap moves the column's sequence
	// to it (owner, type, default).
	serial bool
}

// newShadowMove plans the shadow-column type change of column from (current)
// into to (desired) of table t (given under its desired name; cur is its
// current definition).
func (r recipeContext) newShadowMove(t, cur *schema.Table, from, to *schema.Column) *shadowMove {
	tt := tableAs(cur, t)
	m := &shadowMove{t: tt, from: from, to: to, col: to.Name, shadow: ShadowColumnName(to.Name)}
	if isSerialType(from.Type) && isSerialType(to.Type) {
		base := *to
		base.Type = serialTypeBase[to.Type]
		m.to, m.serial = &base, true
	}
	m.conv = r.conversion(tt, from, m.to)
	if !to.Nullable && to.Backfill != "" {
		m.conv = "COALESCE(" + m.conv + ", " + to.Backfill + ")"
	}
	m.move = r.newColumnMove(tt, r.desiredTable(t), m.col, m.shadow)
	return m
}

// addAction is the expand action that adds the shadow column (with the NOT
// NULL helper check NOT VALID when the column must be NOT NULL) and the
// trigger that keeps it equal to the conversion of the column.
func (m *shadowMove) addAction(r recipeContext) dialects.Action {
	t, q := m.t, m.t.QName()
	def := &schema.Column{Name: m.shadow, Type: m.to.Type, Nullable: true, Collation: m.to.Collation}
	createTrigger, dropTrigger := SyncColumnTrigger(t, m.shadow, m.conv)
	addStmts := append([]string{alterTable(t, "ADD COLUMN "+RenderColumn(t, def, r.enumSchema()))}, createTrigger...)
	addBack := append(append([]string{}, dropTrigger...), alterTable(t, "DROP COLUMN IF EXISTS "+quoteIdent(m.shadow)))
	if !m.to.Nullable {
		addStmts = append(addStmts, addNotNullCheckSQL(t, m.shadow))
	}
	add := briefAlter(dialects.PhaseExpand, t,
		fmt.Sprintf("add shadow column %s (%s) to %s and a trigger keeping it = %s", m.shadow, m.to.Type, q, m.conv),
		addStmts, addBack)
	add.Hazards = []dialects.Hazard{hazard(dialects.HazardValidationMayFail,
		fmt.Sprintf("from now on a write of %s fails when %s cannot convert its %s", q, m.conv, m.col))}
	return add
}

// fillAction is the backfill of the shadow column.
func (m *shadowMove) fillAction(r recipeContext) dialects.Action {
	q := m.t.QName()
	fill := r.backfillAction(m.t, r.primaryKeyOf(m.t), []dialects.Assignment{{Column: m.shadow, Expr: m.conv}}, "",
		fmt.Sprintf("backfill %s.%s = %s", q, m.shadow, m.conv))
	fill.Hazards = append(fill.Hazards, hazard(dialects.HazardValidationMayFail,
		fmt.Sprintf("stops at the first row of %s whose %s cannot be converted to %s", q, m.from.Name, m.to.Type)))
	return fill
}

// notNullAction is the validate action that makes the shadow column NOT
// NULL; ok is false when the column may hold NULLs.
func (m *shadowMove) notNullAction() (a dialects.Action, ok bool) {
	if m.to.Nullable {
		return a, false
	}
	nn := setNotNullAction(m.t, m.shadow)
	nn.Summary = fmt.Sprintf("validate that shadow column %s.%s has no NULL, then SET NOT NULL", m.t.QName(), m.shadow)
	// The preflight runs before the plan, when the shadow does not exist:
	// it counts the rows whose conversion is NULL.
	nn.Preflight = []dialects.Preflight{conversionPreflight(m.t, m.from, m.conv)}
	return nn, true
}

// swapStatements are the statements of the swap (for one short
// transaction): an identity moves to the shadow first (shadow_identity.go),
// the shadow takes the column's name, the copies of the column's objects
// take theirs, the owned sequences follow; and their rollback.
func (m *shadowMove) swapStatements() (stmts, rollback []string) {
	q := m.t.QName()
	stmts = append(m.identitySwap(), SwapColumnsSQL(m.t, m.col, m.shadow, m.to.Default)...)
	objs, objsBack := m.move.swap(m.col)
	stmts = append(stmts, objs...)
	if m.serial {
		stmts = append(stmts, m.moveSequence(OldColumnName(m.col), m.col, m.to.Type))
	}
	if m.to.Comment != "" {
		stmts = append(stmts, RenderComment("COLUMN", columnTarget(m.t, m.col), m.to.Comment))
	}
	rollback = append(append(objsBack, m.identityBack()...), UnswapColumnsSQL(m.t, m.col, m.shadow, m.conv)...)
	if m.serial {
		rollback = append(rollback, m.moveSequence(m.shadow, m.col, serialTypeBase[m.from.Type]))
	}
	for _, s := range m.move.seqs {
		rollback = append(rollback, "ALTER SEQUENCE "+qualified(s.QName())+" OWNED BY "+qualified(q)+"."+quoteIdent(m.col))
	}
	return stmts, rollback
}

// moveSequence is the statement that hands the sequence of the serial
// column from (its owner) to column to, as type typ: the sequence's data
// type, its owner, to's default (nextval of it) and from's (dropped). The
// sequence is found by its owner, pg_get_serial_sequence.
func (m *shadowMove) moveSequence(from, to, typ string) string {
	table := qualified(m.t.QName())
	body := "DECLARE\n" +
		"    seq text := pg_get_serial_sequence(" + quoteLiteral(table) + ", " + quoteLiteral(from) + ");\n" +
		"BEGIN\n" +
		"    EXECUTE format('ALTER SEQUENCE %s AS " + typ + "', seq);\n" +
		"    EXECUTE format('ALTER SEQUENCE %s OWNED BY " + strings.ReplaceAll(table, "'", "''") + "." + strings.ReplaceAll(quoteIdent(to), "'", "''") + "', seq);\n" +
		"    EXECUTE format('ALTER TABLE " + strings.ReplaceAll(table, "'", "''") + " ALTER COLUMN " + strings.ReplaceAll(quoteIdent(to), "'", "''") +
		" SET DEFAULT nextval(%L::regclass)', seq);\n" +
		"    ALTER TABLE " + table + " ALTER COLUMN " + quoteIdent(from) + " DROP DEFAULT;\n" +
		"END"
	return tideDoBlock(body)
}

// swapSummary describes the swap.
func (m *shadowMove) swapSummary() string {
	summary := fmt.Sprintf("swap %s.%s and its shadow: the %s column takes the name %s, the old one becomes %s",
		m.t.QName(), m.col, m.to.Type, m.col, OldColumnName(m.col))
	if n := m.move.names(); n != "" {
		summary += "; the copies of " + n + " take their names"
	}
	if p := m.identityPhrase(); p != "" {
		summary += "; " + p
	}
	return summary
}

// dropAction is the contract action that drops the old column.
func (m *shadowMove) dropAction() dialects.Action {
	drop := briefAlter(dialects.PhaseContract, m.t,
		fmt.Sprintf("drop %s.%s, the column the type change replaced", m.t.QName(), OldColumnName(m.col)),
		[]string{DropOldColumnSQL(m.t, m.col)}, nil)
	drop.Irreversible = true
	return drop
}

// conversionPreflight counts the rows of t whose conversion conv is NULL
// (they would fail the shadow column's NOT NULL); the query itself fails on
// a value that conv cannot convert. Its sample shows t's key and the
// columns conv reads.
func conversionPreflight(t *schema.Table, from *schema.Column, conv string) dialects.Preflight {
	return rowCheck(t, rowKey(t), "not_null",
		fmt.Sprintf("rows of %s whose %s converts to NULL through %s (the count fails on a value that cannot be converted)", t.QName(), from.Name, conv),
		"("+conv+") IS NULL", exprColumns(t, conv))
}

// inPlaceRefusalHazard is the hazard added to an in-place rewrite of an
// existing table that the shadow recipe refused for reason.
func inPlaceRefusalHazard(reason string) dialects.Hazard {
	return hazard(dialects.HazardNoSafeRecipe, "rewritten in place: "+reason)
}
