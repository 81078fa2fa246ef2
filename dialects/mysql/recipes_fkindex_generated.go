package mysql

import (
	"slices"
	"strings"

	"github.com/tidedb/tide/schema"
)

// Indexes the server made for a foreign key
//
// A foreign key added without an index whose leading columns are its
// columns gets one from the server, named after the constraint (CONSTRAINT
// name FOREIGN KEY …) or else after its first column, and marked as
// generated. MariaDB 10.11 and MySQL 8 then treat a generated index as
// theirs (mysql_prepare_create_table, the same code on both): it is dropped
// silently by any ALTER TABLE that leaves another index whose leading
// columns are its own — an index added, a primary key, or the index
// generated for a foreign key added by that statement, which then takes its
// place under the new constraint's name. So replacing an unnamed foreign key
// (posts_ibfk_1, whose index the server named author_id) leaves its index
// named posts_ibfk_1, and adding an index (author_id, id) removes author_id
// at once, even where the desired state keeps it or drops it only in the
// contract phase: the plan would not converge, or its own DROP INDEX would
// fail.
//
// information_schema does not say which indexes are generated, but an
// explicit RENAME INDEX clears the mark on both servers ("if the user has
// explicitly renamed the key, we should no longer treat it as generated"),
// and renaming an index to its own name changes nothing else and is
// metadata only. So the statements that would make the server drop such an
// index pin every index that may be generated and that the plan does not
// rebuild: RENAME INDEX x TO x, in the very ALTER TABLE that builds the
// index or primary key, or adds the foreign key (replaced, renamed, or put
// back by a rollback). An index that was not generated is pinned for
// nothing, harmlessly.
//
// The pin goes in the same ALTER TABLE, not in a statement of its own
// before it: both servers clear the mark while they copy the table's
// current keys (mysql_prepare_alter_table), before they add the statement's
// new keys — the generated one of a foreign key among them — and drop the
// generated keys another key makes redundant (mysql_prepare_create_table).
// Checked on MariaDB 10.11 with the foreign key add's ALGORITHM=COPY,
// LOCK=SHARED, and with ALGORITHM=INPLACE, LOCK=NONE under
// foreign_key_checks = 0; MySQL 8 runs the same code (sql_table.cc) and
// documents RENAME INDEX as metadata only, which COPY and INPLACE both
// accept. One statement is atomic: the pin cannot be left done with the
// add not done. When a stopped step is run again, its done probes
// (rerun.go) give a pin no condition: a pin's effect, the index under its
// name, is also the state before the step, and would make apply skip the
// statements before it.

// pinClause is the clause that makes the server treat index name as one
// it was asked for (see above).
func pinClause(name string) string {
	return "RENAME INDEX " + quoteIdent(name) + " TO " + quoteIdent(name)
}

// mayBeGenerated reports whether index ix of table t may be one the server
// generated for a foreign key of t: a plain, non-unique B-tree index on
// whole columns, exactly the columns of one of t's foreign keys, in order.
func mayBeGenerated(t *schema.Table, ix *schema.Index) bool {
	if ix.Unique || ix.Where != "" || len(ix.Include) > 0 || ix.Using == "fulltext" || ix.Using == "spatial" || ix.Using == "hash" {
		return false
	}
	cols := plainColumns(ix)
	if cols == nil {
		return false
	}
	for _, fk := range t.ForeignKeys {
		if slices.EqualFunc(fk.Columns, cols, strings.EqualFold) {
			return true
		}
	}
	return false
}

// plainColumns returns the columns of an index whose every part is a whole
// column in ascending order, nil for any other index.
func plainColumns(ix *schema.Index) []string {
	var cols []string
	for _, p := range ix.Parts {
		if p.Column == "" || p.Length > 0 || p.Desc {
			return nil
		}
		cols = append(cols, p.Column)
	}
	return cols
}

