package postgres

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Renames (safety rule 9). A plain RENAME breaks every client still using
// the old name the moment it commits, so by default a rename is an
// expand/contract change: a table is renamed and a view under its old name
// (SELECT * of one table: automatically updatable) serves the old clients
// until the contract; a column gets a new column beside it, kept equal by a
// two-way trigger and backfilled, and the old column is dropped in the
// contract. Table.Rename = "direct" asks for the plain RENAME.

// renameDirect is the table's opt-out of the expand/contract rename.
const renameDirect = "direct"

// renameColumn renames a column (see above). The plain RENAME COLUMN is kept
// when the table asks for it, and where a second column cannot stand in for
// the first (renameRefusal), with a hazard saying why.
func (r recipeContext) renameColumn(c schema.RenameColumn) []dialects.Action {
	cur := r.currentTable(c.T)
	if c.T.Rename == renameDirect {
		return []dialects.Action{r.directRenameColumn(c, "")}
	}
	if why := r.renameRefusal(c, cur); why != "" {
		return []dialects.Action{r.directRenameColumn(c, why)}
	}
	return r.expandRenameColumn(c, cur)
}

// directRenameColumn is ALTER TABLE … RENAME COLUMN; why, when set, says
// why the expand/contract rename was not possible.
func (r recipeContext) directRenameColumn(c schema.RenameColumn, why string) dialects.Action {
	a := briefAlter(dialects.PhaseExpand, c.T, fmt.Sprintf("rename column %s.%s to %s", c.T.QName(), c.From.Name, c.To.Name),
		[]string{alterTable(c.T, "RENAME COLUMN "+quoteIdent(c.From.Name)+" TO "+quoteIdent(c.To.Name))},
		[]string{alterTable(c.T, "RENAME COLUMN "+quoteIdent(c.To.Name)+" TO "+quoteIdent(c.From.Name))})
	a.Hazards = []dialects.Hazard{hazard(dialects.HazardBreaksClients,
		fmt.Sprintf("clients still using column %s fail as soon as the rename commits", c.From.Name))}
	if why != "" {
		a.Hazards = append(a.Hazards, hazard(dialects.HazardNoSafeRecipe, "renamed in place: "+why))
	}
	return a
}

// renameRefusal says why column c.From cannot be renamed expand/contract,
// or "".
func (r recipeContext) renameRefusal(c schema.RenameColumn, cur *schema.Table) string {
	from := c.From
	switch {
	case cur == nil || r.isNew(c.T):
		return "the table is new"
	case !r.versionAtLeast(12):
		return fmt.Sprintf("the batched backfill needs PostgreSQL 12; the server is %s", r.env.Version)
	case cur.PrimaryKey == nil:
		return fmt.Sprintf("%s has no primary key to backfill the new column by", c.T.QName())
	case contains(cur.PrimaryKey.Columns, from.Name):
		return fmt.Sprintf("%s is part of the primary key, which cannot be moved to another column without rebuilding it and every foreign key to it", from.Name)
	case from.Identity != "" || from.Generated != "" || isSerialType(from.Type):
		return fmt.Sprintf("%s is an identity, serial or generated column, whose values cannot be copied to a second column", from.Name)
	}
	if fk := r.foreignKeyUsing(cur, from.Name); fk != "" {
		return fmt.Sprintf("%s is a column of foreign key %s, which would have to be rebuilt on the new column", from.Name, fk)
	}
	return ""
}

