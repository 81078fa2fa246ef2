package planner

import (
	"maps"

	"github.com/tidedb/tide/schema"
)

// tableDiff is the work on one table present on both sides.
type tableDiff struct {
	*differ
	p tablePair
	// q is the desired (after-rename) name; curQ the current one.
	q, curQ schema.QName
	// dropT is the current table under its desired name: the T of the
	// changes that remove parts of it.
	dropT *schema.Table
	// renames maps old column names to new ones.
	renames map[string]string
}

// diffTable emits the changes of a table present on both sides.
func (d *differ) diffTable(p tablePair) error {
	td := &tableDiff{differ: d, p: p, q: p.des.QName(), curQ: p.cur.QName(), dropT: p.cur,
		renames: d.columnRenames[p.des.QName()]}
	if p.renamed {
		t := *p.cur
		t.Schema, t.Name = p.des.Schema, p.des.Name
		td.dropT = &t
		d.add(&node{changes: []schema.Change{schema.RenameTable{From: p.cur, To: p.des}}, level: levelRenameTables,
			provides: []string{relKey(td.q)}, frees: []string{relKey(td.curQ)}, needs: []string{nsKey(td.q.Schema)}})
	}
	td.columns()
	td.primaryKey()
	td.uniques()
	td.checks()
	td.indexes()
	td.foreignKeys()
	if p.cur.Comment != p.des.Comment {
		td.addTableNode(rankTableComment, 0, schema.SetTableComment{From: p.cur, To: p.des})
	}
	if !maps.Equal(p.cur.Attrs, p.des.Attrs) {
		td.addTableNode(rankTableComment, 0, schema.SetTableAttrs{From: p.cur, To: p.des})
	}
	return nil
}

// addTableNode adds a levelTables node of this table and returns it.
func (td *tableDiff) addTableNode(rank, seq int, changes ...schema.Change) *node {
	n := &node{changes: changes, level: levelTables, group: td.q.String(), rank: rank, seq: seq,
		needs: []string{relKey(td.q)}}
	td.add(n)
	return n
}

// dropNode adds a levelRemovals node.
func (td *tableDiff) dropNode(rank int, c schema.Change) *node {
	n := &node{changes: []schema.Change{c}, level: levelRemovals, rank: rank}
	td.add(n)
	return n
}

// columns emits renames, additions, changes and drops of columns.
func (td *tableDiff) columns() {
	oldOf := map[string]string{}
	for o, n := range td.renames {
		oldOf[n] = o
	}
	kept := map[string]bool{}
	for i, dc := range td.p.des.Columns {
		var cur *schema.Column
		if old, ok := oldOf[dc.Name]; ok {
			cur = td.p.cur.Column(old)
			n := td.addTableNode(rankRenameColumn, 0, schema.RenameColumn{T: td.p.des, From: cur, To: dc})
			n.provides = append(n.provides, colKey(td.q, dc.Name))
			td.affected[td.curQ] = true
		} else {
			cur = td.p.cur.Column(dc.Name)
		}
		if cur == nil {
			n := td.addTableNode(rankAddColumn, i+1, schema.AddColumn{T: td.p.des, C: dc})
			n.provides = append(n.provides, colKey(td.q, dc.Name))
			n.needs = append(n.needs, typeKey(dc.Type, td.q.Schema))
			continue
		}
		kept[cur.Name] = true
		if bits := columnChanges(cur, dc); bits != 0 {
			n := td.addTableNode(rankAlterColumn, i+1, schema.AlterColumn{T: td.p.des, From: cur, To: dc, Changes: bits})
			n.needs = append(n.needs, colKey(td.q, dc.Name), typeKey(dc.Type, td.q.Schema))
			n.holds = append(n.holds, typeKey(cur.Type, td.curQ.Schema))
			if bits&^schema.ChangeComment != 0 {
				td.affected[td.curQ] = true
			}
		}
	}
	for _, cc := range td.p.cur.Columns {
		if kept[cc.Name] {
			continue
		}
		n := td.dropNode(rankDropColumn, schema.DropColumn{T: td.dropT, C: cc})
		n.holds = append(n.holds, typeKey(cc.Type, td.curQ.Schema))
		td.affected[td.curQ] = true
	}
}

