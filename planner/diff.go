package planner

import (
	"fmt"
	"sort"

	"github.com/tidedb/tide/schema"
)

// Diff compares a live schema with a desired one (both already in the
// dialect's canonical form) and returns the changes that turn current into
// desired, in dependency order (see order.go for the ordering model). A nil
// schema is an empty one.
//
// Objects are matched by qualified name; a desired table or column with a
// renamed_from hint is matched with its old name when the new name is not
// there yet. Indexes and constraints with different names but the same
// definition on the same table are renamed rather than dropped and created.
// A dropped table yields only its DropTable: its columns, indexes and
// constraints go with it. Foreign keys of dropped tables are not dropped
// separately, except those that join dropped tables in a reference cycle,
// which are dropped first so that the tables can be dropped one by one.
func Diff(current, desired *schema.Schema) ([]schema.Change, error) {
	if current == nil {
		current = &schema.Schema{}
	}
	if desired == nil {
		desired = &schema.Schema{}
	}
	d := &differ{current: current, desired: desired}
	if err := d.matchTables(); err != nil {
		return nil, err
	}
	d.diffNamespaces()
	d.diffEnums()
	d.diffSequences()
	for _, p := range d.pairs {
		if err := d.diffTable(p); err != nil {
			return nil, err
		}
	}
	d.addTables()
	d.dropTables()
	d.rebuildKeyDependents()
	d.keepKeyTypeChangesTogether()
	d.diffViews()
	return order(d.nodes)
}

// differ holds one Diff's state.
type differ struct {
	current, desired *schema.Schema
	nodes            []*node

	// pairs are the tables present on both sides (by name or by a rename
	// hint), sorted by desired name.
	pairs []tablePair
	// added and dropped are the unmatched desired and current tables, sorted.
	added, dropped []*schema.Table
	// tableRenames maps a current table name to its desired name.
	tableRenames map[schema.QName]schema.QName
	// columnRenames maps a desired table to its columns' old → new names.
	columnRenames map[schema.QName]map[string]string
	// affected holds the current names of tables whose columns change or
	// that are renamed or dropped: views reading them are re-created.
	affected map[schema.QName]bool
	// keyDrops are the primary keys and unique constraints the plan drops
	// or replaces (see rebuildKeyDependents).
	keyDrops []keyDrop
}

// tablePair is a table in both schemas.
type tablePair struct {
	cur, des *schema.Table
	// renamed is true when cur has another name than des.
	renamed bool
}

// add appends a node.
func (d *differ) add(n *node) { d.nodes = append(d.nodes, n) }

// posPrefix formats a source position as "file:line:col: " ("" if unknown).
func posPrefix(p schema.Pos) string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File + ": "
	default:
		return fmt.Sprintf("%s:%d:%d: ", p.File, p.Line, p.Column)
	}
}

// sortedTables returns the tables sorted by qualified name.
func sortedTables(ts []*schema.Table) []*schema.Table {
	out := append([]*schema.Table(nil), ts...)
	sort.SliceStable(out, func(i, j int) bool { return qless(out[i].QName(), out[j].QName()) })
	return out
}

// qless orders qualified names by schema, then name.
func qless(a, b schema.QName) bool {
	if a.Schema != b.Schema {
		return a.Schema < b.Schema
	}
	return a.Name < b.Name
}

// matchTables pairs current and desired tables by name and rename hints.
func (d *differ) matchTables() error {
	d.tableRenames = map[schema.QName]schema.QName{}
	d.columnRenames = map[schema.QName]map[string]string{}
	d.affected = map[schema.QName]bool{}
	claimed := map[schema.QName]*schema.Table{} // current name → desired table that took it
	desiredTables := sortedTables(d.desired.Tables)
	// Indexes by name (the first of duplicates, as Schema.Table finds):
	// a linear lookup per table made matching quadratic.
	curByName, desByName := d.current.TablesByName(), d.desired.TablesByName()
	for _, dt := range desiredTables {
		if cur := curByName[dt.QName()]; cur != nil {
			claimed[cur.QName()] = dt
			d.pairs = append(d.pairs, tablePair{cur: cur, des: dt})
		}
	}
	for _, dt := range desiredTables {
		if dt.RenamedFrom == "" {
			continue
		}
		old := schema.ParseQName(dt.RenamedFrom, dt.Schema)
		if other := desByName[old]; other != nil && other != dt {
			return fmt.Errorf("%stable %s: renamed_from = %q names table %s, which the desired schema also defines; "+
				"remove the renamed_from hint or the table %s", posPrefix(dt.Pos), dt.QName(), dt.RenamedFrom, old, old)
		}
		if curByName[dt.QName()] != nil {
			continue // already renamed: the hint is stale
		}
		cur := curByName[old]
		if cur == nil {
			continue // nothing to rename: the table is created
		}
		if prev := claimed[old]; prev != nil {
			return fmt.Errorf("%stable %s: renamed_from = %q names table %s, which table %s is already renamed from; "+
				"keep the hint on one table only", posPrefix(dt.Pos), dt.QName(), dt.RenamedFrom, old, prev.QName())
		}
		claimed[old] = dt
		d.tableRenames[old] = dt.QName()
		d.affected[old] = true
		d.pairs = append(d.pairs, tablePair{cur: cur, des: dt, renamed: true})
	}
	sort.SliceStable(d.pairs, func(i, j int) bool { return qless(d.pairs[i].des.QName(), d.pairs[j].des.QName()) })
	paired := map[*schema.Table]bool{}
	for _, p := range d.pairs {
		paired[p.des] = true
		if err := d.matchColumns(p); err != nil {
			return err
		}
	}
	for _, dt := range desiredTables {
		if !paired[dt] {
			d.added = append(d.added, dt)
		}
	}
	for _, ct := range sortedTables(d.current.Tables) {
		if claimed[ct.QName()] == nil {
			d.dropped = append(d.dropped, ct)
			d.affected[ct.QName()] = true
		}
	}
	return nil
}

