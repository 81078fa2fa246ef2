package planner

import (
	"slices"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Foreign keys that use a key the plan drops or replaces
//
// A foreign key depends on the primary key or unique constraint of the
// referenced table that covers its referenced columns: the key cannot be
// dropped while the foreign key exists. When the plan drops or replaces such
// a key, every current foreign key that references exactly the key's columns
// is dropped first (a DropForeignKey placed right before the key's node) and,
// when the desired state still has it, added again after the key's node (an
// AddForeignKey that needs the key). A foreign key the desired state changes
// anyway has its replacement pair split that way; one whose table is dropped
// only gets the early drop. Build tells the dialect which foreign keys are
// rebuilt (Env.RebuiltForeignKeys, see rebuiltForeignKeys).

// keyDrop is a primary key or unique constraint that the plan drops or
// replaces.
type keyDrop struct {
	// table is the current name of the key's table; cols the key's columns
	// (current names).
	table schema.QName
	cols  []string
	// node drops (or replaces) the key.
	node *node
}

// keyDropped records that node n drops or replaces this table's key on cols.
func (td *tableDiff) keyDropped(cols []string, n *node) {
	td.keyDrops = append(td.keyDrops, keyDrop{table: td.curQ, cols: cols, node: n})
}

// fkDropKey names "foreign key name of table t has been dropped" (t: the
// name the DropForeignKey change gives the table).
func fkDropKey(t schema.QName, name string) string { return "fkdrop:" + t.String() + "." + name }

// keyUseKey names "the current key of table t on cols is still in use".
func keyUseKey(t schema.QName, cols []string) string {
	s := append([]string(nil), cols...)
	slices.Sort(s)
	return "keyuse:" + t.String() + ":" + defString(s)
}

// sameColumnSet reports whether a and b hold the same columns, in any order.
func sameColumnSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// refersTo reports whether foreign key fk of table t (current schema)
// references exactly the columns cols of table q.
func refersTo(t *schema.Table, fk *schema.ForeignKey, q schema.QName, cols []string) bool {
	ref := fk.RefQName()
	if ref.Schema == "" {
		ref.Schema = t.Schema
	}
	return ref == q && sameColumnSet(fk.RefColumns, cols)
}

// rebuildKeyDependents drops, before each key drop or replacement, the
// current foreign keys that use the key, and adds back after it those the
// desired state keeps (see the top of this file).
func (d *differ) rebuildKeyDependents() {
	for _, kd := range d.keyDrops {
		use := keyUseKey(kd.table, kd.cols)
		kd.node.frees = append(kd.node.frees, use)
		for _, ct := range sortedTables(d.current.Tables) {
			for _, fk := range ct.ForeignKeys {
				if refersTo(ct, fk, kd.table, kd.cols) {
					d.rebuildForeignKey(kd, ct, fk, use)
				}
			}
		}
	}
}

// rebuildForeignKey moves the drop of foreign key fk of current table ct
// before kd's node (holding use, which that node frees), and makes its
// re-creation, if any, wait for the drop.
func (d *differ) rebuildForeignKey(kd keyDrop, ct *schema.Table, fk *schema.ForeignKey, use string) {
	drop, add := d.takeForeignKeyNodes(fk)
	var dropT, desT *schema.Table
	for _, p := range d.pairs {
		if p.cur == ct {
			dropT, desT = ct, p.des
			if p.renamed {
				t := *ct
				t.Schema, t.Name = p.des.Schema, p.des.Name
				dropT = &t
			}
		}
	}
	if dropT == nil { // the table is dropped
		dropT = ct
	}
	if drop == nil {
		drop = &node{changes: []schema.Change{schema.DropForeignKey{T: dropT, FK: fk}}, holds: []string{relKey(fk.RefQName())}}
		d.add(drop)
	}
	// Right before the key's node, in its level and group.
	drop.level, drop.group, drop.rank, drop.seq = kd.node.level, kd.node.group, kd.node.rank, -1
	if drop.level == levelRemovals {
		drop.rank = rankDropForeignKey
	}
	drop.holds = append(drop.holds, use)
	dropped := fkDropKey(dropT.QName(), fk.Name)
	drop.provides = append(drop.provides, dropped)
	if add == nil && desT != nil {
		if same := d.keptForeignKey(desT, fk); same != nil {
			add = addForeignKeyNode(desT, same, nil)
			d.add(add)
		}
	}
	if add != nil {
		add.needs = append(add.needs, dropped)
	}
}

// takeForeignKeyNodes finds the nodes that drop current foreign key fk: a
// lone drop is returned as drop; a replacement pair (drop then add) is split,
// its add returned as add and its drop moved into a new node returned as
// drop. Either is nil when there is none.
func (d *differ) takeForeignKeyNodes(fk *schema.ForeignKey) (drop, add *node) {
	for _, n := range d.nodes {
		for i, c := range n.changes {
			dc, ok := c.(schema.DropForeignKey)
			if !ok || dc.FK != fk {
				continue
			}
			if len(n.changes) == 1 {
				return n, nil
			}
			n.changes = slices.Delete(slices.Clone(n.changes), i, i+1)
			drop = &node{changes: []schema.Change{dc}, holds: []string{relKey(fk.RefQName())}}
			d.add(drop)
			return drop, n
		}
	}
	return nil, nil
}

// keptForeignKey returns the desired version of current foreign key fk in
// desired table des when the desired state keeps it unchanged: under its
// name, or under the name a rename gives it (the rename's node is removed:
// the key is added under its new name instead).
func (d *differ) keptForeignKey(des *schema.Table, fk *schema.ForeignKey) *schema.ForeignKey {
	name := fk.Name
	for i, n := range d.nodes {
		if rc, ok := n.changes[0].(schema.RenameConstraint); ok && len(n.changes) == 1 && rc.T.QName() == des.QName() && rc.From == fk.Name {
			name = rc.To
			d.nodes = slices.Delete(d.nodes, i, i+1)
			break
		}
	}
	for _, f := range des.ForeignKeys {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// rebuiltForeignKeys names the DropForeignKey and AddForeignKey changes of
// a plan that rebuild a foreign key around a key the plan drops or replaces
// (see dialects.Env.RebuiltForeignKeys): a DropForeignKey whose key
// references exactly the columns of a dropped primary key or unique
// constraint, and an AddForeignKey on the same table with the same name or
// the same referenced table as such a drop. renamed maps desired to current
// table names.
func rebuiltForeignKeys(changes []schema.Change, renamed map[schema.QName]schema.QName) map[dialects.ForeignKeyRef]bool {
	type key struct {
		table schema.QName
		cols  []string
	}
	var keys []key
	current := func(q schema.QName) schema.QName {
		if old, ok := renamed[q]; ok {
			return old
		}
		return q
	}
	for _, c := range changes {
		switch c := c.(type) {
		case schema.DropPrimaryKey:
			keys = append(keys, key{current(c.T.QName()), c.PK.Columns})
		case schema.DropUnique:
			keys = append(keys, key{current(c.T.QName()), c.U.Columns})
		}
	}
	if len(keys) == 0 {
		return nil
	}
	out := map[dialects.ForeignKeyRef]bool{}
	refs := map[schema.QName][]schema.QName{} // table → referenced tables of its rebuilt keys
	names := map[dialects.ForeignKeyRef]bool{}
	for _, c := range changes {
		dc, ok := c.(schema.DropForeignKey)
		if !ok {
			continue
		}
		for _, k := range keys {
			if refersTo(&schema.Table{Schema: dc.T.Schema, Name: dc.T.Name}, dc.FK, k.table, k.cols) {
				r := dialects.ForeignKeyRef{Table: dc.T.QName(), Name: dc.FK.Name}
				out[r], names[r] = true, true
				refs[dc.T.QName()] = append(refs[dc.T.QName()], dc.FK.RefQName())
				break
			}
		}
	}
	for _, c := range changes {
		ac, ok := c.(schema.AddForeignKey)
		if !ok {
			continue
		}
		r := dialects.ForeignKeyRef{Table: ac.T.QName(), Name: ac.FK.Name}
		ref := ac.FK.RefQName()
		if ref.Schema == "" {
			ref.Schema = ac.T.Schema
		}
		if names[r] || slices.Contains(refs[ac.T.QName()], current(ref)) {
			out[r] = true
		}
	}
	return out
}
