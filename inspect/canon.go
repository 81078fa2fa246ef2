package inspect

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/tidedb/tide/schema"
)

// The server spells an expression its own way (PostgreSQL adds casts and
// parentheses: DEFAULT 'new' becomes 'new'::status, CHECK (amount >= 0)
// becomes (amount >= (0)::numeric)), and that spelling depends only on the
// expression, the types of the columns it reads and, for a default or a
// generated column, the column's type. So instead of creating every desired
// table in the shadow database, the fast normalisation creates a few
// scratch tables that hold each distinct (expression, context) once, reads
// the server's spellings back with the ordinary inspector, and writes them
// into the offline-normalised tables. Identical expressions in identical
// contexts (now() on a timestamptz column in 10,000 tables) cost one slot.

// slotKind is where an expression sits, which decides how the server
// coerces and prints it.
type slotKind int

const (
	slotDefault slotKind = iota
	slotGenerated
	slotCheck
	slotIndexExpr
	slotIndexWhere
)

// slotKey identifies an expression in its context: two expressions with the
// same key get the same spelling from the server.
type slotKey struct {
	kind slotKind
	expr string
	// typ and collation are the column's, for defaults and generated columns.
	typ, collation string
	// refs lists the columns the expression may read: "name\x00type\x00collation" sorted.
	refs string
}

// refColumn is a column an expression may read, as a scratch table holds it.
type refColumn struct{ name, typ, collation string }

// scratchTable is one scratch table being filled with slots.
type scratchTable struct {
	table *schema.Table
	// cols maps a column name to "type\x00collation", to keep the tables'
	// columns consistent with every expression placed in them.
	cols  map[string]string
	slots int
}

// scratchSlot is where one key's expression was placed.
type scratchSlot struct {
	table *schema.Table
	name  string
}

// maxSlotsPerScratch keeps scratch tables well under PostgreSQL's 1,600
// columns and MySQL's 4,096.
const maxSlotsPerScratch = 500

// canonicalizer packs a desired schema's expressions into scratch tables and
// writes the server's spellings back.
type canonicalizer struct {
	ns          string
	identifiers func(expr string) []string
	tables      []*scratchTable
	slots       map[slotKey]scratchSlot
	n           int
}

func newCanonicalizer(ns string, identifiers func(string) []string) *canonicalizer {
	return &canonicalizer{ns: ns, identifiers: identifiers, slots: map[slotKey]scratchSlot{}}
}

// scratchTables returns the scratch tables built so far.
func (c *canonicalizer) scratchTables() []*schema.Table {
	out := make([]*schema.Table, len(c.tables))
	for i, s := range c.tables {
		out[i] = s.table
	}
	return out
}

// add places every expression of table t (and a column of each of its
// types, so that an unknown type is an error as in a full shadow load).
func (c *canonicalizer) add(t *schema.Table) {
	for _, col := range t.Columns {
		c.place(slotKey{kind: slotDefault, typ: col.Type, collation: col.Collation})
	}
	refs := c.refsOf(t)
	for _, col := range t.Columns {
		if col.Default != "" {
			c.place(slotKey{kind: slotDefault, expr: col.Default, typ: col.Type, collation: col.Collation, refs: refs(col.Default)})
		}
		if col.Generated != "" {
			c.place(slotKey{kind: slotGenerated, expr: col.Generated, typ: col.Type, collation: col.Collation, refs: refs(col.Generated)})
		}
	}
	for _, k := range t.Checks {
		c.place(slotKey{kind: slotCheck, expr: k.Expr, refs: refs(k.Expr)})
	}
	for _, i := range t.Indexes {
		for _, p := range i.Parts {
			if p.Expr != "" {
				c.place(slotKey{kind: slotIndexExpr, expr: p.Expr, refs: refs(p.Expr)})
			}
		}
		if i.Where != "" {
			c.place(slotKey{kind: slotIndexWhere, expr: i.Where, refs: refs(i.Where)})
		}
	}
}

// place puts key's expression into the first scratch table whose columns
// agree with the key's, or a new one. A key with no expression only adds
// its column type.
func (c *canonicalizer) place(key slotKey) {
	if _, ok := c.slots[key]; ok {
		return
	}
	cols := parseRefs(key.refs)
	var st *scratchTable
	for _, cand := range c.tables {
		if cand.slots < maxSlotsPerScratch && cand.accepts(cols) {
			st = cand
			break
		}
	}
	if st == nil {
		st = c.newScratch()
	}
	for _, rc := range cols {
		if _, ok := st.cols[rc.name]; !ok {
			st.cols[rc.name] = rc.typ + "\x00" + rc.collation
			st.table.Columns = append(st.table.Columns, &schema.Column{Name: rc.name, Type: rc.typ, Collation: rc.collation, Nullable: true})
		}
	}
	c.n++
	name := "tide_slot_" + strconv.Itoa(c.n)
	st.slots++
	t := st.table
	switch key.kind {
	case slotDefault:
		t.Columns = append(t.Columns, &schema.Column{Name: name, Type: key.typ, Collation: key.collation, Nullable: true, Default: key.expr})
	case slotGenerated:
		t.Columns = append(t.Columns, &schema.Column{Name: name, Type: key.typ, Collation: key.collation, Nullable: true, Generated: key.expr})
	case slotCheck:
		t.Checks = append(t.Checks, &schema.Check{Name: name, Expr: key.expr})
	case slotIndexExpr:
		t.Indexes = append(t.Indexes, &schema.Index{Name: name, Parts: []schema.IndexPart{{Expr: key.expr}}})
	case slotIndexWhere:
		t.Indexes = append(t.Indexes, &schema.Index{Name: name, Parts: []schema.IndexPart{{Column: "tide_k"}}, Where: key.expr})
	}
	c.slots[key] = scratchSlot{table: t, name: name}
}