// expandRenameColumn renames a column expand/contract: expand adds the new
// column (the old one's type, nullable, its default for new rows) and the
// two-way trigger (RenameSyncTrigger), and copies the indexes and
// constraints on the old column; backfill sets new = old; validate proves
// NOT NULL and the copied checks; contract drops the trigger, moves the old
// objects aside and gives the copies their names, and drops the old column.
func (r recipeContext) expandRenameColumn(c schema.RenameColumn, cur *schema.Table) []dialects.Action {
	t := tableAs(cur, c.T)
	q := t.QName()
	from, to := c.From, c.To
	oldName, newName := from.Name, to.Name
	notNull := !from.Nullable && !to.Nullable
	// A type change that rewrites the table is done by the rename itself:
	// the new column has the new type, the trigger and the backfill convert.
	retype := r.renameRetypes(c.T, cur, from, to)
	newType, newCollation, newDefault := from.Type, from.Collation, from.Default
	copyExpr, copyShown, toNew, toOld := quoteIdent(oldName), oldName, "", ""
	if retype {
		newType, newCollation, newDefault = to.Type, to.Collation, to.Default
		toNew, toOld = r.conversion(t, from, to), r.conversion(t, to, from)
		copyExpr, copyShown = toNew, toNew
	}

	def := &schema.Column{Name: newName, Type: newType, Nullable: true, Collation: newCollation}
	withNew := *t
	withNew.Columns = append(append([]*schema.Column{}, t.Columns...), &schema.Column{Name: newName, Type: newType, Nullable: true, Default: newDefault})
	create, drop := RenameConvertTrigger(&withNew, oldName, newName, toNew, toOld)
	stmts := []string{alterTable(t, "ADD COLUMN "+RenderColumn(t, def, r.enumSchema()))}
	if newDefault != "" {
		stmts = append(stmts, alterTable(t, "ALTER COLUMN "+quoteIdent(newName)+" SET DEFAULT "+renderDefault(newDefault)))
	}
	stmts = append(stmts, create...)
	if notNull {
		stmts = append(stmts, addNotNullCheckSQL(t, newName))
	}
	if from.Comment != "" {
		stmts = append(stmts, RenderComment("COLUMN", columnTarget(t, newName), from.Comment))
	}
	add := briefAlter(dialects.PhaseExpand, t,
		fmt.Sprintf("add column %s beside %s.%s and a trigger keeping the two equal", newName, q, oldName),
		stmts, append(append([]string{}, drop...), alterTable(t, "DROP COLUMN IF EXISTS "+quoteIdent(newName))))
	if retype {
		add.Summary = fmt.Sprintf("add column %s (%s) beside %s.%s (%s) and a trigger keeping the two equal: %s = %s, %s = %s",
			newName, newType, q, oldName, from.Type, newName, toNew, oldName, toOld)
		add.Hazards = []dialects.Hazard{
			hazard(dialects.HazardValidationMayFail, fmt.Sprintf("from now on a write of %s fails when %s cannot convert its %s", q, toNew, oldName)),
			hazard(dialects.HazardValidationMayFail, fmt.Sprintf("until the contract, a write that sets %s fails when %s cannot convert it back for %s", newName, toOld, oldName)),
		}
	}
	out := []dialects.Action{add}

	move := r.newColumnMove(t, r.desiredTable(c.T), oldName, newName)
	out = append(out, move.expand(r)...)
	fill := r.backfillAction(t, r.primaryKeyOf(c.T), []dialects.Assignment{{Column: newName, Expr: copyExpr}},
		quoteIdent(newName)+" IS DISTINCT FROM "+parenthesized(copyExpr),
		fmt.Sprintf("backfill %s.%s = %s", q, newName, copyShown))
	if retype {
		fill.Hazards = append(fill.Hazards, hazard(dialects.HazardValidationMayFail,
			fmt.Sprintf("stops at the first row of %s whose %s cannot be converted to %s", q, oldName, newType)))
	}
	out = append(out, fill)
	out = append(out, move.validate()...)
	if notNull {
		nn := setNotNullAction(t, newName) // copied from a NOT NULL column
		out = append(out, nn)
	}

	swap := append([]string{}, drop...)
	var back []string
	var release []string
	if !from.Nullable {
		release = append(release, "ALTER COLUMN "+quoteIdent(oldName)+" DROP NOT NULL")
	}
	if from.Default != "" {
		release = append(release, "ALTER COLUMN "+quoteIdent(oldName)+" DROP DEFAULT")
	}
	if len(release) > 0 {
		// Writers of the new version leave the old column out.
		swap = append(swap, alterTable(t, release...))
	}
	objs, objsBack := move.swap(newName)
	swap = append(swap, objs...)
	back = append(back, objsBack...)
	var restore []string
	if from.Default != "" {
		restore = append(restore, "ALTER COLUMN "+quoteIdent(oldName)+" SET DEFAULT "+renderDefault(from.Default))
	}
	if !from.Nullable {
		restore = append(restore, "ALTER COLUMN "+quoteIdent(oldName)+" SET NOT NULL")
	}
	if len(restore) > 0 {
		back = append(back, alterTable(t, restore...))
	}
	for _, s := range move.seqs {
		back = append(back, "ALTER SEQUENCE "+qualified(s.QName())+" OWNED BY "+qualified(q)+"."+quoteIdent(oldName))
	}
	back = append(back, create...)
	summary := fmt.Sprintf("swap %s.%s for %s: drop the trigger, release the old column", q, oldName, newName)
	if n := move.names(); n != "" {
		summary += "; the copies of " + n + " take their names"
	}
	out = append(out, briefAlter(dialects.PhaseContract, t, summary, swap, back))
	end := briefAlter(dialects.PhaseContract, t, fmt.Sprintf("drop %s.%s, renamed to %s", q, oldName, newName),
		[]string{alterTable(t, "DROP COLUMN IF EXISTS "+quoteIdent(oldName))}, nil)
	end.Irreversible = true
	return append(out, end)
}

// parenthesized wraps an expression in parentheses unless it is a plain
// quoted column name.
func parenthesized(expr string) string {
	if strings.HasPrefix(expr, `"`) && strings.HasSuffix(expr, `"`) && strings.Count(expr, `"`)%2 == 0 && !strings.ContainsAny(expr, " :()") {
		return expr
	}
	return "(" + expr + ")"
}

