package postgres

import (
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Replacing a primary key or unique constraint
//
// A key whose definition changes is never dropped before its replacement
// exists: the new unique index is built CONCURRENTLY under a temporary name
// in the expansion (after the NOT NULL steps of a primary key's columns),
// and one short contract transaction drops the old constraint and attaches
// the new index (ADD CONSTRAINT … USING INDEX), so the table is never
// without the uniqueness it had. The key's Drop change has no action.
//
// Foreign keys that use the old key must be gone before it is dropped: the
// planner drops them right before the key's node and adds them back after it
// (dialects.Env.RebuiltForeignKeys). Their drop runs in the contract just
// before the swap, their re-creation right after it, NOT VALID, then
// validated: between the two, writes are not checked against the key.

// rebuilt reports whether the foreign key name of table t is rebuilt around
// a key the plan replaces or drops.
func (r recipeContext) rebuilt(t *schema.Table, name string) bool {
	return r.env.RebuiltForeignKeys[dialects.ForeignKeyRef{Table: t.QName(), Name: name}]
}

// keySwapAction is the contract action that replaces constraint oldName of
// t by a key attached from the unique index tmp: drop the old one and ADD
// CONSTRAINT name <kind> USING INDEX tmp in one transaction. Its rollback
// restores the old constraint (oldDef, its index rebuilt under the lock)
// and the index tmp (built again in the transaction, from tmpIndex).
func keySwapAction(t *schema.Table, what, oldName, oldDef, name, kind, tmp string, tmpIndex *schema.Index) dialects.Action {
	a := briefAlter(dialects.PhaseContract, t,
		fmt.Sprintf("swap %s %s of %s: drop the old definition and attach index %s in the same transaction", what, name, t.QName(), tmp),
		[]string{dropConstraint(t, oldName), alterTable(t, "ADD CONSTRAINT "+quoteIdent(name)+" "+kind+" USING INDEX "+quoteIdent(tmp))},
		[]string{dropConstraint(t, name), alterTable(t, "ADD "+oldDef), RenderIndex(t, tmpIndex, false)})
	a.LockNote = "brief (metadata only): the new index is already built and its columns NOT NULL"
	return a
}

// replacePrimaryKey is the AddPrimaryKey of a table whose current primary
// key (old) it replaces (see the top of this file); notNull are the NOT NULL
// steps of its columns.
func (r recipeContext) replacePrimaryKey(c schema.AddPrimaryKey, old *schema.PrimaryKey, notNull []dialects.Action, nullable []string) []dialects.Action {
	cur := r.currentTable(c.T)
	name, oldName := PrimaryKeyName(c.T, c.PK), PrimaryKeyName(cur, old)
	tmp := keyIndex(tempName(name), c.PK.Columns)
	build := r.buildIndexAction(c.T, tmp, fmt.Sprintf("build the unique index of the new primary key %s of %s as %s", name, c.T.QName(), tmp.Name))
	if len(nullable) > 0 {
		build.Preflight = append(build.Preflight, nullKeyPreflight(c.T, r.sampleKey(c.T), name, nullable))
	}
	oldPK := *old
	oldPK.Name = oldName
	swap := keySwapAction(c.T, "primary key", oldName, RenderPrimaryKey(&oldPK), name, "PRIMARY KEY", tmp.Name, tmp)
	return append(append(notNull, build), swap)
}

// replaceUnique is the AddUnique of a unique constraint whose current
// definition (old, same name) it replaces.
func (r recipeContext) replaceUnique(c schema.AddUnique, old *schema.Unique) []dialects.Action {
	tmp := r.onShadowColumns(c.T, keyIndex(tempName(c.U.Name), c.U.Columns))
	build := r.buildIndexAction(c.T, tmp, fmt.Sprintf("build the unique index of the new definition of %s on %s as %s", c.U.Name, c.T.QName(), tmp.Name))
	swap := keySwapAction(c.T, "unique constraint", old.Name, RenderUnique(old), c.U.Name,
		"UNIQUE", tmp.Name, tmp)
	swap.Statements[1] += deferrable(c.U.Deferrable, c.U.InitiallyDeferred)
	return []dialects.Action{build, swap}
}

// rebuiltForeignKeyDrop is the contract action that drops foreign key fk of
// t right before the key it references is replaced or dropped.
func rebuiltForeignKeyDrop(t *schema.Table, fk *schema.ForeignKey) dialects.Action {
	ref := fk.RefQName()
	a := briefAlter(dialects.PhaseContract, t,
		fmt.Sprintf("drop foreign key %s of %s: the key of %s it uses is replaced or dropped next", fk.Name, t.QName(), ref),
		[]string{dropConstraint(t, fk.Name)}, []string{alterTable(t, "ADD "+RenderForeignKey(t, fk)+" NOT VALID"), alterTable(t, "VALIDATE CONSTRAINT "+quoteIdent(fk.Name))})
	a.LockNote = "brief (metadata only), on the table and the referenced table"
	return a
}

// rebuiltForeignKeyAdd is the AddForeignKey of a rebuilt foreign key: added
// under its name NOT VALID in the contract, right after the key it
// references changed, then validated.
func (r recipeContext) rebuiltForeignKeyAdd(c schema.AddForeignKey) []dialects.Action {
	q := c.T.QName()
	ref := c.FK.RefQName()
	if ref.Schema == "" {
		ref.Schema = c.T.Schema
	}
	def := RenderForeignKey(c.T, c.FK)
	add := addNotValidAction(c.T, fmt.Sprintf("re-add foreign key %s to %s NOT VALID, now that the key of %s it uses changed", c.FK.Name, q, ref),
		c.FK.Name, def, LockShareRowExclusive, fmt.Sprintf("brief (metadata only); on %s and %s (writes wait, reads continue)", q, ref))
	add.Phase = dialects.PhaseContract
	lockForeignKeyAdd(&add, ref, q)
	val := validateAction(c.T, c.FK.Name, def, foreignKeyPreflight(c.T, c.FK))
	val.Phase = dialects.PhaseContract
	val.Summary = "re-" + val.Summary
	val.Hazards = append(val.Hazards, hazard(dialects.HazardValidationMayFail,
		fmt.Sprintf("writes of %s between the drop of %s and its re-creation were not checked against %s", q, c.FK.Name, ref)))
	lockForeignKeyValidate(&val, ref, q)
	return []dialects.Action{add, val}
}
