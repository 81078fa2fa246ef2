package postgres

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Expand/contract column moves
//
// A type change that rewrites the table (shadow column) and a column rename
// (new column beside the old one) both build a second column next to the
// one they replace, keep it in step with a trigger, fill it in batches and,
// in the contract, let it take the old column's place. The indexes, unique
// constraints and checks of the table that use the old column are copied
// onto the new one before the swap (indexes CONCURRENTLY under a temporary
// name, checks NOT VALID then validated), and the swap transaction moves the
// old objects aside and gives the copies their real names; dropping the old
// column later drops the old objects with it. columnMove holds that shared
// part.

// Suffixes of the objects of a column move.
const (
	copySuffix  = "__tide_copy" // a copy built on the new column
	asideSuffix = "__tide_old"  // an old object moved aside by the swap
)

// columnMove is the plan of copying the objects that use column src of
// table t onto column dst.
type columnMove struct {
	// t is the table with its current structure under the name it has while
	// the plan runs (its desired name when the plan renames it).
	t        *schema.Table
	src, dst string
	indexes  []*schema.Index // current indexes using src that the desired state keeps
	uniques  []*schema.Unique
	checks   []*schema.Check
	// seqs are the sequences owned by src, to be owned by the new column.
	seqs []*schema.Sequence
}

// tableAs returns a copy of the current table cur under the name of t (the
// name it has while the plan runs), sharing cur's columns and objects.
func tableAs(cur, t *schema.Table) *schema.Table {
	c := *cur
	c.Schema, c.Name = t.Schema, t.Name
	return &c
}

// newColumnMove collects the objects of t (current structure, name while the
// plan runs) that use column src and that des (the desired table, nil when
// unknown) still has, to be copied onto dst. renameTo, when set, is how the
// desired state spells src in expressions (a rename: the desired check says
// dst where the current one says src).
func (r recipeContext) newColumnMove(t, des *schema.Table, src, dst string) *columnMove {
	m := &columnMove{t: t, src: src, dst: dst}
	keeps := func(found bool) bool { return des == nil || found }
	for _, i := range t.Indexes {
		if indexUses(i, src) && keeps(des != nil && des.Index(i.Name) != nil) && !m.constraintIndex(i.Name) {
			m.indexes = append(m.indexes, i)
		}
	}
	for _, u := range t.Uniques {
		if contains(u.Columns, src) && keeps(des != nil && findUnique(des, u.Name) != nil) {
			m.uniques = append(m.uniques, u)
		}
	}
	for _, k := range t.Checks {
		if mentions(k.Expr, src) && keeps(des != nil && findCheck(des, k.Name) != nil) {
			m.checks = append(m.checks, k)
		}
	}
	if cur := r.env.Current; cur != nil {
		owner := t.Name + "." + src
		if old := r.currentTable(t); old != nil {
			owner = old.Name + "." + src
		}
		for _, s := range cur.Sequences {
			if s.Schema == t.Schema && s.OwnedBy == owner {
				m.seqs = append(m.seqs, s)
			}
		}
	}
	return m
}

// constraintIndex reports whether name is the index of a unique constraint
// or primary key of the table (copied with its constraint, not alone).
func (m *columnMove) constraintIndex(name string) bool {
	if m.t.PrimaryKey != nil && PrimaryKeyName(m.t, m.t.PrimaryKey) == name {
		return true
	}
	return findUnique(m.t, name) != nil
}

// findUnique returns t's unique constraint called name, or nil.
func findUnique(t *schema.Table, name string) *schema.Unique {
	for _, u := range t.Uniques {
		if u.Name == name {
			return u
		}
	}
	return nil
}

// renameInExpr replaces column from by column to wherever expr names it as
// a whole word (quoted or not). String literals are not told apart: a
// literal holding the column's name as a word is rewritten too.
func renameInExpr(expr, from, to string) string {
	if expr == "" {
		return ""
	}
	out := replaceWord(expr, quoteIdent(from), quoteIdent(to))
	return replaceWord(out, from, quoteIdent(to))
}

// replaceWord replaces every whole-word occurrence of word in s.
func replaceWord(s, word, with string) string {
	var b strings.Builder
	for from := 0; ; {
		i := strings.Index(s[from:], word)
		if i < 0 {
			b.WriteString(s[from:])
			return b.String()
		}
		i += from
		end := i + len(word)
		whole := (i == 0 || !isIdentByte(s[i-1]) || s[i-1] == '"') && (end == len(s) || !isIdentByte(s[end]) || s[end] == '"')
		if word[0] != '"' && ((i > 0 && s[i-1] == '"') || (end < len(s) && s[end] == '"')) {
			whole = false // part of a quoted identifier
		}
		b.WriteString(s[from:i])
		if whole {
			b.WriteString(with)
		} else {
			b.WriteString(word)
		}
		from = end
	}
}

