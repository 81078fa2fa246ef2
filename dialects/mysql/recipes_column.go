package mysql

import (
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Recipes for columns.

// addColumn adds a column at the end of the table, INSTANT where the
// server can (MySQL 8.0.12+, MariaDB 10.3+), else as the server must:
//
//   - an AUTO_INCREMENT or stored generated column, or an expression
//     default other than the current time without a backfill, fills every
//     row: COPY (the TABLE_COPY hazard names the backfill alternative);
//   - a table with a FULLTEXT index is rebuilt in place with LOCK=SHARED
//     (writes wait); MySQL before 8.0.29 rebuilds in place (LOCK=NONE, or
//     SHARED as onlineAlgorithm says) to add a column elsewhere than at the
//     end, before 8.0.12 anywhere;
//   - the column goes where the desired table has it (AFTER / FIRST);
//   - with a backfill expression, the column is added nullable and without
//     its default (then given the default in a step of its own, so that
//     only the rows that existed are NULL), filled in keyset batches in the
//     backfill phase (see fillNulls), and made NOT NULL in the validate
//     phase when it must be;
//   - a NOT NULL column without a default gives existing rows the type's
//     implicit default (0, ”, a zero date), and writers that do not set it
//     fail in strict mode: BREAKS_CLIENTS.
func (r recipeContext) addColumn(c schema.AddColumn) ([]dialects.Action, error) {
	t, col := c.T, c.C
	q := t.QName()
	if col.Using != "" {
		return nil, fmt.Errorf("column %s.%s: using is a PostgreSQL conversion; MySQL converts values itself, remove it", q, col.Name)
	}
	a := algoInstant
	why := ""
	stored := col.Generated != "" && col.Attrs[schema.AttrVirtual] != "true"
	backfill := col.Backfill != "" && col.Generated == ""
	switch {
	case col.Identity != "" || stored || !literalDefault(col.Default) && !backfill:
		a = algoCopy
	case r.hasFulltext(t):
		a, why = algoInplaceShared, fmt.Sprintf("%s has a FULLTEXT index, so the column cannot be added instantly:", q)
	case !r.mariaDB() && !r.mysqlAtLeast(8, 0, 12):
		a, why = r.onlineAlgorithm(t), "MySQL adds columns instantly from 8.0.12 on:"
	case !r.mariaDB() && !r.mysqlAtLeast(8, 0, 29) && r.columnPosition(t, col.Name) != "":
		a, why = r.onlineAlgorithm(t), "MySQL adds columns instantly elsewhere than at the end from 8.0.29 on:"
	}
	added := *col
	if backfill {
		// Existing rows must be NULL for the backfill to find them: the
		// column comes without its default, which a second instant ALTER
		// gives it for the rows inserted from then on.
		added.Nullable, added.Default = true, ""
	}
	def, err := r.columnDef(t, &added)
	if err != nil {
		return nil, err
	}
	clauses := []string{"ADD COLUMN " + def + r.columnPosition(t, col.Name)}
	if col.Identity != "" {
		// The server wants an AUTO_INCREMENT column's key in the same
		// statement; addIndex and addPrimaryKey leave that key out.
		key, err := r.autoIncrementKeyClause(t, col.Name)
		if err != nil {
			return nil, err
		}
		clauses = append(clauses, key)
	}
	undo := r.dropColumnAlgorithm(t)
	if col.Identity != "" {
		undo = algoInplace // its key goes too, which no server drops instantly
	}
	drop := r.alter(t, undo, "DROP COLUMN "+quoteIdent(col.Name))
	add := r.alterAction(dialects.PhaseExpand, t, a, fmt.Sprintf("add column %s to %s", col.Name, q), clauses, []string{drop})
	switch a {
	case algoInplace:
		add.Rewrites, add.Scans = true, true
		add.Hazards = append(add.Hazards, hazard(dialects.HazardTableRewrite,
			fmt.Sprintf("%s the server rebuilds %s in place while reads and writes continue", why, q)))
	case algoInplaceShared:
		add.Rewrites = true
		add.Hazards = append(add.Hazards, hazard(dialects.HazardTableRewrite,
			fmt.Sprintf("%s the server rebuilds %s in place while writes wait (LOCK=SHARED)", why, q)))
	case algoCopy:
		if !literalDefault(col.Default) && !backfill {
			for i, h := range add.Hazards {
				if h.Code == dialects.HazardTableCopy {
					add.Hazards[i].Message += fmt.Sprintf("; or, to fill the existing rows in batches without copying the table, give the column backfill = %q "+
						"in the desired schema: tide then adds it without a default, sets the default %s for the rows inserted from then on, "+
						"and fills the existing rows with %s in keyset batches", col.Default, col.Default, col.Default)
					if !col.Nullable {
						add.Hazards[i].Message += ", then makes it NOT NULL"
					}
				}
			}
		}
	}
	if !col.Nullable && col.Default == "" && col.Generated == "" && col.Identity == "" && !backfill {
		add.Hazards = append(add.Hazards, hazard(dialects.HazardBreaksClients,
			fmt.Sprintf("%s.%s is NOT NULL without a default: existing rows get the type's implicit default (0, '' or a zero date), "+
				"and inserts that do not set it fail in strict mode until every writer sets it; give it a default or a backfill", q, col.Name)))
	}
	actions := []dialects.Action{add}
	if !backfill {
		return actions, nil
	}
	if col.Default != "" {
		// A step of its own: DDL commits by itself, so a step of two ALTERs
		// stopped between them could not be run again from its start.
		def, err := defaultSQL(col.Type, col.Default)
		if err != nil {
			return nil, fmt.Errorf("column %s.%s: default: %v", q, col.Name, err)
		}
		set := r.alterAction(dialects.PhaseExpand, t, algoInstant, fmt.Sprintf("set the default of %s.%s for the rows inserted from now on", q, col.Name),
			[]string{"ALTER COLUMN " + quoteIdent(col.Name) + " SET DEFAULT " + def},
			[]string{r.alter(t, algoInstant, "ALTER COLUMN "+quoteIdent(col.Name)+" DROP DEFAULT")})
		actions = append(actions, set)
	}
	fill := r.fillNulls(t, col)
	fill.Summary = fmt.Sprintf("fill %s.%s for the existing rows", q, col.Name)
	actions = append(actions, fill)
	if !col.Nullable {
		def, err := r.columnDef(t, col)
		if err != nil {
			return nil, err
		}
		nullable := *col
		nullable.Nullable = true
		undo, err := r.columnDef(t, &nullable)
		if err != nil {
			return nil, err
		}
		rebuild := r.rebuildAlgorithm(t)
		nn := r.alterAction(dialects.PhaseValidate, t, rebuild, fmt.Sprintf("make %s.%s NOT NULL", q, col.Name),
			[]string{"MODIFY COLUMN " + def}, []string{r.alter(t, rebuild, "MODIFY COLUMN "+undo)})
		nn.Rewrites, nn.Scans = true, true
		nn.Hazards = append(nn.Hazards, r.notNullHazards(t, col.Name, rebuild)...)
		nn.Preflight = []dialects.Preflight{r.notNullPreflight(t, col.Name, col.Backfill)}
		actions = append(actions, nn)
	}
	return actions, nil
}

// literalDefault reports whether a default is no default, a literal or the
// current time, which the server can add without touching the rows.
func literalDefault(def string) bool {
	if def == "" {
		return true
	}
	n, err := parseExpr(def)
	return err == nil && isLiteral(unparen(n))
}

// hasFulltext reports whether the current table has a FULLTEXT index.
func (r recipeContext) hasFulltext(t *schema.Table) bool {
	cur := r.current(t)
	if cur == nil {
		cur = t
	}
	for _, ix := range cur.Indexes {
		if ix.Using == "fulltext" {
			return true
		}
	}
	return false
}

// dropColumnAlgorithm is INSTANT on MariaDB and MySQL 8.0.29+, else an
// in-place rebuild (onlineAlgorithm); on a table with a FULLTEXT index
// INPLACE with LOCK=SHARED.
func (r recipeContext) dropColumnAlgorithm(t *schema.Table) algorithm {
	switch {
	case r.hasFulltext(t):
		return r.rebuildAlgorithm(t)
	case r.mariaDB() || r.mysqlAtLeast(8, 0, 29):
		return algoInstant
	}
	return r.onlineAlgorithm(t)
}

// columnPosition places an added column where the desired table has it:
// "" at the end, else " AFTER `previous`" or " FIRST".
func (r recipeContext) columnPosition(t *schema.Table, name string) string {
	des := t
	if dt := r.desired(t); dt != nil {
		des = dt
	}
	for i, c := range des.Columns {
		switch {
		case c.Name != name:
		case i == len(des.Columns)-1:
			return ""
		case i == 0:
			return " FIRST"
		default:
			return " AFTER " + quoteIdent(des.Columns[i-1].Name)
		}
	}
	return ""
}

func (r recipeContext) dropColumn(c schema.DropColumn) dialects.Action {
	a := r.dropColumnAlgorithm(c.T)
	act := r.alterAction(dialects.PhaseContract, c.T, a, fmt.Sprintf("drop column %s from %s", c.C.Name, c.T.QName()),
		[]string{"DROP COLUMN " + quoteIdent(c.C.Name)}, nil)
	switch a {
	case algoInplace:
		act.Rewrites, act.Scans = true, true
	case algoInplaceShared:
		act.Rewrites, act.Scans = true, true
		act.Hazards = append(act.Hazards, hazard(dialects.HazardTableRewrite,
			fmt.Sprintf("writes to %s wait (LOCK=SHARED) while the server rebuilds it in place without the column", c.T.QName())))
	}
	act.Irreversible = true
	act.Hazards = append(act.Hazards, hazard(dialects.HazardDeletesData,
		fmt.Sprintf("the values of %s.%s are deleted, and indexes on it lose the column; cannot be undone", c.T.QName(), c.C.Name)))
	return act
}

// renameColumn renames with RENAME COLUMN (MySQL 8.0, MariaDB 10.5),
// instant on MariaDB and MySQL 8.0.28+; clients using the old name break.
func (r recipeContext) renameColumn(c schema.RenameColumn) dialects.Action {
	a := algoInplace
	if r.mariaDB() || r.mysqlAtLeast(8, 0, 28) {
		a = algoInstant
	}
	q := c.T.QName()
	act := r.alterAction(dialects.PhaseExpand, c.T, a, fmt.Sprintf("rename column %s.%s to %s", q, c.From.Name, c.To.Name),
		[]string{"RENAME COLUMN " + quoteIdent(c.From.Name) + " TO " + quoteIdent(c.To.Name)},
		[]string{r.alter(c.T, a, "RENAME COLUMN "+quoteIdent(c.To.Name)+" TO "+quoteIdent(c.From.Name))})
	act.LongRunning = false
	act.Hazards = append(act.Hazards, hazard(dialects.HazardBreaksClients,
		fmt.Sprintf("clients still using %s.%s fail from the moment the rename runs; deploy code that uses %s first", q, c.From.Name, c.To.Name)))
	return act
}

// columnDef renders a column definition for ADD or MODIFY COLUMN. On
// MariaDB a check named after the column is the column's own (see
// columnCheck): MODIFY COLUMN drops it unless it is stated again, so it is.
func (r recipeContext) columnDef(t *schema.Table, c *schema.Column) (string, error) {
	return r.columnDefWith(t, c, r.desired(t))
}

// columnDefWith is columnDef with the column's own check taken from table
// checks (the current table, for a rollback), nil for none.
func (r recipeContext) columnDefWith(t *schema.Table, c *schema.Column, checks *schema.Table) (string, error) {
	def, err := r.d.ColumnSQL(t, c)
	if err != nil {
		return "", err
	}
	if r.mariaDB() && checks != nil {
		if k := columnCheck(checks, c.Name); k != nil {
			def += " CHECK (" + k.Expr + ")"
		}
	}
	return def, nil
}

// columnCheck returns t's check named like column name — on MariaDB the
// check declared in the column's definition — or nil.
func columnCheck(t *schema.Table, name string) *schema.Check {
	if t.Column(name) == nil {
		return nil
	}
	for _, k := range t.Checks {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// rebuildAlgorithm is how an existing table is rebuilt in place: with
// LOCK=NONE, or LOCK=SHARED when it has a FULLTEXT index (the servers
// refuse LOCK=NONE then) or where onlineAlgorithm says so.
func (r recipeContext) rebuildAlgorithm(t *schema.Table) algorithm {
	if r.hasFulltext(t) {
		return algoInplaceShared
	}
	return r.onlineAlgorithm(t)
}

// onlineAlgorithm is the algorithm of an in-place operation that logs the
// writes made while it works and applies them at its end — an index build
// or a table rebuild: INPLACE with LOCK=NONE, except on MySQL for a table
// with ON DELETE/UPDATE CASCADE or SET NULL foreign keys, where MySQL
// refuses LOCK=NONE ("Online DDL Limitations": the rows such a key changes
// in this table when the referenced one is written are not logged):
// LOCK=SHARED, with a hazard saying that writes wait (alterAction).
// MariaDB has no such limit (checked on 10.11: an index, a unique index, a
// primary key, NOT NULL, NULL, adding and dropping a column and a rebuild
// all take LOCK=NONE on such a table). Operations that change metadata
// only (dropping or renaming an index, a longer VARCHAR, a comment) log
// nothing and keep LOCK=NONE.
func (r recipeContext) onlineAlgorithm(t *schema.Table) algorithm {
	if !r.mariaDB() && len(r.cascadingForeignKeys(t)) > 0 {
		return algoInplaceShared
	}
	return algoInplace
}

// notNullHazards are the hazards of making a column NOT NULL with
// algorithm a.
func (r recipeContext) notNullHazards(t *schema.Table, col string, a algorithm) []dialects.Hazard {
	how := "rebuilt in place (reads and writes continue)"
	switch a {
	case algoInplaceShared:
		how = "rebuilt in place while writes wait (LOCK=SHARED)"
	case algoCopy:
		how = "copied"
	}
	return []dialects.Hazard{
		hazard(dialects.HazardTableRewrite, fmt.Sprintf("%s is %s to make %s NOT NULL", t.QName(), how, col)),
		hazard(dialects.HazardValidationMayFail, fmt.Sprintf("fails if a row of %s has %s NULL (the pre-flight check counts them); needs a strict sql_mode", t.QName(), col)),
	}
}

// notNullPreflight counts the rows a NOT NULL would refuse: those where
// col is NULL and, when the plan fills it first with the backfill
// expression (SQL on the table's columns, "" = none), where that is NULL
// too. It runs before the plan's first step, or (on a column the plan adds)
// just before the NOT NULL step. Its sample shows up to 5 of the rows by
// their key (see backfillKey) — or, on a table without one, by all their
// columns — and the column itself.
func (r recipeContext) notNullPreflight(t *schema.Table, col, backfill string) dialects.Preflight {
	from := r.d.qualified(t.QName())
	where := " WHERE " + quoteIdent(col) + " IS NULL"
	description := fmt.Sprintf("rows of %s where %s is NULL", t.QName(), col)
	if backfill != "" {
		where += " AND (" + backfill + ") IS NULL"
		description += fmt.Sprintf(" and its backfill %s is NULL too", backfill)
	}
	cols := r.sampleColumns(t, col)
	return dialects.Preflight{
		Kind:        "not_null",
		Description: description,
		SQL:         "SELECT count(*) FROM " + from + where,
		SampleSQL:   "SELECT " + quoteIdents(cols) + " FROM " + from + where + " LIMIT 5",
	}
}

// autoIncrementKey returns the key of desired table t that an
// AUTO_INCREMENT column name the plan adds is created with: the primary key
// when it begins with the column, else the first index that does. The
// server refuses an AUTO_INCREMENT column that no key begins with.
func autoIncrementKey(t *schema.Table, name string) (pk bool, ix *schema.Index) {
	if t.PrimaryKey != nil && len(t.PrimaryKey.Columns) > 0 && t.PrimaryKey.Columns[0] == name {
		return true, nil
	}
	for _, i := range t.Indexes {
		if len(i.Parts) > 0 && i.Parts[0].Column == name && i.Parts[0].Expr == "" {
			return false, i
		}
	}
	return false, nil
}

// addedAutoIncrement reports whether column name of desired table t is an
// AUTO_INCREMENT column the plan adds to an existing table.
func (r recipeContext) addedAutoIncrement(t *schema.Table, name string) bool {
	cur := r.current(t)
	c := t.Column(name)
	if dt := r.desired(t); dt != nil {
		c = dt.Column(name)
	}
	return cur != nil && cur.Column(name) == nil && c != nil && c.Identity != ""
}

// autoIncrementKeyClause is the ADD clause of the key an added
// AUTO_INCREMENT column comes with.
func (r recipeContext) autoIncrementKeyClause(t *schema.Table, name string) (string, error) {
	des := t
	if dt := r.desired(t); dt != nil {
		des = dt
	}
	pk, ix := autoIncrementKey(des, name)
	switch {
	case pk:
		clause := "ADD PRIMARY KEY (" + quoteIdents(des.PrimaryKey.Columns) + ")"
		if cur := r.current(t); cur != nil && cur.PrimaryKey != nil {
			clause = "DROP PRIMARY KEY, " + clause
		}
		return clause, nil
	case ix != nil:
		def, err := IndexSQL(des, ix)
		if err != nil {
			return "", err
		}
		return "ADD " + def, nil
	}
	return "", fmt.Errorf("column %s.%s is auto_increment, which MySQL allows only on a column a key begins with; add a primary key or index that begins with it", t.QName(), name)
}
