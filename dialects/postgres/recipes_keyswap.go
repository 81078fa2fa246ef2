package postgres

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// keyFamilyRetype changes the types of a key family's columns together
// (see recipes_keyfamily.go), as the recipe of its first member:
//
//   - expand: on every member's table a shadow column kept equal to the
//     conversion by a sync trigger, and copies of the indexes, unique
//     constraints and checks that use the column (CONCURRENTLY / NOT VALID);
//   - backfill: every shadow column in batches;
//   - validate: the check copies, NOT NULL of the shadows, then (the
//     shadows being filled) a unique index CONCURRENTLY on the shadow
//     columns of every primary key with a member, and a copy of every
//     foreign key joined to a member on the shadow columns of both its
//     sides, NOT VALID then validated — a copy added before the referenced
//     shadow is filled would reject writes;
//   - contract: one short transaction over every table of the family drops
//     the old foreign keys and primary keys, swaps every member with its
//     shadow, makes each key index the primary key (ADD CONSTRAINT … PRIMARY
//     KEY USING INDEX) and gives the foreign key copies their names; then
//     every old column is dropped.
//
// Throughout, writes are checked by the old keys until the swap and by the
// new ones from it on, in the same transaction.
func (r recipeContext) keyFamilyRetype(f *keyFamily) []dialects.Action {
	var expand, fill, validate []dialects.Action
	for _, fm := range f.members {
		expand = append(expand, fm.m.addAction(r))
		expand = append(expand, fm.m.move.expand(r)...)
		fill = append(fill, fm.m.fillAction(r))
		validate = append(validate, fm.m.move.validate()...)
		if nn, ok := fm.m.notNullAction(); ok {
			validate = append(validate, nn)
		}
	}
	for _, pk := range f.pks {
		t := r.familyTable(pk.t)
		build := r.buildIndexAction(t, pk.copy, fmt.Sprintf("build unique index %s on the shadow columns of primary key %s of %s", pk.copy.Name, pk.name, t.QName()))
		build.Phase = dialects.PhaseValidate
		validate = append(validate, build)
	}
	for _, j := range f.fks {
		if !j.kept {
			continue
		}
		t := r.familyTable(j.t)
		ref := refQName(j.t, j.fk)
		def := RenderForeignKey(t, j.copy)
		add := addNotValidAction(t, fmt.Sprintf("add %s NOT VALID, a copy of foreign key %s on the shadow columns", j.copy.Name, j.fk.Name),
			j.copy.Name, def, LockShareRowExclusive, fmt.Sprintf("brief (metadata only); on %s and %s (writes wait, reads continue)", t.QName(), ref))
		add.Phase = dialects.PhaseValidate
		// Both tables are locked up front (foreignKeyLockSQL), the
		// referenced one first: a cascading delete, which holds it and
		// then needs the referencing table, then waits for this step
		// before it holds anything the step needs; an insert checking the
		// key takes ROW SHARE on the referenced table, which SHARE ROW
		// EXCLUSIVE lets through. Taken the other way (ALTER TABLE's own
		// order) the step deadlocked with cascading deletes. A transaction
		// that writes a child row and then its parent can still close a
		// cycle: the cut lock_timeout makes the step give way to it. The
		// rollbacks drop the copy under both locks likewise.
		lockForeignKeyAdd(&add, ref, t.QName())
		val := validateAction(t, j.copy.Name, def, foreignKeyPreflight(t, j.fk))
		lockForeignKeyValidate(&val, ref, t.QName())
		validate = append(validate, add, val)
	}
	out := append(append(append(expand, fill...), validate...), r.familySwap(f))
	for _, fm := range f.members {
		out = append(out, fm.m.dropAction())
	}
	return out
}

// familyTable is the current table t under the name the plan gives it (the
// family refuses renamed tables, so its own).
func (r recipeContext) familyTable(t *schema.Table) *schema.Table {
	if des := r.desiredOf(t.QName()); des != nil {
		return tableAs(t, des)
	}
	return t
}