// indexOn returns a copy of index i with column from replaced by to in its
// keys, included columns, expressions and predicate, named name.
func indexOn(i *schema.Index, from, to, name string) *schema.Index {
	c := *i
	c.Name = name
	c.Parts = make([]schema.IndexPart, len(i.Parts))
	for n, p := range i.Parts {
		if p.Column == from {
			p.Column = to
		}
		p.Expr = renameInExpr(p.Expr, from, to)
		c.Parts[n] = p
	}
	c.Include = nil
	for _, col := range i.Include {
		if col == from {
			col = to
		}
		c.Include = append(c.Include, col)
	}
	c.Where = renameInExpr(i.Where, from, to)
	return &c
}

// replaceColumn returns list with from replaced by to.
func replaceColumn(list []string, from, to string) []string {
	out := make([]string, len(list))
	for n, c := range list {
		if c == from {
			c = to
		}
		out[n] = c
	}
	return out
}

// expand returns the actions that build the copies before the backfill
// ends: each index and unique index CONCURRENTLY, each check NOT VALID.
// Their validation is in validate.
func (m *columnMove) expand(r recipeContext) []dialects.Action {
	var out []dialects.Action
	for _, i := range m.indexes {
		cp := indexOn(i, m.src, m.dst, withSuffix(i.Name, copySuffix))
		out = append(out, r.buildIndexAction(m.t, cp, fmt.Sprintf("build %s, a copy of index %s on %s", cp.Name, i.Name, m.dst)))
	}
	for _, u := range m.uniques {
		cp := m.uniqueIndex(u)
		out = append(out, r.buildIndexAction(m.t, cp, fmt.Sprintf("build unique index %s for a copy of %s on %s", cp.Name, u.Name, m.dst)))
	}
	for _, k := range m.checks {
		name, def := m.checkCopy(k)
		out = append(out, addNotValidAction(m.t, fmt.Sprintf("add %s NOT VALID, a copy of check %s on %s", name, k.Name, m.dst),
			name, def, LockAccessExclusive, noteBrief))
	}
	return out
}

// uniqueIndex is the unique index built for the copy of unique constraint u.
func (m *columnMove) uniqueIndex(u *schema.Unique) *schema.Index {
	parts := make([]schema.IndexPart, len(u.Columns))
	for n, c := range replaceColumn(u.Columns, m.src, m.dst) {
		parts[n] = schema.IndexPart{Column: c}
	}
	return &schema.Index{Name: withSuffix(u.Name, copySuffix), Unique: true, Parts: parts}
}

// checkCopy is the name and rendered clause of the copy of check k.
func (m *columnMove) checkCopy(k *schema.Check) (name, def string) {
	cp := *k
	cp.Name = withSuffix(k.Name, copySuffix)
	cp.Expr = renameInExpr(k.Expr, m.src, m.dst)
	return cp.Name, RenderCheck(&cp)
}

// validate returns the validate-phase actions of the check copies.
func (m *columnMove) validate() []dialects.Action {
	var out []dialects.Action
	for _, k := range m.checks {
		name, def := m.checkCopy(k)
		// The preflight runs before the plan, when dst may not exist yet: it
		// checks the old column, which holds the same values.
		out = append(out, validateAction(m.t, name, def, checkPreflight(m.t, rowKey(m.t), k)))
	}
	return out
}

// swap returns the statements (for the swap transaction, after the columns
// changed places) that move the old objects aside and give the copies their
// real names, and their rollback (to run before the columns go back).
// owner is the column that owns the sequences after the swap.
func (m *columnMove) swap(owner string) (stmts, rollback []string) {
	idx := func(name string) string { return qualified(indexQName(m.t, name)) }
	for _, i := range m.indexes {
		aside, cp := withSuffix(i.Name, asideSuffix), withSuffix(i.Name, copySuffix)
		stmts = append(stmts,
			"ALTER INDEX "+idx(i.Name)+" RENAME TO "+quoteIdent(aside),
			"ALTER INDEX "+idx(cp)+" RENAME TO "+quoteIdent(i.Name))
		rollback = append(rollback,
			"ALTER INDEX "+idx(i.Name)+" RENAME TO "+quoteIdent(cp),
			"ALTER INDEX "+idx(aside)+" RENAME TO "+quoteIdent(i.Name))
	}
	for _, u := range m.uniques {
		aside, cp := withSuffix(u.Name, asideSuffix), withSuffix(u.Name, copySuffix)
		add := "ADD CONSTRAINT " + quoteIdent(u.Name) + " UNIQUE USING INDEX " + quoteIdent(cp) + deferrable(u.Deferrable, u.InitiallyDeferred)
		stmts = append(stmts,
			alterTable(m.t, "RENAME CONSTRAINT "+quoteIdent(u.Name)+" TO "+quoteIdent(aside)),
			alterTable(m.t, add))
		// Dropping the constraint drops its index, the copy: it is built
		// again (under the swap's lock) so that the swap can run again.
		again := &schema.Index{Name: cp, Unique: true}
		for _, c := range u.Columns {
			again.Parts = append(again.Parts, schema.IndexPart{Column: c})
		}
		rollback = append(rollback,
			dropConstraint(m.t, u.Name),
			RenderIndex(m.t, again, false),
			alterTable(m.t, "RENAME CONSTRAINT "+quoteIdent(aside)+" TO "+quoteIdent(u.Name)))
	}
	for _, k := range m.checks {
		aside, cp := withSuffix(k.Name, asideSuffix), withSuffix(k.Name, copySuffix)
		stmts = append(stmts,
			alterTable(m.t, "RENAME CONSTRAINT "+quoteIdent(k.Name)+" TO "+quoteIdent(aside)),
			alterTable(m.t, "RENAME CONSTRAINT "+quoteIdent(cp)+" TO "+quoteIdent(k.Name)))
		rollback = append(rollback,
			alterTable(m.t, "RENAME CONSTRAINT "+quoteIdent(k.Name)+" TO "+quoteIdent(cp)),
			alterTable(m.t, "RENAME CONSTRAINT "+quoteIdent(aside)+" TO "+quoteIdent(k.Name)))
	}
	for _, s := range m.seqs {
		stmts = append(stmts, "ALTER SEQUENCE "+qualified(s.QName())+" OWNED BY "+qualified(m.t.QName())+"."+quoteIdent(owner))
	}
	return stmts, rollback
}

