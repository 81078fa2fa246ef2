package postgres

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// addColumn adds a column. On a new table, and on an existing one when the
// column is nullable or has a constant default, it is one metadata-only ALTER
// (PostgreSQL ≥ 11 keeps a constant default in the catalog). On an existing
// table:
//
//   - a backfill expression (Column.Backfill): addColumnBackfill;
//   - a volatile default (now() is stable, clock_timestamp() volatile …):
//     addColumnVolatile;
//   - an identity, serial or stored generated column fills every row while
//     the table is locked: plain ADD with TABLE_REWRITE and
//     ACCESS_EXCLUSIVE_LOCK hazards naming the rows, unless the statistics
//     say the table is empty.
//
// Without a primary key the batched backfill has nothing to walk, so the
// column is filled by one UPDATE in the expand step, with a NO_SAFE_RECIPE
// hazard.
func (r recipeContext) addColumn(c schema.AddColumn) ([]dialects.Action, error) {
	t, col := c.T, c.C
	if len(col.Attrs) > 0 {
		return nil, fmt.Errorf("column %s.%s: PostgreSQL has no column options, but %s are set; remove them", t.QName(), col.Name, attrNames(col.Attrs))
	}
	if r.isNew(t) {
		return []dialects.Action{r.plainAddColumn(c, col)}, nil
	}
	key := r.primaryKeyOf(t)
	volatile := volatileCall(col.Default) != "" && col.Identity == "" && col.Generated == "" && !isSerialType(col.Type)
	switch {
	case col.Backfill != "" && len(key) > 0 && r.versionAtLeast(12):
		return r.addColumnBackfill(c, key), nil
	case col.Backfill != "":
		return []dialects.Action{r.addColumnUpdate(c)}, nil
	case volatile && len(key) > 0 && r.versionAtLeast(12):
		return r.addColumnVolatile(c, key), nil
	}
	a := r.plainAddColumn(c, col)
	cur := r.currentTable(t)
	if why := addColumnRewriteReason(col); why != "" && !knownEmpty(cur) {
		a.Rewrites, a.LongRunning, a.LockNote = true, true, noteRewrite
		a.Hazards = append(a.Hazards,
			hazard(dialects.HazardTableRewrite, fmt.Sprintf("%s: %s (%s) is rewritten with its indexes", why, t.QName(), rowsPhrase(cur))),
			hazard(dialects.HazardAccessExclusiveLock, fmt.Sprintf("reads and writes of %s wait until the rewrite ends", t.QName())))
		if volatile {
			a.Hazards = append(a.Hazards, noKeyHazard(t, len(key) == 0))
		}
	}
	if !col.Nullable && col.Default == "" && col.Identity == "" && col.Generated == "" && !isSerialType(col.Type) {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardValidationMayFail,
			fmt.Sprintf("NOT NULL column %s has neither a default nor a backfill expression: the statement fails if %s has rows", col.Name, t.QName())))
	}
	return []dialects.Action{a}, nil
}

// noKeyHazard explains why a fill is not batched: no primary key, or a
// server older than PostgreSQL 12.
func noKeyHazard(t *schema.Table, noKey bool) dialects.Hazard {
	if noKey {
		return hazard(dialects.HazardNoSafeRecipe, fmt.Sprintf("%s has no primary key to batch by: the rows are filled by one statement", t.QName()))
	}
	return hazard(dialects.HazardNoSafeRecipe, "the batched backfill needs PostgreSQL 12 (COMMIT in a DO block, NOT NULL proved by a check): the rows are filled by one statement")
}

// plainAddColumn is ALTER TABLE … ADD COLUMN def (and its comment).
func (r recipeContext) plainAddColumn(c schema.AddColumn, def *schema.Column) dialects.Action {
	stmts := []string{alterTable(c.T, "ADD COLUMN "+RenderColumn(c.T, def, r.enumSchema()))}
	if c.C.Comment != "" {
		stmts = append(stmts, RenderComment("COLUMN", columnTarget(c.T, c.C.Name), c.C.Comment))
	}
	return briefAlter(dialects.PhaseExpand, c.T, fmt.Sprintf("add column %s to %s", c.C.Name, c.T.QName()), stmts,
		[]string{alterTable(c.T, "DROP COLUMN "+quoteIdent(c.C.Name))})
}