func (c *canonicalizer) newScratch() *scratchTable {
	st := &scratchTable{
		table: &schema.Table{Schema: c.ns, Name: fmt.Sprintf("tide_scratch_%d", len(c.tables)+1),
			Columns: []*schema.Column{{Name: "tide_k", Type: "integer", Nullable: true}}},
		cols: map[string]string{"tide_k": "integer\x00"},
	}
	c.tables = append(c.tables, st)
	return st
}

func (s *scratchTable) accepts(cols []refColumn) bool {
	for _, rc := range cols {
		if have, ok := s.cols[rc.name]; ok && have != rc.typ+"\x00"+rc.collation {
			return false
		}
	}
	return true
}

func parseRefs(refs string) []refColumn {
	if refs == "" {
		return nil
	}
	var out []refColumn
	for _, r := range strings.Split(refs, "\x01") {
		f := strings.SplitN(r, "\x00", 3)
		out = append(out, refColumn{name: f[0], typ: f[1], collation: f[2]})
	}
	return out
}

// refsOf returns a function listing, for an expression of table t, the
// columns of t it may read, as the refs of a slotKey.
func (c *canonicalizer) refsOf(t *schema.Table) func(expr string) string {
	byName := make(map[string]*schema.Column, len(t.Columns))
	for _, col := range t.Columns {
		byName[strings.ToLower(col.Name)] = col
	}
	return func(expr string) string {
		var out []string
		seen := map[string]bool{}
		for _, id := range c.identifiers(expr) {
			col := byName[strings.ToLower(id)]
			if col == nil || seen[col.Name] {
				continue
			}
			seen[col.Name] = true
			out = append(out, col.Name+"\x00"+col.Type+"\x00"+col.Collation)
		}
		sort.Strings(out)
		return strings.Join(out, "\x01")
	}
}

// rewrite writes the server's spellings, read from the inspected scratch
// tables (lookup), into table t, whose expressions were added.
func (c *canonicalizer) rewrite(t *schema.Table, lookup scratchLookup) error {
	refs := c.refsOf(t)
	find := func(key slotKey) (*schema.Table, string, error) {
		s, ok := c.slots[key]
		if !ok {
			return nil, "", fmt.Errorf("expression %q of %s was not placed in a scratch table", key.expr, t.QName())
		}
		st := lookup.table(s.table.Name)
		if st == nil {
			return nil, "", fmt.Errorf("scratch table %s.%s is missing from the shadow database", c.ns, s.table.Name)
		}
		return st, s.name, nil
	}
	for _, col := range t.Columns {
		if col.Default != "" {
			st, name, err := find(slotKey{kind: slotDefault, expr: col.Default, typ: col.Type, collation: col.Collation, refs: refs(col.Default)})
			if err != nil {
				return err
			}
			sc := st.Column(name)
			if sc == nil {
				return fmt.Errorf("scratch column %s of %s is missing", name, st.Name)
			}
			col.Default = sc.Default
		}
		if col.Generated != "" {
			st, name, err := find(slotKey{kind: slotGenerated, expr: col.Generated, typ: col.Type, collation: col.Collation, refs: refs(col.Generated)})
			if err != nil {
				return err
			}
			sc := st.Column(name)
			if sc == nil {
				return fmt.Errorf("scratch column %s of %s is missing", name, st.Name)
			}
			col.Generated = sc.Generated
		}
	}
	for _, k := range t.Checks {
		st, name, err := find(slotKey{kind: slotCheck, expr: k.Expr, refs: refs(k.Expr)})
		if err != nil {
			return err
		}
		got := checkNamed(st, name)
		if got == nil {
			return fmt.Errorf("scratch check %s of %s is missing", name, st.Name)
		}
		k.Expr = got.Expr
	}
	for _, i := range t.Indexes {
		for pi := range i.Parts {
			p := &i.Parts[pi]
			if p.Expr == "" {
				continue
			}
			st, name, err := find(slotKey{kind: slotIndexExpr, expr: p.Expr, refs: refs(p.Expr)})
			if err != nil {
				return err
			}
			si := st.Index(name)
			if si == nil || len(si.Parts) != 1 {
				return fmt.Errorf("scratch index %s of %s is missing", name, st.Name)
			}
			p.Column, p.Expr = si.Parts[0].Column, si.Parts[0].Expr
		}
		if i.Where != "" {
			st, name, err := find(slotKey{kind: slotIndexWhere, expr: i.Where, refs: refs(i.Where)})
			if err != nil {
				return err
			}
			si := st.Index(name)
			if si == nil {
				return fmt.Errorf("scratch index %s of %s is missing", name, st.Name)
			}
			i.Where = si.Where
		}
	}
	return nil
}

func checkNamed(t *schema.Table, name string) *schema.Check {
	for _, k := range t.Checks {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// scratchLookup finds inspected scratch tables by name.
type scratchLookup map[string]*schema.Table

func newScratchLookup(got *schema.Schema, ns string) scratchLookup {
	m := scratchLookup{}
	for _, t := range got.Tables {
		if t.Schema == ns {
			m[t.Name] = t
		}
	}
	return m
}

func (l scratchLookup) table(name string) *schema.Table { return l[name] }