// leadsWith reports whether cols begins with prefix (names compared as the
// server compares them).
func leadsWith(cols, prefix []string) bool {
	return len(prefix) > 0 && len(cols) >= len(prefix) && slices.EqualFunc(cols[:len(prefix)], prefix, strings.EqualFold)
}

// leadingColumns returns the leading whole-column parts of an index (up to
// its first expression or prefix part).
func leadingColumns(ix *schema.Index) []string {
	var cols []string
	for _, p := range ix.Parts {
		if p.Column == "" || p.Length > 0 {
			break
		}
		cols = append(cols, p.Column)
	}
	return cols
}

// pinsForKey returns the names of the indexes to pin (pinClauses) in the
// ALTER TABLE that builds an index (or primary key) named name on cols in
// table t: the current indexes the server may have generated for a foreign
// key and would drop because the new one leads with their columns (see the
// top of the file).
func (r recipeContext) pinsForKey(t *schema.Table, name string, cols []string) []string {
	cur := r.current(t)
	if cur == nil {
		return nil
	}
	var out []string
	for _, ix := range cur.Indexes {
		if strings.EqualFold(ix.Name, name) || !mayBeGenerated(cur, ix) || !leadsWith(cols, plainColumns(ix)) {
			continue
		}
		out = append(out, ix.Name)
	}
	return out
}

// foreignKeyPins returns the names of the indexes to pin (pinClauses) in
// the ALTER TABLE that adds foreign key fk to table t: the current indexes
// the server may have generated for a foreign key, that the index it
// generates for fk would replace, and that the desired state keeps as they
// are (see the top of the file). Indexes the plan rebuilds lose the mark
// anyway.
func (r recipeContext) foreignKeyPins(t *schema.Table, fk *schema.ForeignKey) []string {
	cur, des := r.current(t), r.desired(t)
	if cur == nil || des == nil || r.isNew(t) {
		return nil
	}
	var out []string
	for _, ix := range cur.Indexes {
		if !replacedByGenerated(cur, ix, fk) {
			continue
		}
		if next := des.Index(ix.Name); next == nil || !sameIndex(ix, next) {
			continue
		}
		out = append(out, ix.Name)
	}
	return out
}

// restorePins returns the names of the indexes to pin in a rollback's ALTER
// TABLE that adds current foreign key fk of table t back: every current
// index the index generated for fk would replace. The rollbacks of the
// plan's later steps run first and give back every such index the plan
// dropped or rebuilt, so each exists then.
func (r recipeContext) restorePins(t *schema.Table, fk *schema.ForeignKey) []string {
	cur := r.current(t)
	if cur == nil || r.isNew(t) {
		return nil
	}
	var out []string
	for _, ix := range cur.Indexes {
		if replacedByGenerated(cur, ix, fk) {
			out = append(out, ix.Name)
		}
	}
	return out
}

// replacedByGenerated reports whether index ix of table t may be one the
// server generated for a foreign key and would replace by the index it
// generates for foreign key fk: its columns lead fk's, and it is not named
// as fk (an index of that name is replaced by its like).
func replacedByGenerated(t *schema.Table, ix *schema.Index, fk *schema.ForeignKey) bool {
	return !strings.EqualFold(ix.Name, fk.Name) && mayBeGenerated(t, ix) && leadsWith(fk.Columns, plainColumns(ix))
}

// sameIndex reports whether two indexes have the same definition (names
// and source positions aside).
func sameIndex(a, b *schema.Index) bool {
	return a.Unique == b.Unique && a.Where == b.Where && a.Using == b.Using &&
		slices.Equal(a.Parts, b.Parts) && slices.Equal(a.Include, b.Include)
}

// pinnedNote is what a step's summary says of the indexes it pins.
func pinnedNote(names []string) string {
	return ", keeping " + strings.Join(names, ", ") + ", which the server may have made for a foreign key and would drop"
}

// pinClauses returns the pin clause of each index named.
func pinClauses(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = pinClause(n)
	}
	return out
}
