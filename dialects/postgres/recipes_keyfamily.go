package postgres

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tidedb/tide/schema"
)

// Type changes of key columns
//
// A primary key column, or a column of a foreign key (either side), cannot
// change type alone through a shadow column: the key, and every foreign key
// joined to the column, must move to the new column in the same short swap.
// The columns the plan retypes that are joined by foreign keys (transitively:
// users.id, the orders.user_id referencing it, the order_lines.order_id
// referencing orders …) form a key family, changed together by the recipe of
// its first member (keyFamilyRetype, in recipes_keyswap.go); the other
// members' AlterColumn has no action of its own (the planner keeps them in
// one node). A family needs every member to be shadow-able on its own, and
// the keys around it to stay as they are; otherwise every member is
// rewritten in place, with a NO_SAFE_RECIPE hazard saying why.

// keyFamily is the set of key columns retyped together.
type keyFamily struct {
	// members are the retyped columns, sorted by object name (desired
	// table, column); the first one's recipe carries out the family.
	members []*familyMember
	// fks are the current foreign keys joined to a member, by table and name.
	fks []*familyFK
	// pks are the primary keys with a member column.
	pks []*familyPK
	// refusal says why the family cannot be moved online ("" when it can).
	refusal string
}

// familyMember is one retyped column of a key family.
type familyMember struct {
	cur, des *schema.Table // the table's current and desired definitions
	from, to *schema.Column
	// m is the column's shadow plan (nil when the family is refused).
	m *shadowMove
}

// object is the member's object name, as its AlterColumn names it.
func (fm *familyMember) object() string { return fm.des.QName().String() + "." + fm.to.Name }

// familyFK is a current foreign key joined to a member of a key family.
type familyFK struct {
	t  *schema.Table // its table, current definition
	fk *schema.ForeignKey
	// kept is true when the desired state keeps the key as it is: a copy is
	// built on the shadow columns and takes its name in the swap; a key the
	// desired state drops (or whose table it drops) is dropped in the swap.
	kept bool
	copy *schema.ForeignKey
}

// familyPK is a primary key with a member column: its copy, a unique index
// on the shadow columns, becomes the primary key in the swap.
type familyPK struct {
	t    *schema.Table // current definition
	name string
	pk   *schema.PrimaryKey
	copy *schema.Index
}

// colRef is a column of a current table.
type colRef struct {
	table schema.QName
	col   string
}

// keyFamilyOf returns the key family of the type change of column from
// (current) into to (desired) of table t (desired name; cur its current
// definition), or nil when the column is neither in the primary key nor in
// a foreign key.
func (r recipeContext) keyFamilyOf(t, cur *schema.Table, from, to *schema.Column) *keyFamily {
	if r.env.Current == nil || cur == nil {
		return nil
	}
	start := colRef{cur.QName(), from.Name}
	inPK := cur.PrimaryKey != nil && contains(cur.PrimaryKey.Columns, from.Name)
	if !inPK && len(r.joinedForeignKeys(start)) == 0 {
		return nil
	}
	f := &keyFamily{}
	seen := map[colRef]bool{start: true}
	fkSeen := map[*schema.ForeignKey]bool{}
	queue := []colRef{start}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		fm, why := r.familyMember(c)
		if c == start { // the change itself says what it does
			fm, why = &familyMember{cur: cur, des: t, from: from, to: to}, ""
			if des := r.desiredTable(t); des != nil {
				fm.des = des
			}
		}
		if why != "" && f.refusal == "" {
			f.refusal = why
		}
		if fm != nil {
			f.members = append(f.members, fm)
		}
		for _, j := range r.joinedForeignKeys(c) {
			if fkSeen[j.fk] {
				continue
			}
			fkSeen[j.fk] = true
			f.fks = append(f.fks, j)
			for i, col := range j.fk.Columns {
				next := []colRef{{j.t.QName(), col}}
				if i < len(j.fk.RefColumns) {
					next = append(next, colRef{refQName(j.t, j.fk), j.fk.RefColumns[i]})
				}
				for _, n := range next {
					if !seen[n] && r.retyped(n) {
						seen[n] = true
						queue = append(queue, n)
					}
				}
			}
		}
	}
	sort.SliceStable(f.members, func(i, j int) bool { return f.members[i].object() < f.members[j].object() })
	sort.SliceStable(f.fks, func(i, j int) bool {
		a, b := f.fks[i], f.fks[j]
		if a.t.QName() != b.t.QName() {
			return a.t.QName().String() < b.t.QName().String()
		}
		return a.fk.Name < b.fk.Name
	})
	if f.refusal == "" {
		f.refusal = r.familyRefusal(f)
	}
	if f.refusal == "" {
		r.planFamily(f)
	}
	return f
}

// refQName is the table foreign key fk of t references.
func refQName(t *schema.Table, fk *schema.ForeignKey) schema.QName {
	ref := fk.RefQName()
	if ref.Schema == "" {
		ref.Schema = t.Schema
	}
	return ref
}