// familySwap is the contract transaction of a key family (see
// keyFamilyRetype) and its rollback, which puts the old columns, keys and
// foreign keys back (the old primary key's index is rebuilt under the lock,
// the foreign keys are added NOT VALID then validated; rows written after
// the swap get their old key from the new one).
func (r recipeContext) familySwap(f *keyFamily) dialects.Action {
	var stmts, back []string
	for _, j := range f.fks {
		stmts = append(stmts, dropConstraint(r.familyTable(j.t), j.fk.Name))
	}
	for _, pk := range f.pks {
		stmts = append(stmts, dropConstraint(r.familyTable(pk.t), pk.name))
	}
	var tables []string
	for _, fm := range f.members {
		s, _ := fm.m.swapStatements()
		stmts = append(stmts, s...)
		if q := fm.m.t.QName().String(); !slices.Contains(tables, q) {
			tables = append(tables, q)
		}
	}
	for _, pk := range f.pks {
		t := r.familyTable(pk.t)
		stmts = append(stmts, alterTable(t, "ADD CONSTRAINT "+quoteIdent(pk.name)+" PRIMARY KEY USING INDEX "+quoteIdent(pk.copy.Name)))
	}
	var moved []string
	for _, j := range f.fks {
		if j.kept {
			stmts = append(stmts, alterTable(r.familyTable(j.t), "RENAME CONSTRAINT "+quoteIdent(j.copy.Name)+" TO "+quoteIdent(j.fk.Name)))
			moved = append(moved, j.fk.Name)
		}
		for _, q := range []string{j.t.QName().String(), refQName(j.t, j.fk).String()} {
			if !slices.Contains(tables, q) {
				tables = append(tables, q)
			}
		}
	}

	// The moved foreign keys depend on the new primary keys' indexes: they
	// go first and come back as copies at the end.
	for _, j := range f.fks {
		if j.kept {
			back = append(back, dropConstraint(r.familyTable(j.t), j.fk.Name))
		}
	}
	for _, pk := range f.pks {
		back = append(back, dropConstraint(r.familyTable(pk.t), pk.name))
	}
	for i := len(f.members) - 1; i >= 0; i-- {
		_, b := f.members[i].m.swapStatements()
		back = append(back, b...)
	}
	for _, pk := range f.pks {
		t := r.familyTable(pk.t)
		for _, fm := range f.members {
			// An identity member's old column was filled before its
			// identity came back (identityBack): an UPDATE of a GENERATED
			// ALWAYS column would be refused.
			if fm.cur == pk.t && contains(pk.pk.Columns, fm.from.Name) && !fm.m.identityMoved() {
				back = append(back, "UPDATE "+qualified(t.QName())+" SET "+quoteIdent(fm.from.Name)+" = "+
					quoteIdent(fm.m.shadow)+"::"+RenderType(nonSerial(fm.from.Type), r.env.Current, t.Schema)+" WHERE "+quoteIdent(fm.from.Name)+" IS NULL")
			}
		}
		old := *pk.pk
		old.Name = pk.name
		back = append(back, alterTable(t, "ADD "+RenderPrimaryKey(&old)), RenderIndex(t, pk.copy, false))
	}
	for _, j := range f.fks {
		t := r.familyTable(j.t)
		back = append(back, alterTable(t, "ADD "+RenderForeignKey(t, j.fk)+" NOT VALID"), alterTable(t, "VALIDATE CONSTRAINT "+quoteIdent(j.fk.Name)))
	}
	for _, j := range f.fks {
		if t := r.familyTable(j.t); j.kept {
			back = append(back, alterTable(t, "ADD "+RenderForeignKey(t, j.copy)+" NOT VALID"), alterTable(t, "VALIDATE CONSTRAINT "+quoteIdent(j.copy.Name)))
		}
	}

	var pkNames []string
	for _, pk := range f.pks {
		pkNames = append(pkNames, pk.name)
	}
	keys := append(keyList("primary key", pkNames), keyList("foreign key", moved)...)
	var cols []string
	for _, fm := range f.members {
		cols = append(cols, fm.m.t.QName().String()+"."+fm.m.col)
	}
	summary := fmt.Sprintf("swap %s and its shadow", cols[0])
	if len(cols) > 1 {
		summary = fmt.Sprintf("swap %s and their shadows in one transaction", strings.Join(cols, ", "))
	}
	switch {
	case len(keys) == 1 && len(moved) < 2 && len(pkNames) < 2:
		summary += "; " + keys[0] + " moves to the new column"
	case len(keys) > 0:
		summary += "; " + strings.Join(keys, " and ") + " move to the new columns"
	}
	lock := foreignKeyLockSQL(tables, "ACCESS EXCLUSIVE")
	for _, fm := range f.members {
		if p := fm.m.identityPhrase(); p != "" {
			summary += "; " + p
		}
	}
	a := briefAlter(dialects.PhaseContract, f.members[0].m.t, summary, append(lock, stmts...), append(lock, back...))
	a.Hazards = []dialects.Hazard{resultTypeHazard(strings.Join(cols, ", "))}
	for _, fm := range f.members {
		a.Hazards = append(a.Hazards, fm.m.identityHazards()...)
	}
	a.LockNote = "brief (metadata only), on " + strings.Join(tables, ", ") + "; " + noteGivesWay
	if len(tables) == 1 {
		a.LockNote = "brief (metadata only)"
	}
	return a
}

// nonSerial is the integer type behind a serial pseudo-type, else typ.
func nonSerial(typ string) string {
	if base, ok := serialTypeBase[typ]; ok {
		return base
	}
	return typ
}

