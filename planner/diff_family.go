package planner

import (
	"slices"
	"sort"

	"github.com/tidedb/tide/schema"
)

// Type changes of key columns
//
// Changing the type of a primary key column usually means changing the type
// of the foreign key columns that reference it in the same plan (an integer
// id widened to bigint, and every *_id column with it). A dialect may carry
// such changes out together — a shadow column on every table, the foreign
// keys moved in one swap — so the planner keeps the AlterColumn changes of
// columns joined by a current foreign key (on either side, transitively) in
// one node: their changes stay adjacent, sorted by object, and the node
// comes before every other change that needs one of those columns.

// keepKeyTypeChangesTogether merges the type-changing AlterColumn nodes of
// columns joined by current foreign keys (see above).
func (d *differ) keepKeyTypeChangesTogether() {
	type colRef struct {
		table schema.QName // current name
		col   string       // current name
	}
	desToCur := map[schema.QName]schema.QName{}
	for _, p := range d.pairs {
		desToCur[p.des.QName()] = p.cur.QName()
	}
	alters := map[colRef]*node{}
	for _, n := range d.nodes {
		if len(n.changes) != 1 {
			continue
		}
		if c, ok := n.changes[0].(schema.AlterColumn); ok && c.Changes.Has(schema.ChangeType) {
			if cur, ok := desToCur[c.T.QName()]; ok {
				alters[colRef{cur, c.From.Name}] = n
			}
		}
	}
	if len(alters) < 2 {
		return
	}
	parent := map[*node]*node{}
	for _, n := range alters {
		parent[n] = n
	}
	var find func(n *node) *node
	find = func(n *node) *node {
		if parent[n] != n {
			parent[n] = find(parent[n])
		}
		return parent[n]
	}
	for _, ct := range d.current.Tables {
		for _, fk := range ct.ForeignKeys {
			ref := fk.RefQName()
			if ref.Schema == "" {
				ref.Schema = ct.Schema
			}
			var joined []*node
			for i, c := range fk.Columns {
				if n := alters[colRef{ct.QName(), c}]; n != nil {
					joined = append(joined, n)
				}
				if i < len(fk.RefColumns) {
					if n := alters[colRef{ref, fk.RefColumns[i]}]; n != nil {
						joined = append(joined, n)
					}
				}
			}
			for _, n := range joined {
				parent[find(n)] = find(joined[0])
			}
		}
	}
	groups := map[*node][]*node{}
	var roots []*node
	for _, n := range d.nodes { // node order: deterministic
		if _, ok := parent[n]; !ok {
			continue
		}
		r := find(n)
		if groups[r] == nil {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], n)
	}
	for _, r := range roots {
		if len(groups[r]) > 1 {
			d.mergeNodes(groups[r])
		}
	}
}

// mergeNodes replaces levelTables nodes of single AlterColumn changes by one
// node holding their changes sorted by object, placed where the first of
// them (in group order) was, and providing every changed column.
func (d *differ) mergeNodes(members []*node) {
	sort.SliceStable(members, func(i, j int) bool {
		if members[i].group != members[j].group {
			return members[i].group < members[j].group
		}
		return members[i].seq < members[j].seq
	})
	first := members[0]
	m := &node{level: first.level, group: first.group, rank: first.rank, seq: first.seq}
	for _, n := range members {
		m.changes = append(m.changes, n.changes...)
		c := n.changes[0].(schema.AlterColumn)
		m.provides = append(m.provides, n.provides...)
		m.provides = append(m.provides, colKey(c.T.QName(), c.To.Name))
		m.needs = append(m.needs, n.needs...)
		m.frees = append(m.frees, n.frees...)
		m.holds = append(m.holds, n.holds...)
	}
	m.needs = slices.DeleteFunc(m.needs, func(k string) bool { return slices.Contains(m.provides, k) })
	sort.SliceStable(m.changes, func(i, j int) bool { return m.changes[i].Object() < m.changes[j].Object() })
	d.nodes = slices.DeleteFunc(d.nodes, func(n *node) bool { return slices.Contains(members, n) })
	d.add(m)
}