// joinedForeignKeys returns the current foreign keys that have column c on
// either side.
func (r recipeContext) joinedForeignKeys(c colRef) []*familyFK {
	var out []*familyFK
	for _, t := range r.env.Current.Tables {
		for _, fk := range t.ForeignKeys {
			if (t.QName() == c.table && contains(fk.Columns, c.col)) || (refQName(t, fk) == c.table && contains(fk.RefColumns, c.col)) {
				out = append(out, &familyFK{t: t, fk: fk})
			}
		}
	}
	return out
}

// retyped reports whether the plan changes the type of current column c in
// a way that rewrites the table (a column renamed or dropped is not
// retyped; a renamed table counts under its current name).
func (r recipeContext) retyped(c colRef) bool {
	cur := r.env.Current.Table(c.table)
	des := r.desiredOf(c.table)
	if cur == nil || des == nil || cur.Column(c.col) == nil {
		return false
	}
	from, to := cur.Column(c.col), des.Column(c.col)
	return to != nil && from.Type != to.Type && !binaryCoercible(from.Type, to.Type)
}

// desiredOf returns the desired definition of the current table q,
// following a rename.
func (r recipeContext) desiredOf(q schema.QName) *schema.Table {
	if r.env.Desired == nil {
		return nil
	}
	for des, cur := range r.env.RenamedTables {
		if cur == q {
			return r.env.Desired.Table(des)
		}
	}
	return r.env.Desired.Table(q)
}

// familyMember returns the member for current column c, or why it cannot be
// one.
func (r recipeContext) familyMember(c colRef) (*familyMember, string) {
	cur := r.env.Current.Table(c.table)
	des := r.desiredOf(c.table)
	if des == nil || des.QName() != cur.QName() {
		return nil, fmt.Sprintf("table %s is renamed in the same plan", c.table)
	}
	fm := &familyMember{cur: cur, des: des, from: cur.Column(c.col), to: des.Column(c.col)}
	if why := r.columnShadowRefusal(des, cur, fm.from, fm.to); why != "" {
		return nil, fmt.Sprintf("%s.%s: %s", c.table, c.col, why)
	}
	return fm, ""
}

// familyRefusal says why the family's keys cannot be moved to the shadow
// columns in one swap, or "".
func (r recipeContext) familyRefusal(f *keyFamily) string {
	members := map[colRef]bool{}
	tables := map[schema.QName][]*familyMember{}
	for _, fm := range f.members {
		members[colRef{fm.cur.QName(), fm.from.Name}] = true
		tables[fm.cur.QName()] = append(tables[fm.cur.QName()], fm)
	}
	for _, j := range f.fks {
		q, ref := j.t.QName(), refQName(j.t, j.fk)
		if r.renamedCurrent(q) || r.renamedCurrent(ref) {
			return fmt.Sprintf("foreign key %s joins a table the plan renames", j.fk.Name)
		}
		if a := action(j.fk.OnUpdate); a != schema.ActionNoAction && a != schema.ActionRestrict {
			return fmt.Sprintf("foreign key %s has ON UPDATE %s, whose copy would fight the sync trigger", j.fk.Name, strings.ToUpper(a))
		}
		if action(j.fk.OnDelete) == schema.ActionSetDefault {
			return fmt.Sprintf("foreign key %s has ON DELETE SET DEFAULT, whose copy would fight the sync trigger", j.fk.Name)
		}
		des := r.desiredOf(q)
		if des == nil {
			continue // its table is dropped: the swap drops the key
		}
		d := findForeignKey(des, j.fk.Name)
		switch {
		case d != nil && !sameForeignKey(j.t, j.fk, d):
			return fmt.Sprintf("foreign key %s changes in the same plan", j.fk.Name)
		case d == nil && slices.ContainsFunc(des.ForeignKeys, func(o *schema.ForeignKey) bool { return sameForeignKey(j.t, j.fk, o) }):
			return fmt.Sprintf("foreign key %s is renamed in the same plan", j.fk.Name)
		}
		j.kept = d != nil
	}
	var order []schema.QName
	for q := range tables {
		order = append(order, q)
	}
	sort.Slice(order, func(i, j int) bool { return order[i].String() < order[j].String() })
	for _, q := range order {
		fms := tables[q]
		cur, des := fms[0].cur, fms[0].des
		if cur.PrimaryKey != nil && usesMember(cur.PrimaryKey.Columns, q, members) {
			if des.PrimaryKey == nil || !slices.Equal(des.PrimaryKey.Columns, cur.PrimaryKey.Columns) ||
				PrimaryKeyName(des, des.PrimaryKey) != PrimaryKeyName(cur, cur.PrimaryKey) {
				return fmt.Sprintf("the primary key of %s changes in the same plan", q)
			}
		}
		if why := twoMembersInOneObject(cur, q, members); why != "" {
			return why
		}
	}
	// A foreign key the plan adds on a member, or to one, would be built in
	// the expansion on the old column and its old key.
	for _, dt := range r.env.Desired.Tables {
		ct := r.currentTable(dt)
		for _, fk := range dt.ForeignKeys {
			if ct != nil && findForeignKey(ct, fk.Name) != nil {
				continue
			}
			ref := fk.RefQName()
			if ref.Schema == "" {
				ref.Schema = dt.Schema
			}
			for i, c := range fk.Columns {
				if (ct != nil && members[colRef{ct.QName(), c}]) || (i < len(fk.RefColumns) && members[colRef{r.currentName(ref), fk.RefColumns[i]}]) {
					return fmt.Sprintf("foreign key %s of %s, which the plan adds, uses a retyped key column: add it in a later plan", fk.Name, dt.QName())
				}
			}
		}
	}
	return ""
}