// matchColumns records the column renames of a table pair.
func (d *differ) matchColumns(p tablePair) error {
	renames := map[string]string{}
	claimed := map[string]string{}
	for _, dc := range p.des.Columns {
		if dc.RenamedFrom == "" {
			continue
		}
		if other := p.des.Column(dc.RenamedFrom); other != nil && other != dc {
			return fmt.Errorf("%scolumn %s.%s: renamed_from = %q names column %s, which table %s also defines; "+
				"remove the renamed_from hint or the column %s", posPrefix(dc.Pos), p.des.QName(), dc.Name,
				dc.RenamedFrom, dc.RenamedFrom, p.des.QName(), dc.RenamedFrom)
		}
		if p.cur.Column(dc.Name) != nil || p.cur.Column(dc.RenamedFrom) == nil {
			continue // stale hint, or nothing to rename
		}
		if prev, ok := claimed[dc.RenamedFrom]; ok {
			return fmt.Errorf("%scolumn %s.%s: renamed_from = %q names column %s, which column %s is already renamed from; "+
				"keep the hint on one column only", posPrefix(dc.Pos), p.des.QName(), dc.Name, dc.RenamedFrom, dc.RenamedFrom, prev)
		}
		claimed[dc.RenamedFrom] = dc.Name
		renames[dc.RenamedFrom] = dc.Name
	}
	if len(renames) > 0 {
		d.columnRenames[p.des.QName()] = renames
	}
	return nil
}

// newName returns the desired name of a current table (itself when not renamed).
func (d *differ) newName(q schema.QName) schema.QName {
	if n, ok := d.tableRenames[q]; ok {
		return n
	}
	return q
}

// newColumn returns the desired name of a current column of the current
// table q (itself when not renamed).
func (d *differ) newColumn(q schema.QName, col string) string {
	if n, ok := d.columnRenames[d.newName(q)][col]; ok {
		return n
	}
	return col
}

// addTables creates the unmatched desired tables and their foreign keys.
func (d *differ) addTables() {
	for _, t := range d.added {
		n := &node{changes: []schema.Change{schema.AddTable{T: t}}, level: levelAddTables,
			provides: []string{relKey(t.QName()), keyKey(t.QName())}, needs: []string{nsKey(t.Schema)}}
		for _, c := range t.Columns {
			n.provides = append(n.provides, colKey(t.QName(), c.Name))
			n.needs = append(n.needs, typeKey(c.Type, t.Schema))
		}
		d.add(n)
		for _, fk := range t.ForeignKeys {
			d.add(addForeignKeyNode(t, fk, nil))
		}
	}
}

// dropTables drops the unmatched current tables, referencing tables first.
// Foreign keys joining dropped tables in a reference cycle are dropped first.
func (d *differ) dropTables() {
	dropped := map[schema.QName]bool{}
	for _, t := range d.dropped {
		dropped[t.QName()] = true
	}
	cyclic := cyclicForeignKeys(d.dropped, dropped)
	for _, t := range d.dropped {
		n := &node{changes: []schema.Change{schema.DropTable{T: t}}, level: levelRemovals, rank: rankDropTable,
			frees: []string{relKey(t.QName())}, holds: []string{nsKey(t.Schema)}}
		for _, c := range t.Columns {
			n.holds = append(n.holds, typeKey(c.Type, t.Schema))
		}
		for _, fk := range t.ForeignKeys {
			if fk.RefQName() == t.QName() {
				continue
			}
			if cyclic[fk] {
				d.add(&node{changes: []schema.Change{schema.DropForeignKey{T: t, FK: fk}}, level: levelRemovals,
					rank: rankDropForeignKey, holds: []string{relKey(fk.RefQName())}})
				continue
			}
			n.holds = append(n.holds, relKey(fk.RefQName()))
		}
		d.add(n)
	}
}

// cyclicForeignKeys returns the foreign keys between dropped tables that lie
// on a reference cycle (tables in one strongly connected component).
func cyclicForeignKeys(tables []*schema.Table, dropped map[schema.QName]bool) map[*schema.ForeignKey]bool {
	refs := map[schema.QName][]schema.QName{}
	for _, t := range tables {
		for _, fk := range t.ForeignKeys {
			if r := fk.RefQName(); dropped[r] && r != t.QName() {
				refs[t.QName()] = append(refs[t.QName()], r)
			}
		}
	}
	comp := stronglyConnected(tables, refs)
	out := map[*schema.ForeignKey]bool{}
	for _, t := range tables {
		for _, fk := range t.ForeignKeys {
			r := fk.RefQName()
			if dropped[r] && r != t.QName() && comp[r] == comp[t.QName()] {
				out[fk] = true
			}
		}
	}
	return out
}

// stronglyConnected numbers the strongly connected components of the
// reference graph (Tarjan's algorithm).
func stronglyConnected(tables []*schema.Table, refs map[schema.QName][]schema.QName) map[schema.QName]int {
	index, low := map[schema.QName]int{}, map[schema.QName]int{}
	onStack := map[schema.QName]bool{}
	comp := map[schema.QName]int{}
	var stack []schema.QName
	next, ncomp := 0, 0
	var visit func(v schema.QName)
	visit = func(v schema.QName) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range refs[v] {
			if _, seen := index[w]; !seen {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				comp[w] = ncomp
				if w == v {
					break
				}
			}
			ncomp++
		}
	}
	for _, t := range tables {
		if _, seen := index[t.QName()]; !seen {
			visit(t.QName())
		}
	}
	return comp
}