// columnChanges compares two versions of a column.
func columnChanges(a, b *schema.Column) schema.ColumnChange {
	var c schema.ColumnChange
	if a.Type != b.Type {
		c |= schema.ChangeType
	}
	if a.Nullable != b.Nullable {
		c |= schema.ChangeNull
	}
	if a.Default != b.Default {
		c |= schema.ChangeDefault
	}
	if a.Identity != b.Identity {
		c |= schema.ChangeIdentity
	}
	if a.Generated != b.Generated {
		c |= schema.ChangeGenerated
	}
	if a.Collation != b.Collation {
		c |= schema.ChangeCollation
	}
	if a.Comment != b.Comment {
		c |= schema.ChangeComment
	}
	if !maps.Equal(a.Attrs, b.Attrs) {
		c |= schema.ChangeAttrs
	}
	return c
}

// colNeeds returns the column keys of cols on this table.
func (td *tableDiff) colNeeds(cols []string) []string {
	var out []string
	for _, c := range cols {
		out = append(out, colKey(td.q, c))
	}
	return out
}

// primaryKey emits the primary key's addition, replacement, rename or drop.
func (td *tableDiff) primaryKey() {
	cur, des := td.p.cur.PrimaryKey, td.p.des.PrimaryKey
	switch {
	case cur == nil && des == nil:
	case cur == nil:
		n := td.addTableNode(rankPrimaryKey, 0, schema.AddPrimaryKey{T: td.p.des, PK: des})
		n.needs = append(n.needs, td.colNeeds(des.Columns)...)
		n.provides = append(n.provides, keyKey(td.q))
	case des == nil:
		td.keyDropped(cur.Columns, td.dropNode(rankDropPrimaryKey, schema.DropPrimaryKey{T: td.dropT, PK: cur}))
	case !equalStrings(td.cols(cur.Columns), des.Columns):
		n := td.addTableNode(rankPrimaryKey, 0, schema.DropPrimaryKey{T: td.dropT, PK: cur}, schema.AddPrimaryKey{T: td.p.des, PK: des})
		n.needs = append(n.needs, td.colNeeds(des.Columns)...)
		n.provides = append(n.provides, keyKey(td.q))
		td.keyDropped(cur.Columns, n)
	case des.Name != "" && cur.Name != des.Name:
		td.addTableNode(rankRenameObject, 0, schema.RenameConstraint{T: td.p.des, From: cur.Name, To: des.Name})
	}
}

// uniques emits the unique constraints' changes.
func (td *tableDiff) uniques() {
	var cur, des []named
	for _, u := range td.p.cur.Uniques {
		cur = append(cur, named{u.Name, td.uniqueDef(u, true), u})
	}
	for _, u := range td.p.des.Uniques {
		des = append(des, named{u.Name, td.uniqueDef(u, false), u})
	}
	m := matchNamed(cur, des)
	for _, x := range m.added {
		u := x.obj.(*schema.Unique)
		n := td.addTableNode(rankUnique, 0, schema.AddUnique{T: td.p.des, U: u})
		n.needs = append(n.needs, td.colNeeds(u.Columns)...)
		n.provides = append(n.provides, keyKey(td.q))
	}
	for _, pr := range m.changed {
		u := pr[1].obj.(*schema.Unique)
		old := pr[0].obj.(*schema.Unique)
		n := td.addTableNode(rankUnique, 0, schema.DropUnique{T: td.dropT, U: old}, schema.AddUnique{T: td.p.des, U: u})
		n.needs = append(n.needs, td.colNeeds(u.Columns)...)
		n.provides = append(n.provides, keyKey(td.q))
		td.keyDropped(old.Columns, n)
	}
	for _, pr := range m.renamed {
		td.addTableNode(rankRenameObject, 0, schema.RenameConstraint{T: td.p.des, From: pr[0].name, To: pr[1].name})
	}
	for _, x := range m.dropped {
		u := x.obj.(*schema.Unique)
		td.keyDropped(u.Columns, td.dropNode(rankDropUnique, schema.DropUnique{T: td.dropT, U: u}))
	}
}

// checks emits the check constraints' changes.
func (td *tableDiff) checks() {
	var cur, des []named
	for _, c := range td.p.cur.Checks {
		cur = append(cur, named{c.Name, td.checkDef(c, true), c})
	}
	for _, c := range td.p.des.Checks {
		des = append(des, named{c.Name, td.checkDef(c, false), c})
	}
	m := matchNamed(cur, des)
	for _, x := range m.added {
		td.addTableNode(rankCheck, 0, schema.AddCheck{T: td.p.des, C: x.obj.(*schema.Check)})
	}
	for _, pr := range m.changed {
		td.addTableNode(rankCheck, 0, schema.DropCheck{T: td.dropT, C: pr[0].obj.(*schema.Check)}, schema.AddCheck{T: td.p.des, C: pr[1].obj.(*schema.Check)})
	}
	for _, pr := range m.renamed {
		td.addTableNode(rankRenameObject, 0, schema.RenameConstraint{T: td.p.des, From: pr[0].name, To: pr[1].name})
	}
	for _, x := range m.dropped {
		td.dropNode(rankDropCheck, schema.DropCheck{T: td.dropT, C: x.obj.(*schema.Check)})
	}
}