// renameRetypes reports whether the rename of column from into to of table
// t (desired name; cur its current definition) also carries out its type
// change: the rename is expand/contract and the type change would rewrite
// the table, so the new column is created with the new type and the
// AlterColumn of the same column leaves the type (and with it the
// collation and the default) alone.
func (r recipeContext) renameRetypes(t, cur *schema.Table, from, to *schema.Column) bool {
	return cur != nil && from.Name != to.Name && from.Type != to.Type && !binaryCoercible(from.Type, to.Type) &&
		r.renameRetypeRefusal(t, cur, from, to) == ""
}

// renameRetypeRefusal says why the rename of column from into to cannot
// carry out its type change (see renameRetypes), or "".
func (r recipeContext) renameRetypeRefusal(t, cur *schema.Table, from, to *schema.Column) string {
	switch {
	case t.Rename == renameDirect:
		return "the column is renamed directly (rename = \"direct\") in the same plan, and keeps its type until the rewrite"
	case to.Identity != "" || to.Generated != "" || isSerialType(to.Type):
		return "the column is renamed in the same plan and becomes an identity, serial or generated column"
	case to.Using != "":
		return "the column is renamed in the same plan and its conversion (using) cannot be reversed for the old column, which old clients still write"
	}
	if why := r.renameRefusal(schema.RenameColumn{T: t, From: from, To: to}, cur); why != "" {
		return "the column is renamed directly in the same plan (" + why + ")"
	}
	return ""
}

// renameTable renames (and/or moves) a table. Unless the table asks for a
// direct rename, a view under the old name (SELECT * FROM the new one, which
// PostgreSQL can update) is created in the same transaction, so that clients
// using the old name keep working until the contract drops it. The view
// holds every column of the table, so when the plan changes a column's type
// or generated expression in place (which a view reading the column
// forbids), the rename is direct, with a hazard saying so.
func (r recipeContext) renameTable(c schema.RenameTable) []dialects.Action {
	from, to := c.From.QName(), c.To.QName()
	var stmts, rollback []string
	cur := from
	if from.Schema != to.Schema {
		stmts = append(stmts, "ALTER TABLE "+qualified(cur)+" SET SCHEMA "+quoteIdent(to.Schema))
		cur.Schema = to.Schema
	}
	if from.Name != to.Name {
		stmts = append(stmts, "ALTER TABLE "+qualified(cur)+" RENAME TO "+quoteIdent(to.Name))
	}
	back := to
	if from.Name != to.Name {
		rollback = append(rollback, "ALTER TABLE "+qualified(back)+" RENAME TO "+quoteIdent(from.Name))
		back.Name = from.Name
	}
	if from.Schema != to.Schema {
		rollback = append(rollback, "ALTER TABLE "+qualified(back)+" SET SCHEMA "+quoteIdent(from.Schema))
	}
	a := briefAlter(dialects.PhaseExpand, c.To, fmt.Sprintf("rename table %s to %s", from, to), stmts, rollback)
	why := r.viewShimRefusal(c)
	if c.To.Rename == renameDirect || why != "" {
		a.Hazards = []dialects.Hazard{hazard(dialects.HazardBreaksClients,
			fmt.Sprintf("clients still using %s fail as soon as the rename commits", from))}
		if why != "" && c.To.Rename != renameDirect {
			a.Hazards = append(a.Hazards, hazard(dialects.HazardNoSafeRecipe, "renamed without a view under the old name: "+why))
		}
		return []dialects.Action{a}
	}
	view := "CREATE VIEW " + qualified(from) + " AS SELECT * FROM " + qualified(to)
	dropView := "DROP VIEW IF EXISTS " + qualified(from)
	a.Summary = fmt.Sprintf("rename table %s to %s; view %s keeps the old name working", from, to, from)
	a.Statements = append(a.Statements, view)
	a.Rollback = append([]string{dropView}, a.Rollback...)
	end := dialects.Action{
		Phase:         dialects.PhaseContract,
		Summary:       fmt.Sprintf("drop view %s, which kept the old name of %s working", from, to),
		Statements:    []string{dropView},
		Transactional: true,
		Lock:          LockAccessExclusive,
		LockNote:      "on the view only, brief",
		Rollback:      []string{view},
	}
	return []dialects.Action{a, end}
}

// viewShimRefusal says why the table renamed by c cannot have a view under
// its old name while the plan runs, or "".
func (r recipeContext) viewShimRefusal(c schema.RenameTable) string {
	if !r.versionAtLeast(10) {
		return "the server is too old"
	}
	des := r.desiredTable(c.To)
	if des == nil {
		des = c.To
	}
	for _, from := range c.From.Columns {
		to := des.Column(from.Name)
		if to == nil {
			continue
		}
		if from.Generated != to.Generated || (from.Type != to.Type && !r.typeSwapped(des, to.Name)) ||
			from.Collation != to.Collation {
			return fmt.Sprintf("column %s changes in place in the same plan, which a view reading it would forbid", from.Name)
		}
	}
	return ""
}