// addColumnUpdate adds a column with a backfill expression to a table that
// cannot be backfilled in batches: add it nullable, fill it with one
// UPDATE, then SET NOT NULL, in one transaction.
func (r recipeContext) addColumnUpdate(c schema.AddColumn) dialects.Action {
	t, col := c.T, c.C
	def := *col
	def.Nullable = true
	a := r.plainAddColumn(c, &def)
	fill := "UPDATE " + qualified(t.QName()) + " SET " + quoteIdent(col.Name) + " = (" + col.Backfill + ")"
	a.Statements = append(a.Statements[:1], append([]string{fill}, a.Statements[1:]...)...)
	if !col.Nullable {
		a.Statements = append(a.Statements, alterTable(t, "ALTER COLUMN "+quoteIdent(col.Name)+" SET NOT NULL"))
	}
	a.Rewrites, a.LongRunning, a.LockNote = true, true, noteRewrite
	a.Hazards = append(a.Hazards,
		hazard(dialects.HazardTableRewrite, fmt.Sprintf("every row of %s (%s) is updated in one statement to fill %s", t.QName(), rowsPhrase(r.currentTable(t)), col.Name)),
		hazard(dialects.HazardAccessExclusiveLock, fmt.Sprintf("reads and writes of %s wait until the update ends", t.QName())),
		noKeyHazard(t, len(r.primaryKeyOf(t)) == 0))
	return a
}

// addColumnVolatile adds a column whose default is volatile (safety rule
// 6): add it without a default and SET DEFAULT in the same transaction (new
// rows get it, existing rows are not touched), fill the existing rows with
// the default expression in batches, then, for NOT NULL, the online SET NOT
// NULL (check NOT VALID in the expand step, validated afterwards). The
// check holds for every row written from the expand on, rows not filled yet
// included (an old application's UPDATE, another column's backfill): a NOT
// NULL column also gets a sync trigger that fills it with the default on
// every write while it is NULL, dropped in the contract.
func (r recipeContext) addColumnVolatile(c schema.AddColumn, key []string) []dialects.Action {
	t, col := c.T, c.C
	q := t.QName()
	def := *col
	def.Default, def.Nullable = "", true
	add := r.plainAddColumn(c, &def)
	more := []string{alterTable(t, "ALTER COLUMN "+quoteIdent(col.Name)+" SET DEFAULT "+renderDefault(col.Default))}
	var create, drop []string
	if !col.Nullable {
		create, drop = SyncColumnTrigger(t, col.Name, "COALESCE("+quoteIdent(col.Name)+", "+col.Default+")")
		more = append(more, create...)
		more = append(more, addNotNullCheckSQL(t, col.Name))
		add.Rollback = append(append([]string{}, drop...), add.Rollback...)
	}
	add.Statements = append(add.Statements[:1], append(more, add.Statements[1:]...)...)
	add.Summary = fmt.Sprintf("add column %s to %s without a default, then SET DEFAULT %s for new rows", col.Name, q, col.Default)
	if !col.Nullable {
		add.Summary += ", and a trigger filling it on every write while it is NULL"
	}
	out := []dialects.Action{add,
		r.backfillAction(t, key, []dialects.Assignment{{Column: col.Name, Expr: col.Default}}, quoteIdent(col.Name)+" IS NULL",
			fmt.Sprintf("backfill %s.%s = %s for the existing rows", q, col.Name, col.Default))}
	if !col.Nullable {
		nn := setNotNullAction(t, col.Name) // the default fills every row; the column does not exist before the plan
		nn.Hazards = nn.Hazards[:1:1]
		nn.Hazards = append(nn.Hazards, hazard(dialects.HazardValidationMayFail,
			fmt.Sprintf("fails if %s yields NULL for a row of %s", col.Default, q)),
			hazard(dialects.HazardNonTransactional, "the three statements commit one by one; each is safe to run again"))
		out = append(out, nn, briefAlter(dialects.PhaseContract, t, fmt.Sprintf("drop the trigger filling %s.%s", q, col.Name), drop, create))
	}
	return out
}