// names lists the copied objects for summaries ("" when none).
func (m *columnMove) names() string {
	var n []string
	for _, i := range m.indexes {
		n = append(n, i.Name)
	}
	for _, u := range m.uniques {
		n = append(n, u.Name)
	}
	for _, k := range m.checks {
		n = append(n, k.Name)
	}
	if len(n) == 0 {
		return ""
	}
	return strings.Join(n, ", ")
}

// primaryKeyOf returns the primary key columns of the current definition of
// t, or nil when it has none.
func (r recipeContext) primaryKeyOf(t *schema.Table) []string {
	cur := r.currentTable(t)
	if cur == nil || cur.PrimaryKey == nil {
		return nil
	}
	return append([]string(nil), cur.PrimaryKey.Columns...)
}

// foreignKeyUsing names a foreign key of the current schema that has column
// col of table t (current name) on either side, or "".
func (r recipeContext) foreignKeyUsing(t *schema.Table, col string) string {
	for _, fk := range t.ForeignKeys {
		if contains(fk.Columns, col) {
			return fk.Name
		}
	}
	if r.env.Current == nil {
		return ""
	}
	for _, o := range r.env.Current.Tables {
		for _, fk := range o.ForeignKeys {
			ref := fk.RefQName()
			if ref.Schema == "" {
				ref.Schema = o.Schema
			}
			if ref == t.QName() && contains(fk.RefColumns, col) {
				return fk.Name
			}
		}
	}
	return ""
}

// backfillAction is the backfill-phase action that sets columns of the
// existing rows of t in keyset batches over key (see BackfillStatements), of
// the plan's batch size (Env.BatchSize; DefaultBackfillBatchSize when unset).
func (r recipeContext) backfillAction(t *schema.Table, key []string, set []dialects.Assignment, where, summary string) dialects.Action {
	size := DefaultBackfillBatchSize
	if r.env.BatchSize > 0 {
		size = r.env.BatchSize
	}
	b := dialects.Backfill{Table: t.QName(), Key: key, Set: set, Where: where, BatchSize: size}
	return dialects.Action{
		Phase:         dialects.PhaseBackfill,
		Summary:       summary,
		Statements:    BackfillStatements(b),
		Transactional: false,
		Lock:          LockRowExclusive,
		LockNote:      "row locks of one batch at a time, committed per batch; reads and writes continue",
		Scans:         true,
		LongRunning:   true,
		Table:         tableRef(t),
		Backfill:      &b,
		Hazards: []dialects.Hazard{hazard(dialects.HazardNonTransactional,
			"commits after every batch: an interrupted backfill leaves the rows done so far; running it again is safe")},
		// Nothing to undo: the column it fills was added by this plan and
		// the expand step's rollback drops it.
		Rollback: []string{"SELECT 1 /* nothing to undo: the expand rollback drops the filled column */"},
	}
}

// rowsPhrase describes how many rows t (current definition) has.
func rowsPhrase(t *schema.Table) string {
	if t == nil || t.Stats == nil || t.Stats.Rows < 0 {
		return "an unknown number of rows"
	}
	return fmt.Sprintf("about %d rows", t.Stats.Rows)
}

// knownEmpty reports whether the statistics of t say it has no row.
func knownEmpty(t *schema.Table) bool {
	return t != nil && t.Stats != nil && t.Stats.Rows == 0
}