// indexes emits the indexes' changes.
func (td *tableDiff) indexes() {
	var cur, des []named
	for _, i := range td.p.cur.Indexes {
		cur = append(cur, named{i.Name, td.indexDef(i, true), i})
	}
	for _, i := range td.p.des.Indexes {
		des = append(des, named{i.Name, td.indexDef(i, false), i})
	}
	m := matchNamed(cur, des)
	needs := func(n *node, i *schema.Index) {
		for _, p := range i.Parts {
			if p.Column != "" {
				n.needs = append(n.needs, colKey(td.q, p.Column))
			}
		}
		n.needs = append(n.needs, td.colNeeds(i.Include)...)
		if i.Unique {
			n.provides = append(n.provides, keyKey(td.q))
		}
	}
	for _, x := range m.added {
		i := x.obj.(*schema.Index)
		needs(td.addTableNode(rankIndex, 0, schema.AddIndex{T: td.p.des, I: i}), i)
	}
	for _, pr := range m.changed {
		i := pr[1].obj.(*schema.Index)
		needs(td.addTableNode(rankIndex, 0, schema.DropIndex{T: td.dropT, I: pr[0].obj.(*schema.Index)}, schema.AddIndex{T: td.p.des, I: i}), i)
	}
	for _, pr := range m.renamed {
		td.addTableNode(rankRenameObject, 0, schema.RenameIndex{T: td.p.des, From: pr[0].obj.(*schema.Index), To: pr[1].obj.(*schema.Index)})
	}
	for _, x := range m.dropped {
		td.dropNode(rankDropIndex, schema.DropIndex{T: td.dropT, I: x.obj.(*schema.Index)})
	}
}

// foreignKeys emits the foreign keys' changes. Additions and replacements
// go to levelForeignKeys, after every table, column and key they need.
func (td *tableDiff) foreignKeys() {
	var cur, des []named
	for _, f := range td.p.cur.ForeignKeys {
		cur = append(cur, named{f.Name, td.foreignKeyDef(f, true), f})
	}
	for _, f := range td.p.des.ForeignKeys {
		des = append(des, named{f.Name, td.foreignKeyDef(f, false), f})
	}
	m := matchNamed(cur, des)
	for _, x := range m.added {
		td.add(addForeignKeyNode(td.p.des, x.obj.(*schema.ForeignKey), nil))
	}
	for _, pr := range m.changed {
		drop := schema.DropForeignKey{T: td.dropT, FK: pr[0].obj.(*schema.ForeignKey)}
		td.add(addForeignKeyNode(td.p.des, pr[1].obj.(*schema.ForeignKey), drop))
	}
	for _, pr := range m.renamed {
		td.addTableNode(rankRenameObject, 0, schema.RenameConstraint{T: td.p.des, From: pr[0].name, To: pr[1].name})
	}
	for _, x := range m.dropped {
		f := x.obj.(*schema.ForeignKey)
		n := td.dropNode(rankDropForeignKey, schema.DropForeignKey{T: td.dropT, FK: f})
		n.holds = append(n.holds, relKey(f.RefQName()))
	}
}

// addForeignKeyNode is the node of an AddForeignKey on t (desired), preceded
// by drop when the key replaces one whose definition changed.
func addForeignKeyNode(t *schema.Table, fk *schema.ForeignKey, drop schema.Change) *node {
	n := &node{level: levelForeignKeys, needs: []string{relKey(t.QName()), relKey(fk.RefQName()), keyKey(fk.RefQName())}}
	if drop != nil {
		n.changes = append(n.changes, drop)
	}
	n.changes = append(n.changes, schema.AddForeignKey{T: t, FK: fk})
	for _, c := range fk.Columns {
		n.needs = append(n.needs, colKey(t.QName(), c))
	}
	for _, c := range fk.RefColumns {
		n.needs = append(n.needs, colKey(fk.RefQName(), c))
	}
	return n
}