// keyList names keys of one kind for a summary: "" for none, "primary key
// a", "foreign keys a, b".
func keyList(kind string, names []string) []string {
	switch len(names) {
	case 0:
		return nil
	case 1:
		return []string{kind + " " + names[0]}
	}
	return []string{kind + "s " + strings.Join(names, ", ")}
}

// noteGivesWay is the lock note of a step that locks several tables up
// front under foreignKeyLockSQL's lock_timeout.
const noteGivesWay = "lock_timeout at most half of deadlock_timeout, so that this step, not a writer, gives way in a lock cycle (then retried)"

// lockForeignKeyAdd makes add, the step adding a foreign key of table q
// referencing ref NOT VALID, lock both tables up front, the referenced one
// first (see the key family's copies above for why), and its rollback drop
// the key under both locks likewise. A self-reference needs no change.
func lockForeignKeyAdd(add *dialects.Action, ref, q schema.QName) {
	tables := []string{ref.String(), q.String()}
	if lock := foreignKeyLockSQL(tables, "SHARE ROW EXCLUSIVE"); lock != nil {
		add.Statements = append(lock, add.Statements...)
		add.Rollback = append(foreignKeyLockSQL(tables, "ACCESS EXCLUSIVE"), add.Rollback...)
		add.LockNote = fmt.Sprintf("brief (metadata only); on %s, then %s, taken up front (writes wait, reads continue); %s", ref, q, noteGivesWay)
	}
}

// lockForeignKeyValidate notes the referenced table's lock on val, the step
// validating a foreign key of q referencing ref, and makes its rollback
// (which drops and re-adds the key NOT VALID) lock both tables up front.
func lockForeignKeyValidate(val *dialects.Action, ref, q schema.QName) {
	val.LockNote += fmt.Sprintf("; ROW SHARE on %s", ref)
	if lock := foreignKeyLockSQL([]string{ref.String(), q.String()}, "ACCESS EXCLUSIVE"); lock != nil {
		val.Rollback = append(lock, val.Rollback...)
	}
}

// foreignKeyLockSQL starts a transaction that locks several tables joined by
// foreign keys (tables: their names, in the order to lock them) in mode, or
// returns nil when there is only one table. Writers lock such tables in both
// orders: a cascading delete (or a transaction writing a parent row, then a
// child row) holds the referenced table and then asks for the referencing
// one; an insert checking its foreign key goes the other way (with ROW SHARE
// on the referenced table). A step that holds one table while it waits for
// another can close a lock cycle with such a writer, and the deadlock
// detector cancels whichever of the two checks first — sometimes the writer.
// So the step's lock_timeout is cut to at most half of deadlock_timeout for
// the transaction, and every table is locked up front in one statement: the
// step starts waiting as soon as it holds its first lock, and gives way (lock
// timeout, retried by the executor) before a writer caught in a cycle with it
// runs its deadlock check.
func foreignKeyLockSQL(tables []string, mode string) []string {
	var q []string
	for _, t := range tables {
		if n := qualified(schema.ParseQName(t, "public")); !slices.Contains(q, n) {
			q = append(q, n)
		}
	}
	if len(q) < 2 {
		return nil
	}
	return []string{
		"SELECT set_config('lock_timeout', (extract(epoch FROM least(nullif(current_setting('lock_timeout'), '0')::interval, " +
			"current_setting('deadlock_timeout')::interval / 2)) * 1000)::bigint || 'ms', true)",
		"LOCK TABLE " + strings.Join(q, ", ") + " IN " + mode + " MODE",
	}
}

// droppedBySwap reports whether foreign key fk of t (current definition,
// under the name the plan gives it) is dropped by the swap of a key family
// the plan moves online (so its own DropForeignKey has nothing left to do).
func (r recipeContext) droppedBySwap(t *schema.Table, fk *schema.ForeignKey) bool {
	if r.env.Current == nil {
		return false
	}
	q := r.currentName(t.QName())
	ref := refQName(t, fk)
	var cols []colRef
	for i, c := range fk.Columns {
		cols = append(cols, colRef{q, c})
		if i < len(fk.RefColumns) {
			cols = append(cols, colRef{r.currentName(ref), fk.RefColumns[i]})
		}
	}
	for _, c := range cols {
		if !r.retyped(c) {
			continue
		}
		cur, des := r.env.Current.Table(c.table), r.desiredOf(c.table)
		from, to := cur.Column(c.col), des.Column(c.col)
		if r.columnShadowRefusal(des, cur, from, to) != "" {
			continue
		}
		if kf := r.keyFamilyOf(des, cur, from, to); kf != nil && kf.refusal == "" {
			return true
		}
	}
	return false
}

// familyOf is a retyped column's key family when the plan moves it online,
// else nil.
func (r recipeContext) familyOf(t, cur *schema.Table, from, to *schema.Column) *keyFamily {
	if kf := r.keyFamilyOf(t, cur, from, to); kf != nil && kf.refusal == "" {
		return kf
	}
	return nil
}
