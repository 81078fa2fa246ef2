package schema

import (
	"sort"
	"strings"
)

// Table returns the table with the qualified name, or nil.
func (s *Schema) Table(q QName) *Table {
	for _, t := range s.Tables {
		if t.Schema == q.Schema && t.Name == q.Name {
			return t
		}
	}
	return nil
}

// TablesByName indexes the schema's tables by qualified name, keeping the
// first of duplicates as Table does: for callers that look up many tables
// (Table is a linear search).
func (s *Schema) TablesByName() map[QName]*Table {
	out := make(map[QName]*Table, len(s.Tables))
	for _, t := range s.Tables {
		if _, dup := out[t.QName()]; !dup {
			out[t.QName()] = t
		}
	}
	return out
}

// Namespace returns the named namespace, or nil.
func (s *Schema) Namespace(name string) *Namespace {
	for _, n := range s.Namespaces {
		if n.Name == name {
			return n
		}
	}
	return nil
}

// Enum returns the enum with the qualified name, or nil.
func (s *Schema) Enum(q QName) *Enum {
	for _, e := range s.Enums {
		if e.Schema == q.Schema && e.Name == q.Name {
			return e
		}
	}
	return nil
}

// Sequence returns the sequence with the qualified name, or nil.
func (s *Schema) Sequence(q QName) *Sequence {
	for _, e := range s.Sequences {
		if e.Schema == q.Schema && e.Name == q.Name {
			return e
		}
	}
	return nil
}

// View returns the view with the qualified name, or nil.
func (s *Schema) View(q QName) *View {
	for _, v := range s.Views {
		if v.Schema == q.Schema && v.Name == q.Name {
			return v
		}
	}
	return nil
}

// ParseQName splits "schema.name" (or "name", taking def as the schema).
func ParseQName(s, def string) QName {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return QName{Schema: s[:i], Name: s[i+1:]}
	}
	return QName{Schema: def, Name: s}
}

func lessQ(a, b QName) bool {
	if a.Schema != b.Schema {
		return a.Schema < b.Schema
	}
	return a.Name < b.Name
}

// Sort orders every list of the schema by name (columns keep their order),
// so that equal schemas serialise identically.
func (s *Schema) Sort() {
	sort.SliceStable(s.Namespaces, func(i, j int) bool { return s.Namespaces[i].Name < s.Namespaces[j].Name })
	sort.SliceStable(s.Tables, func(i, j int) bool { return lessQ(s.Tables[i].QName(), s.Tables[j].QName()) })
	sort.SliceStable(s.Enums, func(i, j int) bool { return lessQ(s.Enums[i].QName(), s.Enums[j].QName()) })
	sort.SliceStable(s.Sequences, func(i, j int) bool { return lessQ(s.Sequences[i].QName(), s.Sequences[j].QName()) })
	sort.SliceStable(s.Views, func(i, j int) bool { return lessQ(s.Views[i].QName(), s.Views[j].QName()) })
	for _, t := range s.Tables {
		sort.SliceStable(t.Uniques, func(i, j int) bool { return t.Uniques[i].Name < t.Uniques[j].Name })
		sort.SliceStable(t.Checks, func(i, j int) bool { return t.Checks[i].Name < t.Checks[j].Name })
		sort.SliceStable(t.ForeignKeys, func(i, j int) bool { return t.ForeignKeys[i].Name < t.ForeignKeys[j].Name })
		sort.SliceStable(t.Indexes, func(i, j int) bool { return t.Indexes[i].Name < t.Indexes[j].Name })
	}
	for _, v := range s.Views {
		sort.SliceStable(v.DependsOn, func(i, j int) bool { return lessQ(v.DependsOn[i], v.DependsOn[j]) })
	}
}

func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}

func cloneMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Clone returns a deep copy of the schema.
func (s *Schema) Clone() *Schema {
	out := &Schema{Dialect: s.Dialect}
	for _, n := range s.Namespaces {
		c := *n
		out.Namespaces = append(out.Namespaces, &c)
	}
	for _, t := range s.Tables {
		out.Tables = append(out.Tables, t.Clone())
	}
	for _, e := range s.Enums {
		c := *e
		c.Values = cloneStrings(e.Values)
		out.Enums = append(out.Enums, &c)
	}
	for _, q := range s.Sequences {
		c := *q
		out.Sequences = append(out.Sequences, &c)
	}
	for _, v := range s.Views {
		c := *v
		c.DependsOn = append([]QName(nil), v.DependsOn...)
		out.Views = append(out.Views, &c)
	}
	return out
}

// Clone returns a deep copy of the table.
func (t *Table) Clone() *Table {
	c := *t
	c.Attrs = cloneMap(t.Attrs)
	c.Columns = nil
	for _, col := range t.Columns {
		cc := *col
		cc.Attrs = cloneMap(col.Attrs)
		c.Columns = append(c.Columns, &cc)
	}
	if t.PrimaryKey != nil {
		pk := *t.PrimaryKey
		pk.Columns = cloneStrings(pk.Columns)
		c.PrimaryKey = &pk
	}
	c.Uniques, c.Checks, c.ForeignKeys, c.Indexes = nil, nil, nil, nil
	for _, u := range t.Uniques {
		uu := *u
		uu.Columns = cloneStrings(u.Columns)
		c.Uniques = append(c.Uniques, &uu)
	}
	for _, k := range t.Checks {
		kk := *k
		c.Checks = append(c.Checks, &kk)
	}
	for _, f := range t.ForeignKeys {
		ff := *f
		ff.Columns = cloneStrings(f.Columns)
		ff.RefColumns = cloneStrings(f.RefColumns)
		c.ForeignKeys = append(c.ForeignKeys, &ff)
	}
	for _, i := range t.Indexes {
		ii := *i
		ii.Parts = append([]IndexPart(nil), i.Parts...)
		ii.Include = cloneStrings(i.Include)
		c.Indexes = append(c.Indexes, &ii)
	}
	if t.Stats != nil {
		st := *t.Stats
		c.Stats = &st
	}
	return &c
}

// RowKey returns the columns that identify a row of t: its primary key,
// else the first unique constraint, else the first unique index that is not
// partial and has only plain columns, whose columns are all NOT NULL; nil
// when t is nil or has none. Keyset batches and the sample rows of a check
// name rows by it.
func (t *Table) RowKey() []string {
	if t == nil {
		return nil
	}
	if t.PrimaryKey != nil && len(t.PrimaryKey.Columns) > 0 {
		return t.PrimaryKey.Columns
	}
	notNull := func(cols []string) bool {
		for _, name := range cols {
			if c := t.Column(name); c == nil || c.Nullable {
				return false
			}
		}
		return len(cols) > 0
	}
	for _, u := range t.Uniques {
		if notNull(u.Columns) {
			return u.Columns
		}
	}
	for _, ix := range t.Indexes {
		if !ix.Unique || ix.Where != "" {
			continue
		}
		var cols []string
		for _, p := range ix.Parts {
			if p.Column == "" {
				cols = nil
				break
			}
			cols = append(cols, p.Column)
		}
		if notNull(cols) {
			return cols
		}
	}
	return nil
}
