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
// generated column, the column's type (and, for a dialect with a
// ScratchPolicy, the table's options and more of the column, see
// scratchPolicy). So instead of creating every desired table in the shadow
// database, the fast normalisation creates a few scratch tables that hold
// each distinct (expression, context) once, reads the server's spellings
// back with the ordinary inspector, and writes them into the
// offline-normalised tables. Identical expressions in identical contexts
// (now() on a timestamptz column in 10,000 tables) cost one slot.

// slotKind is where an expression sits, which decides how the server
// coerces and prints it.
type slotKind int

const (
	slotColumn slotKind = iota // a column: its default or generated expression, type and attributes
	slotCheck
	slotIndexExpr
	slotIndexWhere
	slotIndex // a whole index, for a dialect whose server rewrites indexes
)

// slotKey identifies an expression in its context: two expressions with the
// same key get the same spelling from the server.
type slotKey struct {
	kind slotKind
	// expr is the expression; for slotColumn "D"+default or "G"+generated,
	// for slotIndex the index's definition.
	expr string
	// table is the scratch table's context: the dialect's table attributes.
	table string
	// col is the column's context for slotColumn: its scratch definition.
	col string
	// refs lists the columns the expression may read: "name\x00definition" sorted.
	refs string
}

// refColumn is a column an expression may read, as a scratch table holds it.
type refColumn struct {
	name string
	def  *schema.Column
	key  string
}

// slotSpec is everything needed to place one slot.
type slotSpec struct {
	key    slotKey
	attrs  map[string]string // the scratch table's attributes
	column *schema.Column    // slotColumn: the column's scratch definition with its expression
	index  *schema.Index     // slotIndex: the index
	refs   []refColumn
}

// scratchTable is one scratch table being filled with slots.
type scratchTable struct {
	table   *schema.Table
	context string
	// cols maps a column's lower-case name to "name\x00definition", to keep
	// the table's columns consistent with every expression placed in it.
	cols  map[string]string
	slots int
}

// scratchSlot is where one key's expression was placed.
type scratchSlot struct {
	table *schema.Table
	name  string
}

// canonicalizer packs a desired schema's expressions into scratch tables and
// writes the server's spellings back.
type canonicalizer struct {
	ns string
	// prefix starts every scratch table and column name; no desired table
	// or column name starts with it.
	prefix      string
	identifiers func(expr string) []string
	policy      scratchPolicy
	tables      []*scratchTable
	slots       map[slotKey]scratchSlot
	n           int
}

func newCanonicalizer(ns, prefix string, identifiers func(string) []string, policy scratchPolicy) *canonicalizer {
	return &canonicalizer{ns: ns, prefix: prefix, identifiers: identifiers, policy: policy, slots: map[slotKey]scratchSlot{}}
}

// scratchPrefix returns a name prefix that no table or column of s starts
// with (ignoring case): "tide_", else "tide2_", "tide3_", ….
func scratchPrefix(s *schema.Schema) string {
	var names []string
	for _, t := range s.Tables {
		names = append(names, strings.ToLower(t.Name))
		for _, c := range t.Columns {
			names = append(names, strings.ToLower(c.Name))
		}
	}
	prefix := "tide_"
	for i := 2; ; i++ {
		clash := false
		for _, n := range names {
			if strings.HasPrefix(n, prefix) {
				clash = true
				break
			}
		}
		if !clash {
			return prefix
		}
		prefix = "tide" + strconv.Itoa(i) + "_"
	}
}

// scratchTables returns the scratch tables built so far.
func (c *canonicalizer) scratchTables() []*schema.Table {
	out := make([]*schema.Table, len(c.tables))
	for i, s := range c.tables {
		out[i] = s.table
	}
	return out
}

// tableContext returns the scratch attributes of table t and their key.
func (c *canonicalizer) tableContext(t *schema.Table) (map[string]string, string) {
	attrs := c.policy.tableAttrs(t)
	return attrs, attrsKey(attrs)
}