// addColumnBackfill adds a column with a backfill expression (safety rule
// 5): add it nullable without a default, with a sync trigger that gives
// rows written during the migration COALESCE(col, backfill) (an old
// application does not know the column; a new one that sets it keeps its
// value); fill the existing rows in batches; prove NOT NULL online when the
// column must be; in the contract drop the trigger and set the default in
// one transaction. Until then, rows inserted without the column get the
// backfill expression rather than the default.
func (r recipeContext) addColumnBackfill(c schema.AddColumn, key []string) []dialects.Action {
	t, col := c.T, c.C
	q := t.QName()
	def := *col
	def.Default, def.Nullable = "", true
	add := r.plainAddColumn(c, &def)
	sync := "COALESCE(" + quoteIdent(col.Name) + ", " + col.Backfill + ")"
	create, drop := SyncColumnTrigger(t, col.Name, sync)
	more := append([]string{}, create...)
	if !col.Nullable {
		more = append(more, addNotNullCheckSQL(t, col.Name))
	}
	add.Statements = append(add.Statements[:1], append(more, add.Statements[1:]...)...)
	add.Rollback = append(append([]string{}, drop...), add.Rollback...)
	add.Summary = fmt.Sprintf("add column %s to %s and a trigger filling it with %s on every write", col.Name, q, col.Backfill)
	add.Hazards = append(add.Hazards, hazard(dialects.HazardValidationMayFail,
		fmt.Sprintf("from now on a write of %s fails when %s cannot be computed for its row", q, col.Backfill)))
	out := []dialects.Action{add,
		r.backfillAction(t, key, []dialects.Assignment{{Column: col.Name, Expr: col.Backfill}}, quoteIdent(col.Name)+" IS NULL",
			fmt.Sprintf("backfill %s.%s = %s for the existing rows", q, col.Name, col.Backfill))}
	if !col.Nullable {
		nn := setNotNullAction(t, col.Name)
		if !nullSafe(col.Backfill) {
			nn.Preflight = []dialects.Preflight{rowCheck(t, r.sampleKey(t), "not_null",
				fmt.Sprintf("rows of %s for which the backfill expression %s is NULL", q, col.Backfill),
				"("+col.Backfill+") IS NULL", exprColumns(t, col.Backfill))}
		}
		out = append(out, nn)
	}
	stmts := append([]string{}, drop...)
	back := append([]string{}, create...)
	if col.Default != "" {
		stmts = append(stmts, alterTable(t, "ALTER COLUMN "+quoteIdent(col.Name)+" SET DEFAULT "+renderDefault(col.Default)))
		back = append([]string{alterTable(t, "ALTER COLUMN "+quoteIdent(col.Name)+" DROP DEFAULT")}, back...)
	}
	summary := fmt.Sprintf("drop the trigger filling %s.%s", q, col.Name)
	if col.Default != "" {
		summary += ", set its default " + col.Default
	}
	end := briefAlter(dialects.PhaseContract, t, summary, stmts, back)
	return append(out, end)
}

// nullSafe reports whether a backfill expression can never be NULL: a
// non-NULL literal, an IS [NOT] NULL / IS [NOT] DISTINCT FROM test, or a
// COALESCE whose last argument is such a literal.
func nullSafe(expr string) bool {
	e := strings.ToLower(strings.TrimSpace(expr))
	for strings.HasPrefix(e, "(") && strings.HasSuffix(e, ")") && balanced(e[1:len(e)-1]) {
		e = strings.TrimSpace(e[1 : len(e)-1])
	}
	switch {
	case e == "" || e == "null":
		return false
	case strings.HasSuffix(e, " is null") || strings.HasSuffix(e, " is not null"):
		return !strings.Contains(e, " and ") && !strings.Contains(e, " or ")
	case e == "true" || e == "false":
		return true
	case strings.HasPrefix(e, "'") && strings.HasSuffix(e, "'") && !strings.Contains(e[1:len(e)-1], "'"):
		return true
	case strings.HasPrefix(e, "coalesce(") && strings.HasSuffix(e, ")"):
		args := e[len("coalesce(") : len(e)-1]
		i := strings.LastIndex(args, ",")
		return i >= 0 && nullSafe(args[i+1:])
	}
	for _, ch := range e {
		if (ch < '0' || ch > '9') && ch != '.' && ch != '-' {
			return false
		}
	}
	return true
}

// balanced reports whether the parentheses of s pair up.
func balanced(s string) bool {
	depth := 0
	for _, ch := range s {
		switch ch {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}
