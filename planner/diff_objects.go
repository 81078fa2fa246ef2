package planner

import (
	"sort"
	"strings"

	"github.com/tidedb/tide/schema"
)

// protectedNamespaces are never dropped, even when the desired schema does
// not declare them: every database has them and users rarely write them.
var protectedNamespaces = map[string]bool{"public": true}

// diffNamespaces emits namespace additions, comment changes and drops. A
// namespace that a desired object lives in is not dropped even when the
// desired schema does not declare it.
func (d *differ) diffNamespaces() {
	used := map[string]bool{}
	for _, t := range d.desired.Tables {
		used[t.Schema] = true
	}
	for _, e := range d.desired.Enums {
		used[e.Schema] = true
	}
	for _, s := range d.desired.Sequences {
		used[s.Schema] = true
	}
	for _, v := range d.desired.Views {
		used[v.Schema] = true
	}
	for _, n := range d.desired.Namespaces {
		cur := d.current.Namespace(n.Name)
		switch {
		case cur == nil:
			d.add(&node{changes: []schema.Change{schema.AddNamespace{N: n}}, level: levelNamespaces, provides: []string{nsKey(n.Name)}})
		case cur.Comment != n.Comment:
			d.add(&node{changes: []schema.Change{schema.SetNamespaceComment{From: cur, To: n}}, level: levelNamespaces, rank: 1})
		}
	}
	for _, n := range d.current.Namespaces {
		if d.desired.Namespace(n.Name) != nil || used[n.Name] || protectedNamespaces[n.Name] {
			continue
		}
		d.add(&node{changes: []schema.Change{schema.DropNamespace{N: n}}, level: levelRemovals, rank: rankDropNamespace,
			frees: []string{nsKey(n.Name)}})
	}
}

// Ranks inside levelTypes.
const (
	rankAddEnum = iota + 1
	rankAddEnumValue
	rankReplaceEnum
	rankAddSequence
	rankAlterSequence
)

// diffEnums emits enum additions, value insertions, replacements and drops.
func (d *differ) diffEnums() {
	for _, e := range d.desired.Enums {
		cur := d.current.Enum(e.QName())
		if cur == nil {
			d.add(&node{changes: []schema.Change{schema.AddEnum{E: e}}, level: levelTypes, rank: rankAddEnum,
				provides: []string{typeKey(e.QName().String(), "")}, needs: []string{nsKey(e.Schema)}})
			continue
		}
		added, ok := enumAdditions(cur, e)
		if !ok {
			d.add(&node{changes: []schema.Change{schema.ReplaceEnum{From: cur, To: e}}, level: levelTypes, rank: rankReplaceEnum})
			d.markTypeUsers(typeKey(e.QName().String(), ""))
			continue
		}
		for _, a := range added {
			d.add(&node{changes: []schema.Change{a.change}, level: levelTypes, rank: rankAddEnumValue,
				group: e.QName().String(), seq: a.index + 1})
		}
	}
	for _, e := range d.current.Enums {
		if d.desired.Enum(e.QName()) == nil {
			d.add(&node{changes: []schema.Change{schema.DropEnum{E: e}}, level: levelRemovals, rank: rankDropEnum,
				frees: []string{typeKey(e.QName().String(), "")}, holds: []string{nsKey(e.Schema)}})
		}
	}
}

// markTypeUsers marks the current tables with a column of the type as
// affected (their views are re-created).
func (d *differ) markTypeUsers(key string) {
	for _, t := range d.current.Tables {
		for _, c := range t.Columns {
			if typeKey(c.Type, t.Schema) == key {
				d.affected[t.QName()] = true
			}
		}
	}
}

// enumAddition is one value to add and its position among desired values.
type enumAddition struct {
	change schema.AddEnumValue
	index  int
}

// enumAdditions returns the values of to missing from from, in the order to
// add them, each placed next to a neighbour that exists by then. ok is false
// when from's values are not a subsequence of to's (a value was removed or
// moved): the enum must be replaced.
func enumAdditions(from, to *schema.Enum) (out []enumAddition, ok bool) {
	have := map[string]bool{}
	for _, v := range from.Values {
		have[v] = true
	}
	i := 0
	for _, v := range to.Values {
		if i < len(from.Values) && v == from.Values[i] {
			i++
		}
	}
	if i != len(from.Values) {
		return nil, false
	}
	// lastExisting is the index in to of the last value that already exists.
	lastExisting := -1
	for k, v := range to.Values {
		if have[v] {
			lastExisting = k
		}
	}
	for k, v := range to.Values {
		if have[v] {
			continue
		}
		a := schema.AddEnumValue{E: to, Value: v}
		switch {
		case k > lastExisting: // appended after every existing value
		case k > 0:
			a.After = to.Values[k-1]
		default:
			a.Before = to.Values[k+1]
			for _, w := range to.Values[k+1:] { // the first value that exists by then
				if have[w] {
					a.Before = w
					break
				}
			}
		}
		out = append(out, enumAddition{change: a, index: k})
	}
	return out, true
}