// columnDef returns the scratch definition of column col (without its
// expressions) and its key.
func (c *canonicalizer) columnDef(col *schema.Column) (*schema.Column, string) {
	def := c.policy.column(col)
	def.Default, def.Generated = "", ""
	return def, columnKey(def)
}

// columnSpec is the slot of column col of a table with context attrs.
func (c *canonicalizer) columnSpec(col *schema.Column, attrs map[string]string, table string, refs func(string) []refColumn) slotSpec {
	def, key := c.columnDef(col)
	expr, src := "D"+col.Default, col.Default
	if col.Generated != "" {
		expr, src = "G"+col.Generated, col.Generated
	}
	def.Default, def.Generated = col.Default, col.Generated
	rs := refs(src)
	return slotSpec{key: slotKey{kind: slotColumn, expr: expr, table: table, col: key, refs: refsKey(rs)},
		attrs: attrs, column: def, refs: rs}
}

// exprSpec is the slot of an expression of another kind.
func exprSpec(kind slotKind, expr string, attrs map[string]string, table string, refs func(string) []refColumn) slotSpec {
	rs := refs(expr)
	return slotSpec{key: slotKey{kind: kind, expr: expr, table: table, refs: refsKey(rs)}, attrs: attrs, refs: rs}
}

// indexSpec is the slot of a whole index.
func indexSpec(ix *schema.Index, attrs map[string]string, table string, refs func(string) []refColumn) slotSpec {
	var b strings.Builder
	fmt.Fprintf(&b, "%t\x00%s", ix.Unique, ix.Using)
	var reads []string
	for _, p := range ix.Parts {
		fmt.Fprintf(&b, "\x01%s\x00%s\x00%t\x00%d\x00%s\x00%s\x00%s", p.Column, p.Expr, p.Desc, p.Length, p.Nulls, p.Opclass, p.Collation)
		if p.Column != "" {
			reads = append(reads, p.Column)
		}
		if p.Expr != "" {
			reads = append(reads, p.Expr)
		}
	}
	fmt.Fprintf(&b, "\x01%s\x00%s", ix.Where, strings.Join(ix.Include, ","))
	reads = append(reads, ix.Where)
	reads = append(reads, ix.Include...)
	rs := refs(strings.Join(reads, "\x00"))
	return slotSpec{key: slotKey{kind: slotIndex, expr: b.String(), table: table, refs: refsKey(rs)}, attrs: attrs, index: ix, refs: rs}
}

// specs returns the slots of table t, in order: one per column, then checks,
// then indexes.
func (c *canonicalizer) specs(t *schema.Table) []slotSpec {
	attrs, table := c.tableContext(t)
	refs := c.refsOf(t)
	var out []slotSpec
	for _, col := range t.Columns {
		out = append(out, c.columnSpec(col, attrs, table, refs))
	}
	for _, k := range t.Checks {
		out = append(out, exprSpec(slotCheck, k.Expr, attrs, table, refs))
	}
	for _, i := range t.Indexes {
		if c.policy.indexNeedsServer(t, i) {
			out = append(out, indexSpec(i, attrs, table, refs))
			continue
		}
		for _, p := range i.Parts {
			if p.Expr != "" {
				out = append(out, exprSpec(slotIndexExpr, p.Expr, attrs, table, refs))
			}
		}
		if i.Where != "" {
			out = append(out, exprSpec(slotIndexWhere, i.Where, attrs, table, refs))
		}
	}
	return out
}

// add places every column (with its type and expressions), check and index
// expression of table t in the scratch tables, so that an unknown type is
// an error as in a full shadow load.
func (c *canonicalizer) add(t *schema.Table) {
	for _, s := range c.specs(t) {
		c.place(s)
	}
}

