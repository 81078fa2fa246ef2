package planner

import (
	"encoding/json"
	"sort"

	"github.com/tidedb/tide/schema"
)

// named is an index or constraint with its comparable definition: a string
// that is equal for two objects exactly when they mean the same (names
// excluded, and a current object's columns already translated to their
// desired names).
type named struct {
	name string
	def  string
	obj  any
}

// namedMatch is the outcome of matching current and desired named objects.
type namedMatch struct {
	// changed and renamed hold [current, desired] pairs.
	changed, renamed [][2]named
	added, dropped   []named
}

// matchNamed matches objects by name; a same-named pair whose definitions
// differ is changed. Unmatched objects with the same definition on both
// sides are renamed (pairs chosen in name order); the rest are added or
// dropped.
func matchNamed(cur, des []named) namedMatch {
	byName := func(s []named) []named {
		s = append([]named(nil), s...)
		sort.SliceStable(s, func(i, j int) bool { return s[i].name < s[j].name })
		return s
	}
	cur, des = byName(cur), byName(des)
	var m namedMatch
	curUsed := make([]bool, len(cur))
	var desLeft []named
	for _, d := range des {
		found := false
		for i, c := range cur {
			if !curUsed[i] && c.name == d.name {
				curUsed[i], found = true, true
				if c.def != d.def {
					m.changed = append(m.changed, [2]named{c, d})
				}
				break
			}
		}
		if !found {
			desLeft = append(desLeft, d)
		}
	}
	for _, d := range desLeft {
		found := false
		for i, c := range cur {
			if !curUsed[i] && c.def == d.def && desFree(des, c.name) {
				curUsed[i], found = true, true
				m.renamed = append(m.renamed, [2]named{c, d})
				break
			}
		}
		if !found {
			m.added = append(m.added, d)
		}
	}
	for i, c := range cur {
		if !curUsed[i] {
			m.dropped = append(m.dropped, c)
		}
	}
	return m
}

// desFree reports whether no desired object has the name (a current object
// whose name the desired state uses for something else is not renamed).
func desFree(des []named, name string) bool {
	for _, d := range des {
		if d.name == name {
			return false
		}
	}
	return true
}

// defString serialises a normalised definition.
func defString(v any) string {
	b, err := json.Marshal(v)
	if err != nil { // only strings, bools, ints and slices of them
		panic("planner: definition: " + err.Error())
	}
	return string(b)
}

// equalStrings reports whether two string lists are equal.
func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// cols translates current column names of this table to their new names.
func (td *tableDiff) cols(cs []string) []string {
	if cs == nil {
		return nil
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		if n, ok := td.renames[c]; ok {
			c = n
		}
		out[i] = c
	}
	return out
}

// expr translates a current expression to the new column names.
func (td *tableDiff) expr(e string) string { return renameWords(e, td.renames) }

// uniqueDef is a unique constraint's definition; current translates names.
func (td *tableDiff) uniqueDef(u *schema.Unique, current bool) string {
	cols := u.Columns
	if current {
		cols = td.cols(cols)
	}
	return defString(struct {
		Columns                       []string
		Deferrable, InitiallyDeferred bool
	}{cols, u.Deferrable, u.InitiallyDeferred})
}

// checkDef is a check constraint's definition.
func (td *tableDiff) checkDef(c *schema.Check, current bool) string {
	e := c.Expr
	if current {
		e = td.expr(e)
	}
	return defString(struct {
		Expr      string
		NoInherit bool
	}{e, c.NoInherit})
}

// indexDef is an index's definition.
func (td *tableDiff) indexDef(i *schema.Index, current bool) string {
	parts := append([]schema.IndexPart(nil), i.Parts...)
	include, where := i.Include, i.Where
	if current {
		for k := range parts {
			if parts[k].Column != "" {
				parts[k].Column = td.cols([]string{parts[k].Column})[0]
			}
			parts[k].Expr = td.expr(parts[k].Expr)
		}
		include, where = td.cols(include), td.expr(where)
	}
	return defString(struct {
		Unique  bool
		Parts   []schema.IndexPart
		Where   string
		Using   string
		Include []string
	}{i.Unique, parts, where, i.Using, include})
}

// action normalises a referential action ("" means no action).
func action(a string) string {
	if a == "" {
		return schema.ActionNoAction
	}
	return a
}

// foreignKeyDef is a foreign key's definition; for a current key the
// referenced table and its columns are translated through renames too.
func (td *tableDiff) foreignKeyDef(f *schema.ForeignKey, current bool) string {
	cols, ref, refCols := f.Columns, f.RefQName(), f.RefColumns
	if current {
		cols = td.cols(cols)
		refCols = make([]string, len(f.RefColumns))
		for i, c := range f.RefColumns {
			refCols[i] = td.newColumn(ref, c)
		}
		ref = td.newName(ref)
	}
	return defString(struct {
		Columns                       []string
		Ref                           string
		RefColumns                    []string
		OnDelete, OnUpdate            string
		Deferrable, InitiallyDeferred bool
	}{cols, ref.String(), refCols, action(f.OnDelete), action(f.OnUpdate), f.Deferrable, f.InitiallyDeferred})
}