// diffSequences emits sequence additions, option changes and drops.
func (d *differ) diffSequences() {
	for _, s := range d.desired.Sequences {
		cur := d.current.Sequence(s.QName())
		switch {
		case cur == nil:
			owner, col, owned := sequenceOwner(s)
			if !owned || d.current.Table(owner) != nil && d.current.Table(owner).Column(col) != nil {
				d.add(&node{changes: []schema.Change{schema.AddSequence{S: s}}, level: levelTypes, rank: rankAddSequence,
					needs: []string{nsKey(s.Schema)}})
				continue
			}
			// Owned by a column this plan creates: create the sequence
			// unowned (the column's default may call it), then set OWNED
			// BY once the column exists.
			bare := *s
			bare.OwnedBy = ""
			d.add(&node{changes: []schema.Change{schema.AddSequence{S: &bare}}, level: levelTypes, rank: rankAddSequence,
				needs: []string{nsKey(s.Schema)}, provides: []string{"seq:" + s.QName().String()}})
			d.add(&node{changes: []schema.Change{schema.AlterSequence{From: &bare, To: s}}, level: levelForeignKeys, rank: rankAlterSequence,
				needs: []string{"seq:" + s.QName().String(), colKey(owner, col)}})
		case !sameSequence(cur, s):
			d.add(&node{changes: []schema.Change{schema.AlterSequence{From: cur, To: s}}, level: levelTypes, rank: rankAlterSequence})
		}
	}
	for _, s := range d.current.Sequences {
		if d.desired.Sequence(s.QName()) == nil {
			d.add(&node{changes: []schema.Change{schema.DropSequence{S: s}}, level: levelRemovals, rank: rankDropSequence,
				holds: []string{nsKey(s.Schema)}})
		}
	}
}

// sequenceOwner splits a sequence's OwnedBy ("table.column" in the
// sequence's schema, or "schema.table.column") into the owning table and
// column; owned is false when the sequence has no owner.
func sequenceOwner(s *schema.Sequence) (table schema.QName, column string, owned bool) {
	if s.OwnedBy == "" {
		return schema.QName{}, "", false
	}
	parts := strings.Split(s.OwnedBy, ".")
	switch len(parts) {
	case 2:
		return schema.QName{Schema: s.Schema, Name: parts[0]}, parts[1], true
	case 3:
		return schema.QName{Schema: parts[0], Name: parts[1]}, parts[2], true
	}
	return schema.QName{}, "", false
}

// sameSequence compares two sequences' options (positions excluded).
func sameSequence(a, b *schema.Sequence) bool {
	x, y := *a, *b
	x.Pos, y.Pos = schema.Pos{}, schema.Pos{}
	return x == y
}

// viewDeps returns the relations a view reads: View.DependsOn, or when it is
// empty every table and view of s whose name appears as a word in Def.
func viewDeps(v *schema.View, s *schema.Schema) []schema.QName {
	if len(v.DependsOn) > 0 {
		return v.DependsOn
	}
	var out []schema.QName
	for _, t := range s.Tables {
		if hasWord(v.Def, t.Name) {
			out = append(out, t.QName())
		}
	}
	for _, o := range s.Views {
		if o.QName() != v.QName() && hasWord(v.Def, o.Name) {
			out = append(out, o.QName())
		}
	}
	sort.Slice(out, func(i, j int) bool { return qless(out[i], out[j]) })
	return out
}

// diffViews emits view drops (early and late), creations and comment
// changes. A current view is dropped early (levelDropViews) when its
// definition changes, when it reads an affected table, or when it reads a
// view dropped early; it is created again afterwards when the desired state
// still has it. A view that goes away and need not go early is dropped with
// the other removals.
func (d *differ) diffViews() {
	early := map[schema.QName]bool{}
	for _, v := range d.current.Views {
		if dv := d.desired.View(v.QName()); dv != nil && dv.Def != v.Def {
			early[v.QName()] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, v := range d.current.Views {
			if early[v.QName()] {
				continue
			}
			for _, dep := range viewDeps(v, d.current) {
				if d.affected[dep] || early[dep] {
					early[v.QName()], changed = true, true
					break
				}
			}
		}
	}
	for _, v := range d.current.Views {
		dv := d.desired.View(v.QName())
		switch {
		case early[v.QName()]:
			d.add(dropViewNode(v, d.current, levelDropViews, 0))
			if dv != nil {
				d.add(addViewNode(dv, d.desired))
			}
		case dv == nil:
			d.add(dropViewNode(v, d.current, levelRemovals, rankDropView))
		case dv.Comment != v.Comment:
			d.add(&node{changes: []schema.Change{schema.SetViewComment{From: v, To: dv}}, level: levelViews, rank: 1,
				needs: []string{relKey(dv.QName())}})
		}
	}
	for _, v := range d.desired.Views {
		if d.current.View(v.QName()) == nil {
			d.add(addViewNode(v, d.desired))
		}
	}
}

// dropViewNode drops a current view after the views that read it.
func dropViewNode(v *schema.View, cur *schema.Schema, level, rank int) *node {
	n := &node{changes: []schema.Change{schema.DropView{V: v, BeforeChange: level == levelDropViews}}, level: level, rank: rank,
		frees: []string{relKey(v.QName())}, holds: []string{nsKey(v.Schema)}}
	for _, q := range viewDeps(v, cur) {
		n.holds = append(n.holds, relKey(q))
	}
	return n
}

// addViewNode creates a desired view after what it reads.
func addViewNode(v *schema.View, des *schema.Schema) *node {
	n := &node{changes: []schema.Change{schema.AddView{V: v}}, level: levelViews,
		provides: []string{relKey(v.QName())}, needs: []string{nsKey(v.Schema)}}
	for _, q := range viewDeps(v, des) {
		n.needs = append(n.needs, relKey(q))
	}
	return n
}