// place puts a slot into the first scratch table of its context whose
// columns agree with the slot's and that can take it (policy.fits), or a
// new one.
func (c *canonicalizer) place(s slotSpec) {
	if _, ok := c.slots[s.key]; ok {
		return
	}
	name := c.prefix + "slot_" + strconv.Itoa(c.n+1)
	for _, cand := range c.tables {
		if cand.context != s.key.table || !cand.accepts(s.refs) {
			continue
		}
		undo := cand.put(s, name, c.prefix)
		if c.policy.fits(cand.table, cand.slots) {
			c.n++
			c.slots[s.key] = scratchSlot{table: cand.table, name: name}
			return
		}
		undo()
	}
	st := c.newScratch(s.key.table, s.attrs)
	st.put(s, name, c.prefix)
	c.n++
	c.slots[s.key] = scratchSlot{table: st.table, name: name}
}

// put adds slot s, named name, and the columns it reads to the scratch
// table; the returned function takes them out again.
func (st *scratchTable) put(s slotSpec, name, prefix string) (undo func()) {
	t := st.table
	nCols, nChecks, nIndexes := len(t.Columns), len(t.Checks), len(t.Indexes)
	var added []string
	for _, rc := range s.refs {
		lower := strings.ToLower(rc.name)
		if _, ok := st.cols[lower]; !ok {
			st.cols[lower] = rc.name + "\x00" + rc.key
			added = append(added, lower)
			def := *rc.def
			def.Name = rc.name
			t.Columns = append(t.Columns, &def)
		}
	}
	st.slots++
	switch s.key.kind {
	case slotColumn:
		col := *s.column
		col.Name = name
		t.Columns = append(t.Columns, &col)
	case slotCheck:
		t.Checks = append(t.Checks, &schema.Check{Name: name, Expr: s.key.expr})
	case slotIndexExpr:
		t.Indexes = append(t.Indexes, &schema.Index{Name: name, Parts: []schema.IndexPart{{Expr: s.key.expr}}})
	case slotIndexWhere:
		t.Indexes = append(t.Indexes, &schema.Index{Name: name, Parts: []schema.IndexPart{{Column: prefix + "k"}}, Where: s.key.expr})
	case slotIndex:
		ix := *s.index
		ix.Name, ix.Pos = name, schema.Pos{}
		ix.Parts = append([]schema.IndexPart(nil), s.index.Parts...)
		t.Indexes = append(t.Indexes, &ix)
	}
	return func() {
		t.Columns, t.Checks, t.Indexes = t.Columns[:nCols], t.Checks[:nChecks], t.Indexes[:nIndexes]
		for _, lower := range added {
			delete(st.cols, lower)
		}
		st.slots--
	}
}

func (c *canonicalizer) newScratch(context string, attrs map[string]string) *scratchTable {
	k := c.prefix + "k"
	st := &scratchTable{
		table: &schema.Table{Schema: c.ns, Name: fmt.Sprintf("%sscratch_%d", c.prefix, len(c.tables)+1), Attrs: cloneAttrs(attrs),
			Columns: []*schema.Column{{Name: k, Type: "integer", Nullable: true}}},
		context: context,
		cols:    map[string]string{k: k + "\x00integer"},
	}
	c.tables = append(c.tables, st)
	return st
}

// accepts reports whether the scratch table's columns agree with cols: a
// column of the same name (ignoring case) has the same spelling and
// definition.
func (st *scratchTable) accepts(cols []refColumn) bool {
	for _, rc := range cols {
		if have, ok := st.cols[strings.ToLower(rc.name)]; ok && have != rc.name+"\x00"+rc.key {
			return false
		}
	}
	return true
}

// refsOf returns a function listing, for an expression of table t, the
// columns of t it may read.
func (c *canonicalizer) refsOf(t *schema.Table) func(expr string) []refColumn {
	byName := make(map[string]*schema.Column, len(t.Columns))
	for _, col := range t.Columns {
		byName[strings.ToLower(col.Name)] = col
	}
	return func(expr string) []refColumn {
		if expr == "" {
			return nil
		}
		var out []refColumn
		seen := map[string]bool{}
		for _, id := range c.identifiers(expr) {
			col := byName[strings.ToLower(id)]
			if col == nil || seen[col.Name] {
				continue
			}
			seen[col.Name] = true
			def, key := c.columnDef(col)
			out = append(out, refColumn{name: col.Name, def: def, key: key})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
		return out
	}
}

// refsKey is the refs of a slotKey.
func refsKey(refs []refColumn) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = r.name + "\x00" + r.key
	}
	return strings.Join(parts, "\x01")
}