// renamedCurrent reports whether the plan renames the current table q.
func (r recipeContext) renamedCurrent(q schema.QName) bool {
	for _, cur := range r.env.RenamedTables {
		if cur == q {
			return true
		}
	}
	return false
}

// usesMember reports whether cols (of current table q) hold a member.
func usesMember(cols []string, q schema.QName, members map[colRef]bool) bool {
	for _, c := range cols {
		if members[colRef{q, c}] {
			return true
		}
	}
	return false
}

// twoMembersInOneObject says which key, index or check of current table t
// uses two retyped columns of the family (its copy would need both shadows
// at once), or "".
func twoMembersInOneObject(t *schema.Table, q schema.QName, members map[colRef]bool) string {
	count := func(uses func(col string) bool) int {
		n := 0
		for _, c := range t.Columns {
			if members[colRef{q, c.Name}] && uses(c.Name) {
				n++
			}
		}
		return n
	}
	if pk := t.PrimaryKey; pk != nil && count(func(c string) bool { return contains(pk.Columns, c) }) > 1 {
		return fmt.Sprintf("two retyped columns are in the primary key of %s", q)
	}
	for _, u := range t.Uniques {
		if count(func(c string) bool { return contains(u.Columns, c) }) > 1 {
			return fmt.Sprintf("two retyped columns are in unique constraint %s", u.Name)
		}
	}
	for _, i := range t.Indexes {
		if count(func(c string) bool { return indexUses(i, c) }) > 1 {
			return fmt.Sprintf("two retyped columns are in index %s", i.Name)
		}
	}
	for _, k := range t.Checks {
		if count(func(c string) bool { return mentions(k.Expr, c) }) > 1 {
			return fmt.Sprintf("two retyped columns are in check %s", k.Name)
		}
	}
	return ""
}

// sameForeignKey reports whether foreign keys a (of current table t) and b
// mean the same, names aside.
func sameForeignKey(t *schema.Table, a, b *schema.ForeignKey) bool {
	rb := b.RefQName()
	if rb.Schema == "" {
		rb.Schema = t.Schema
	}
	return slices.Equal(a.Columns, b.Columns) && refQName(t, a) == rb && slices.Equal(a.RefColumns, b.RefColumns) &&
		action(a.OnDelete) == action(b.OnDelete) && action(a.OnUpdate) == action(b.OnUpdate) &&
		a.Deferrable == b.Deferrable && a.InitiallyDeferred == b.InitiallyDeferred
}

// action normalises a referential action ("" means no action).
func action(a string) string {
	if a == "" {
		return schema.ActionNoAction
	}
	return a
}

// planFamily fills in the shadow plans of the members and the copies of the
// keys: every foreign key kept gets a copy on the shadow columns (of its
// own table and of the table it references), every primary key with a
// member a unique index on them.
func (r recipeContext) planFamily(f *keyFamily) {
	members := map[colRef]bool{}
	for _, fm := range f.members {
		fm.m = r.newShadowMove(fm.des, fm.cur, fm.from, fm.to)
		members[colRef{fm.cur.QName(), fm.from.Name}] = true
	}
	shadowOf := func(q schema.QName, cols []string) []string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = c
			if members[colRef{q, c}] {
				out[i] = ShadowColumnName(c)
			}
		}
		return out
	}
	for _, j := range f.fks {
		if !j.kept {
			continue
		}
		cp := *j.fk
		cp.Name = withSuffix(j.fk.Name, copySuffix)
		cp.Columns = shadowOf(j.t.QName(), j.fk.Columns)
		cp.RefColumns = shadowOf(refQName(j.t, j.fk), j.fk.RefColumns)
		cp.RefSchema = refQName(j.t, j.fk).Schema
		j.copy = &cp
	}
	seen := map[schema.QName]bool{}
	for _, fm := range f.members {
		t := fm.cur
		if seen[t.QName()] || t.PrimaryKey == nil || !usesMember(t.PrimaryKey.Columns, t.QName(), members) {
			continue
		}
		seen[t.QName()] = true
		name := PrimaryKeyName(t, t.PrimaryKey)
		f.pks = append(f.pks, &familyPK{t: t, name: name, pk: t.PrimaryKey,
			copy: keyIndex(withSuffix(name, copySuffix), shadowOf(t.QName(), t.PrimaryKey.Columns))})
	}
}

// leads reports whether column from of current table cur is the family's
// first member, whose recipe carries out the whole family.
func (f *keyFamily) leads(cur *schema.Table, from *schema.Column) bool {
	return len(f.members) > 0 && f.members[0].cur.QName() == cur.QName() && f.members[0].from.Name == from.Name
}
