package mysql

import (
	"fmt"
	"maps"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// alterColumn changes a column in place. A change of the default alone is
// ALTER COLUMN … SET/DROP DEFAULT, instant; anything else is one MODIFY
// COLUMN with the whole new definition, run with the strongest algorithm
// any of its parts needs:
//
//   - INSTANT: a default, an ON UPDATE, a comment (INPLACE on MySQL), an
//     integer display width, ENUM or SET members appended at the end
//     without growing the storage, and on MariaDB the changes of
//     recipes_instant.go (a longer VARCHAR, utf8mb3 to utf8mb4, a collation
//     of an unindexed column, NOT NULL to NULL in ROW_FORMAT=REDUNDANT);
//   - INPLACE with LOCK=NONE (a rebuild while reads and writes go on):
//     NULL ↔ NOT NULL, on MySQL a VARCHAR grown within its length-byte
//     class, on MariaDB a collation of an indexed column (its indexes are
//     rebuilt); LOCK=SHARED where the server refuses LOCK=NONE (see
//     rebuildAlgorithm);
//   - COPY (TABLE_COPY, with the gh-ost and pt-online-schema-change
//     command lines): every other type change, other character set
//     changes, AUTO_INCREMENT, generated columns, on MySQL a collation
//     change. A type change that may not keep every value (a narrowing, an
//     ENUM or SET member removed) fails on such a value, as apply's
//     sessions are strict; its pre-flight check counts those rows first
//     (recipes_narrow.go).
func (r recipeContext) alterColumn(c schema.AlterColumn) ([]dialects.Action, error) {
	t, from, to := c.T, c.From, c.To
	q := t.QName()
	if to.Using != "" {
		return nil, fmt.Errorf("column %s.%s: using is a PostgreSQL conversion; MySQL converts values itself, remove it", q, to.Name)
	}
	if c.Changes == schema.ChangeDefault {
		return r.alterDefault(t, from, to)
	}
	if r.mariaDB() && from.Attrs[schema.AttrVirtual] != to.Attrs[schema.AttrVirtual] {
		return r.regenerateColumn(t, from, to)
	}
	a, hazards, checks := r.modifyAlgorithm(t, from, to, c.Changes)
	back, _, _ := r.modifyAlgorithm(t, to, from, c.Changes)
	def, err := r.columnDef(t, to)
	if err != nil {
		return nil, err
	}
	old, err := r.columnDefWith(t, from, r.current(t))
	if err != nil {
		return nil, err
	}
	phase := dialects.PhaseExpand
	notNull := c.Changes.Has(schema.ChangeNull) && !to.Nullable
	if notNull {
		phase = dialects.PhaseValidate
	}
	act := r.alterAction(phase, t, a, fmt.Sprintf("change column %s.%s (%s)", q, to.Name, c.Changes),
		[]string{"MODIFY COLUMN " + def}, []string{r.alter(t, back, "MODIFY COLUMN "+old)})
	act.Hazards = append(act.Hazards, hazards...)
	act.Preflight = append(act.Preflight, checks...)
	// In place, only a change of nullability rebuilds the table; a
	// comment, an ON UPDATE or a longer VARCHAR is metadata.
	act.Rewrites = a == algoCopy || a != algoInstant && c.Changes.Has(schema.ChangeNull)
	act.Scans = act.Rewrites
	act.LongRunning = act.Rewrites
	if indexed, _ := r.columnIndexed(t, to.Name); indexed && a != algoInstant && a != algoCopy &&
		(c.Changes.Has(schema.ChangeCollation) || from.Attrs[schema.AttrCharset] != to.Attrs[schema.AttrCharset]) {
		act.Scans, act.LongRunning = true, true // the column's indexes are rebuilt
	}
	if notNull {
		act.Hazards = append(act.Hazards, r.notNullHazards(t, to.Name, a)...)
		act.Preflight = append(act.Preflight, r.notNullPreflight(t, to.Name, to.Backfill))
		if to.Backfill != "" {
			return []dialects.Action{r.fillNulls(t, to), act}, nil
		}
	}
	return []dialects.Action{act}, nil
}

// fillNulls is the backfill phase's step giving the rows where column c is
// NULL its backfill expression: a keyset-batched backfill over the table's
// key (see backfillKey), which the executor runs in short transactions
// with a checkpoint each and resumes after an interruption. A table
// without such a key is filled by one UPDATE, with a TABLE_SCAN hazard.
// Filled values cannot be told from values that were there, so a rollback
// leaves them (the column is nullable again once the later steps are
// undone).
func (r recipeContext) fillNulls(t *schema.Table, c *schema.Column) dialects.Action {
	q := t.QName()
	where := quoteIdent(c.Name) + " IS NULL"
	summary := fmt.Sprintf("fill %s.%s where it is NULL", q, c.Name)
	undo := []string{"DO 0 /* nothing to undo: the filled values stay */"}
	cur := r.current(t)
	if cur == nil {
		cur = t
	}
	key, types := backfillKey(cur)
	if key == nil {
		return dialects.Action{
			Phase:         dialects.PhaseBackfill,
			Summary:       summary,
			Statements:    []string{"UPDATE " + r.d.qualified(q) + " SET " + quoteIdent(c.Name) + " = (" + c.Backfill + ") WHERE " + where},
			Transactional: true,
			Lock:          LockRows,
			LockNote:      "row locks on every row it updates, held until the statement commits",
			Table:         tableRef(t),
			Scans:         true,
			LongRunning:   true,
			Rollback:      undo,
			Hazards: []dialects.Hazard{hazard(dialects.HazardTableScan,
				fmt.Sprintf("%s has no primary key or unique NOT NULL key to fill it in batches: one UPDATE writes every row it fills and holds their row locks until it commits; on a large table, add a primary key first", q))},
		}
	}
	size := DefaultBackfillBatchSize
	if r.env.BatchSize > 0 {
		size = r.env.BatchSize
	}
	b := dialects.Backfill{Table: q, Key: key, KeyTypes: types, Set: []dialects.Assignment{{Column: c.Name, Expr: c.Backfill}},
		Where: where, BatchSize: size}
	return dialects.Action{
		Phase:         dialects.PhaseBackfill,
		Summary:       summary,
		Statements:    r.d.BackfillStatements(b),
		Transactional: false,
		Lock:          LockRows,
		LockNote:      "row locks of one batch at a time, committed per batch; reads and writes continue",
		Table:         tableRef(t),
		Scans:         true,
		LongRunning:   true,
		Backfill:      &b,
		Rollback:      undo,
		Hazards: []dialects.Hazard{hazard(dialects.HazardNonTransactional,
			"commits after every batch: an interrupted backfill leaves the rows done so far; running it again is safe (it fills only the rows still NULL)")},
	}
}

// backfillKey returns the columns a backfill of t walks in batches
// (t.RowKey: the primary key, else a unique key on NOT NULL columns) and
// their types (see keyType); nil when t has none.
func backfillKey(t *schema.Table) (key, types []string) {
	key = t.RowKey()
	if len(key) == 0 {
		return nil, nil
	}
	for _, name := range key {
		types = append(types, keyType(t, t.Column(name)))
	}
	return append([]string(nil), key...), types
}

// regenerateColumn makes a column VIRTUAL or no longer VIRTUAL on MariaDB,
// which cannot MODIFY that (error 1907): the column is dropped and added
// again at its place in one ALTER (COPY). A generated column's values are
// computed, so nothing is lost; a VIRTUAL column that becomes a plain one
// is added back STORED first and then made plain (a MODIFY MariaDB can do),
// so that it keeps its values.
func (r recipeContext) regenerateColumn(t *schema.Table, from, to *schema.Column) ([]dialects.Action, error) {
	added := to
	if to.Generated == "" {
		stored := *from
		stored.Attrs = maps.Clone(from.Attrs)
		delete(stored.Attrs, schema.AttrVirtual)
		added = &stored
	}
	def, err := r.columnDef(t, added)
	if err != nil {
		return nil, err
	}
	old, err := r.columnDefWith(t, from, r.current(t))
	if err != nil {
		return nil, err
	}
	pos := r.columnPosition(t, to.Name)
	drop := "DROP COLUMN " + quoteIdent(from.Name)
	summary := fmt.Sprintf("make generated column %s.%s stored (drop and add)", t.QName(), to.Name)
	switch {
	case from.Generated == "":
		summary = fmt.Sprintf("make column %s.%s generated, virtual (drop and add)", t.QName(), to.Name)
	case to.Generated == "":
		summary = fmt.Sprintf("make generated column %s.%s a plain column (drop, add stored, modify)", t.QName(), to.Name)
	case to.Attrs[schema.AttrVirtual] == "true":
		summary = fmt.Sprintf("make generated column %s.%s virtual (drop and add)", t.QName(), to.Name)
	}
	act := r.alterAction(dialects.PhaseExpand, t, algoCopy, summary,
		[]string{drop, "ADD COLUMN " + def + pos}, []string{r.alter(t, algoCopy, drop, "ADD COLUMN "+old+pos)})
	if to.Generated == "" {
		plain, err := r.columnDef(t, to)
		if err != nil {
			return nil, err
		}
		act.Statements = append(act.Statements, r.alter(t, algoCopy, "MODIFY COLUMN "+plain))
	}
	return []dialects.Action{act}, nil
}

// alterDefault sets or drops a column's default, instantly.
func (r recipeContext) alterDefault(t *schema.Table, from, to *schema.Column) ([]dialects.Action, error) {
	clause := func(c *schema.Column) (string, error) {
		if c.Default == "" {
			return "ALTER COLUMN " + quoteIdent(c.Name) + " DROP DEFAULT", nil
		}
		def, err := defaultSQL(c.Type, c.Default)
		if err != nil {
			return "", fmt.Errorf("column %s.%s: default: %v", t.QName(), c.Name, err)
		}
		return "ALTER COLUMN " + quoteIdent(c.Name) + " SET DEFAULT " + def, nil
	}
	set, err := clause(to)
	if err != nil {
		return nil, err
	}
	summary := fmt.Sprintf("set the default of %s.%s", t.QName(), to.Name)
	if to.Default == "" {
		summary = fmt.Sprintf("drop the default of %s.%s", t.QName(), to.Name)
	}
	act := r.alterAction(dialects.PhaseExpand, t, algoInstant, summary, []string{set}, nil)
	if undo, err := clause(from); err == nil {
		act.Rollback = []string{r.alter(t, algoInstant, undo)}
	}
	return []dialects.Action{act}, nil
}

// modifyAlgorithm is the algorithm a MODIFY COLUMN from → to needs, with
// the hazards of its parts that the algorithm's own do not say and the
// pre-flight checks of the values it may not keep.
func (r recipeContext) modifyAlgorithm(t *schema.Table, from, to *schema.Column, changes schema.ColumnChange) (algorithm, []dialects.Hazard, []dialects.Preflight) {
	a := algoInstant
	var hazards []dialects.Hazard
	var checks []dialects.Preflight
	if changes.Has(schema.ChangeType) {
		ta, h, p := r.typeChangeAlgorithm(t, from, to)
		a = stronger(a, ta)
		hazards, checks = append(hazards, h...), append(checks, p...)
	}
	if changes.Has(schema.ChangeNull) {
		if to.Nullable {
			a = stronger(a, r.nullableAlgorithm(t))
		} else {
			a = stronger(a, r.rebuildAlgorithm(t))
		}
	}
	if changes.Has(schema.ChangeIdentity) || changes.Has(schema.ChangeGenerated) {
		a = stronger(a, algoCopy)
	}
	if changes.Has(schema.ChangeComment) {
		a = stronger(a, r.metadataAlgorithm())
	}
	if changes.Has(schema.ChangeCollation) || from.Attrs[schema.AttrCharset] != to.Attrs[schema.AttrCharset] {
		if r.mariaDB() {
			a = stronger(a, r.mariaCharsetAlgorithm(t, from, to))
		} else {
			a = stronger(a, algoCopy)
		}
	}
	if from.Attrs[schema.AttrVirtual] != to.Attrs[schema.AttrVirtual] {
		a = stronger(a, algoCopy)
	}
	if from.Attrs[schema.AttrOnUpdate] != to.Attrs[schema.AttrOnUpdate] {
		a = stronger(a, r.metadataAlgorithm())
	}
	return a, hazards, checks
}

// typeChangeAlgorithm is the algorithm a type change needs, with its
// hazards and pre-flight checks. A widening (every value fits the new type
// unchanged) has neither; a VARCHAR or VARBINARY grown is in place on MySQL
// within its length-byte class (else COPY), instant on MariaDB by the rule
// of recipes_instant.go.
func (r recipeContext) typeChangeAlgorithm(t *schema.Table, from, to *schema.Column) (algorithm, []dialects.Hazard, []dialects.Preflight) {
	if EqualIgnoringDisplayWidth(from.Type, to.Type) {
		return algoInstant, nil, nil
	}
	fb, fa := typeBase(from.Type)
	tb, ta := typeBase(to.Type)
	if fb == tb && (fb == "varchar" || fb == "varbinary") && len(fa) == 1 && len(ta) == 1 && ta[0] >= fa[0] {
		return r.lengthGrowthAlgorithm(t, from, to, fa[0], ta[0]), nil, nil
	}
	if fb == tb && (fb == "enum" || fb == "set") {
		return r.membersChange(t, from, to, fb)
	}
	if widening(from.Type, to.Type) {
		return algoCopy, nil, nil
	}
	h, p := r.narrowing(t, from, to)
	return algoCopy, h, p
}

// lengthGrowthAlgorithm is the algorithm of a VARCHAR or VARBINARY column
// growing from n to m characters (bytes for VARBINARY).
func (r recipeContext) lengthGrowthAlgorithm(t *schema.Table, from, to *schema.Column, n, m int) algorithm {
	fromLen, toLen := 1, 1
	if base, _ := typeBase(to.Type); base == "varchar" {
		cur, des := r.current(t), r.desired(t)
		if cur == nil {
			cur = t
		}
		if des == nil {
			des = t
		}
		fromLen, toLen = r.maxLen(r.columnCharset(cur, from)), r.maxLen(r.columnCharset(des, to))
		if !r.mariaDB() {
			fromLen = toLen // MySQL: a character set change is a COPY anyway
		}
	}
	if r.mariaDB() && r.mariaInstantColumns() {
		if r.redundant(t) || mariaLengthInstant(n*fromLen, m*toLen) {
			return algoInstant
		}
		return algoCopy
	}
	if (n*fromLen <= 255) == (m*toLen <= 255) {
		if r.mariaDB() {
			return algoInstant
		}
		return algoInplace
	}
	return algoCopy
}

// columnCharset is a character column's character set: its own, its
// table's, or the database's ("" when unknown).
func (r recipeContext) columnCharset(t *schema.Table, c *schema.Column) string {
	if cs := c.Attrs[schema.AttrCharset]; cs != "" {
		return cs
	}
	if c.Collation != "" {
		return r.d.Server.charsetOf(c.Collation)
	}
	if cs := t.Attrs[schema.AttrCharset]; cs != "" {
		return cs
	}
	if r.d.Server != nil {
		return r.d.Server.Charset
	}
	return ""
}

// knownMaxLen is the longest character in bytes of common character sets,
// for planning offline.
var knownMaxLen = map[string]int{"latin1": 1, "ascii": 1, "binary": 1, "utf8mb3": 3, "utf8mb4": 4, "ucs2": 2, "utf16": 4, "utf32": 4}

// maxLen is the longest character of a character set in bytes; 4 (the
// most) when unknown.
func (r recipeContext) maxLen(charset string) int {
	if r.d.Server != nil {
		if n := r.d.Server.MaxLen[charset]; n > 0 {
			return n
		}
	}
	if n := knownMaxLen[charset]; n > 0 {
		return n
	}
	return 4
}

// members returns the members of an enum or set type.
func members(typ string) ([]string, bool) {
	stmts, err := parseStatements("CREATE TABLE t (c " + typ + ")")
	if err != nil || len(stmts) != 1 {
		return nil, false
	}
	ct, ok := stmts[0].(*ast.CreateTableStmt)
	if !ok || len(ct.Cols) != 1 {
		return nil, false
	}
	return ct.Cols[0].Tp.GetElems(), true
}

// appended reports whether to is from with members added at the end.
func appended(from, to []string) bool {
	if len(to) < len(from) {
		return false
	}
	for i, m := range from {
		if m != to[i] {
			return false
		}
	}
	return true
}

// storageSize is the bytes an enum or set of n members takes.
func storageSize(kind string, n int) int {
	if kind == "enum" {
		if n <= 255 {
			return 1
		}
		return 2
	}
	switch b := (n + 7) / 8; {
	case b <= 4:
		return b
	default:
		return 8
	}
}

// keyType is the type of key column c of t as a backfill's KeyTypes give
// it: its type, and for a character string its character set and
// collation when the column or its table states them — a stored procedure
// that walks the key in variables of that type (BackfillStatements)
// compares them with the column's own collation, as the key's index is
// ordered.
func keyType(t *schema.Table, c *schema.Column) string {
	switch base, _ := typeBase(c.Type); base {
	case "char", "varchar", "tinytext", "text", "mediumtext", "longtext":
	default:
		return c.Type
	}
	charset, collation := c.Attrs[schema.AttrCharset], c.Collation
	if charset == "" && collation == "" {
		charset, collation = t.Attrs[schema.AttrCharset], t.Attrs[schema.AttrCollate]
	}
	typ := c.Type
	if charset != "" {
		typ += " CHARACTER SET " + charset
	}
	if collation != "" {
		typ += " COLLATE " + collation
	}
	return typ
}