// columnKey serialises a column's scratch definition.
func columnKey(c *schema.Column) string {
	return fmt.Sprintf("%s\x00%s\x00%t\x00%s\x00%s", c.Type, c.Collation, c.Nullable, c.Identity, attrsKey(c.Attrs))
}

// attrsKey serialises attributes, sorted.
func attrsKey(attrs map[string]string) string {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + attrs[k] + "\x02")
	}
	return b.String()
}

func cloneAttrs(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// rewrite writes the server's spellings, read from the inspected scratch
// tables (lookup), into table t, whose slots were added.
func (c *canonicalizer) rewrite(t *schema.Table, lookup scratchLookup) error {
	specs := c.specs(t)
	found := make([]*schema.Table, len(specs))
	names := make([]string, len(specs))
	for i, s := range specs {
		slot, ok := c.slots[s.key]
		if !ok {
			return fmt.Errorf("a slot of %s was not placed in a scratch table", t.QName())
		}
		if found[i] = lookup.table(slot.table.Name); found[i] == nil {
			return fmt.Errorf("scratch table %s.%s is missing from the shadow database", c.ns, slot.table.Name)
		}
		names[i] = slot.name
	}
	needs := make([]bool, len(t.Indexes))
	for n, ix := range t.Indexes {
		needs[n] = c.policy.indexNeedsServer(t, ix)
	}
	i := 0
	next := func() (*schema.Table, string) { st, name := found[i], names[i]; i++; return st, name }
	for _, col := range t.Columns {
		st, name := next()
		sc := st.Column(name)
		if sc == nil {
			return fmt.Errorf("scratch column %s of %s is missing", name, st.Name)
		}
		col.Default, col.Generated = sc.Default, sc.Generated
		if c.policy.copyBack {
			col.Type, col.Collation, col.Attrs = sc.Type, sc.Collation, cloneAttrs(sc.Attrs)
		}
	}
	for _, k := range t.Checks {
		st, name := next()
		got := checkNamed(st, name)
		if got == nil {
			return fmt.Errorf("scratch check %s of %s is missing", name, st.Name)
		}
		k.Expr = got.Expr
	}
	for n, ix := range t.Indexes {
		if needs[n] {
			st, name := next()
			si := st.Index(name)
			if si == nil || len(si.Parts) != len(ix.Parts) {
				return fmt.Errorf("scratch index %s of %s is missing", name, st.Name)
			}
			ix.Unique, ix.Using, ix.Where, ix.Include = si.Unique, si.Using, si.Where, si.Include
			ix.Parts = append([]schema.IndexPart(nil), si.Parts...)
			continue
		}
		for pi := range ix.Parts {
			p := &ix.Parts[pi]
			if p.Expr == "" {
				continue
			}
			st, name := next()
			si := st.Index(name)
			if si == nil || len(si.Parts) != 1 {
				return fmt.Errorf("scratch index %s of %s is missing", name, st.Name)
			}
			p.Column, p.Expr = si.Parts[0].Column, si.Parts[0].Expr
		}
		if ix.Where != "" {
			st, name := next()
			si := st.Index(name)
			if si == nil {
				return fmt.Errorf("scratch index %s of %s is missing", name, st.Name)
			}
			ix.Where = si.Where
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

func newScratchLookup(got *schema.Schema, ns, prefix string) scratchLookup {
	m := scratchLookup{}
	for _, t := range got.Tables {
		if t.Schema == ns && strings.HasPrefix(t.Name, prefix) {
			m[t.Name] = t
		}
	}
	return m
}

func (l scratchLookup) table(name string) *schema.Table { return l[name] }
