package mysql

import (
	"slices"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Indexes that back a foreign key
//
// InnoDB needs an index whose leading columns are a foreign key's columns,
// and refuses to drop the last one (error 1553, "needed in a foreign key
// constraint"). When the plan rebuilds such an index with a definition
// that no longer backs the foreign key, and drops or replaces that foreign
// key anyway (the usual case: a foreign key gains a column, and the index
// the server made for it with it), the rebuild can only run once the
// foreign key is gone. The planner orders indexes before foreign keys, so
// the index's own step does nothing and the rebuild runs in the step that
// drops the foreign key: right after the drop in the step that replaces
// it, or after the drop in the step that only drops it.

// foreignKeyHolding returns the current foreign key of table t that keeps
// the plan from rebuilding t's index name in the index's own step (see
// above), or nil.
func (r recipeContext) foreignKeyHolding(t *schema.Table, name string) *schema.ForeignKey {
	cur, des := r.current(t), r.desired(t)
	if cur == nil || des == nil {
		return nil
	}
	old, next := cur.Index(name), des.Index(name)
	if old == nil || next == nil {
		return nil
	}
	for _, fk := range cur.ForeignKeys {
		if !indexBacks(old, fk.Columns) || indexBacks(next, fk.Columns) || backedElsewhere(cur, name, fk.Columns) {
			continue
		}
		if r.foreignKeyGoes(t, fk) {
			return fk
		}
	}
	return nil
}

// foreignKeyGoes reports whether the plan drops current foreign key fk of
// table t: the desired table has none of its name, or a different one, or
// the planner rebuilds it around a key it changes.
func (r recipeContext) foreignKeyGoes(t *schema.Table, fk *schema.ForeignKey) bool {
	if r.env.RebuiltForeignKeys[dialects.ForeignKeyRef{Table: t.QName(), Name: fk.Name}] {
		return true
	}
	des := r.desired(t)
	for _, d := range des.ForeignKeys {
		if d.Name == fk.Name {
			return !sameForeignKey(t, fk, d)
		}
	}
	return true
}

// sameForeignKey reports whether foreign keys a and b of table t mean the
// same, names aside.
func sameForeignKey(t *schema.Table, a, b *schema.ForeignKey) bool {
	ref := func(fk *schema.ForeignKey) schema.QName {
		q := fk.RefQName()
		if q.Schema == "" {
			q.Schema = t.Schema
		}
		return q
	}
	return slices.Equal(a.Columns, b.Columns) && ref(a) == ref(b) && slices.Equal(a.RefColumns, b.RefColumns) &&
		canonicalAction(a.OnDelete) == canonicalAction(b.OnDelete) && canonicalAction(a.OnUpdate) == canonicalAction(b.OnUpdate)
}

// indexBacks reports whether index ix can back a foreign key on cols: its
// leading parts are those columns, in order.
func indexBacks(ix *schema.Index, cols []string) bool {
	if len(ix.Parts) < len(cols) || ix.Using == "fulltext" || ix.Using == "spatial" {
		return false
	}
	for i, c := range cols {
		if !strings.EqualFold(ix.Parts[i].Column, c) {
			return false
		}
	}
	return true
}

// backedElsewhere reports whether table t has a key other than index
// except (its primary key, or another index) that backs a foreign key on
// cols.
func backedElsewhere(t *schema.Table, except string, cols []string) bool {
	if pk := t.PrimaryKey; pk != nil {
		ix := &schema.Index{}
		for _, c := range pk.Columns {
			ix.Parts = append(ix.Parts, schema.IndexPart{Column: c})
		}
		if indexBacks(ix, cols) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Name != except && indexBacks(ix, cols) {
			return true
		}
	}
	return false
}

// heldRebuilds are the statements that rebuild the indexes a foreign key
// held (see heldIndexRebuilds).
type heldRebuilds struct {
	// do rebuilds them, once the foreign key is dropped; undo rebuilds
	// them as they were, for a rollback that adds the foreign key back.
	do, undo []string
	// clauses are those of do, for the online tools' command lines.
	clauses []string
	// algo is do's algorithm: onlineAlgorithm's, so LOCK=SHARED on MySQL
	// for a table with ON … CASCADE or SET NULL foreign keys.
	algo algorithm
}

// heldIndexRebuilds returns the rebuilds of the indexes of table t held by
// its current foreign key name (see foreignKeyHolding). They run with the
// algorithm of any index build (onlineAlgorithm): on MySQL, a table that
// has ON … CASCADE or SET NULL foreign keys when the plan starts is rebuilt
// with LOCK=SHARED even where the only such key is the one dropped first —
// LOCK=SHARED is what the server accepts in every case. Each rebuild pins
// the indexes the server may have generated for a foreign key and would
// drop for the new one (pinsForKey, recipes_fkindex_generated.go).
func (r recipeContext) heldIndexRebuilds(t *schema.Table, name string) (heldRebuilds, error) {
	h := heldRebuilds{algo: r.onlineAlgorithm(t)}
	des := r.desired(t)
	if des == nil {
		return h, nil
	}
	for _, ix := range des.Indexes {
		fk := r.foreignKeyHolding(t, ix.Name)
		if fk == nil || fk.Name != name {
			continue
		}
		def, err := IndexSQL(t, ix)
		if err != nil {
			return heldRebuilds{}, err
		}
		oldDef, err := IndexSQL(t, r.currentIndex(t, ix.Name))
		if err != nil {
			return heldRebuilds{}, err
		}
		drop := "DROP INDEX " + quoteIdent(ix.Name)
		clauses := append(pinClauses(r.pinsForKey(t, ix.Name, leadingColumns(ix))), drop, "ADD "+def)
		h.do = append(h.do, r.alter(t, h.algo, clauses...))
		h.clauses = append(h.clauses, clauses...)
		h.undo = append(h.undo, r.alter(t, h.algo, drop, "ADD "+oldDef))
	}
	return h, nil
}
