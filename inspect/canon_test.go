package inspect

import (
	"strings"
	"testing"

	"github.com/tidedb/tide/schema"
)

// words is a stand-in for a dialect's Identifiers: every word of expr.
func words(expr string) []string {
	return strings.FieldsFunc(expr, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

func table(name string, amountType string) *schema.Table {
	return &schema.Table{Schema: "public", Name: name,
		Columns: []*schema.Column{
			{Name: "id", Type: "bigint"},
			{Name: "amount", Type: amountType, Default: "0"},
			{Name: "created", Type: "timestamptz", Default: "now()"},
		},
		Checks:  []*schema.Check{{Name: name + "_amount_check", Expr: "amount >= 0"}},
		Indexes: []*schema.Index{{Name: name + "_idx", Parts: []schema.IndexPart{{Expr: "abs(amount)", Desc: true}}, Where: "amount > 0"}},
	}
}

func TestCanonicalizerSharesSlotsAndSeparatesContexts(t *testing.T) {
	c := newCanonicalizer("tide_canon", "tide_", words, policyOf(fakeFast{}))
	a, b, other := table("a", "numeric"), table("b", "numeric"), table("c", "integer")
	for _, tb := range []*schema.Table{a, b, other} {
		c.add(tb)
	}
	// a and b are identical contexts: b adds nothing. c's amount is an
	// integer, so its check, index and where cannot share a's scratch table.
	if len(c.tables) != 2 {
		t.Fatalf("scratch tables = %d, want 2 (numeric and integer amount)", len(c.tables))
	}
	// Slots: columns id (bigint, no default), amount (0 as numeric and as
	// integer), created (now()) (4); per amount type a check, an index
	// expression and a where (6).
	if len(c.slots) != 10 {
		t.Errorf("slots = %d, want 10", len(c.slots))
	}
	for _, st := range c.tables {
		seen := map[string]string{}
		for _, col := range st.table.Columns {
			if prev, ok := seen[col.Name]; ok {
				t.Errorf("scratch %s has column %s twice (%s, %s)", st.table.Name, col.Name, prev, col.Type)
			}
			seen[col.Name] = col.Type
		}
	}

	// The server's spellings, as an inspection of the scratch tables
	// would return them: every expression wrapped in brackets.
	got := &schema.Schema{}
	for _, st := range c.tables {
		g := st.table.Clone()
		for _, col := range g.Columns {
			if col.Default != "" {
				col.Default = "[" + col.Default + "]"
			}
		}
		for _, k := range g.Checks {
			k.Expr = "[" + k.Expr + "]"
		}
		for _, i := range g.Indexes {
			if i.Parts[0].Expr != "" {
				i.Parts[0].Expr = "[" + i.Parts[0].Expr + "]"
			}
			if i.Where != "" {
				i.Where = "[" + i.Where + "]"
			}
		}
		got.Tables = append(got.Tables, g)
	}
	lookup := newScratchLookup(got, "tide_canon", "tide_")
	for _, tb := range []*schema.Table{a, other} {
		if err := c.rewrite(tb, lookup); err != nil {
			t.Fatal(err)
		}
		if tb.Column("amount").Default != "[0]" || tb.Column("created").Default != "[now()]" {
			t.Errorf("%s defaults not rewritten: %+v %+v", tb.Name, tb.Column("amount"), tb.Column("created"))
		}
		if tb.Checks[0].Expr != "[amount >= 0]" || tb.Indexes[0].Where != "[amount > 0]" {
			t.Errorf("%s check/where not rewritten: %q %q", tb.Name, tb.Checks[0].Expr, tb.Indexes[0].Where)
		}
		if p := tb.Indexes[0].Parts[0]; p.Expr != "[abs(amount)]" || !p.Desc {
			t.Errorf("%s index part = %+v, want the server's expression and its own DESC", tb.Name, p)
		}
	}
	// A scratch table missing from the inspection is an error, not a guess.
	if err := c.rewrite(table("d", "numeric"), scratchLookup{}); err == nil {
		t.Error("rewrite without the scratch tables succeeded")
	}
}

func TestScratchNamespaceAvoidsDesiredNames(t *testing.T) {
	s := &schema.Schema{Namespaces: []*schema.Namespace{{Name: "tide_canon"}, {Name: "tide_canon_2"}}}
	if got := scratchNamespace(s); got != "tide_canon_3" {
		t.Errorf("scratchNamespace = %q, want tide_canon_3", got)
	}
}

func TestWholeTablesPullsDependencies(t *testing.T) {
	s := &schema.Schema{
		Tables: []*schema.Table{
			{Schema: "public", Name: "parent"},
			{Schema: "public", Name: "child", Columns: []*schema.Column{{Name: "id", Type: "serial"}},
				ForeignKeys: []*schema.ForeignKey{{RefSchema: "public", RefTable: "parent"}}},
			{Schema: "public", Name: "read_by_view"},
			{Schema: "public", Name: "owner"},
			{Schema: "public", Name: "untouched"},
		},
		Views:     []*schema.View{{Schema: "public", Name: "v", Def: "SELECT * FROM read_by_view"}},
		Sequences: []*schema.Sequence{{Schema: "public", Name: "s", OwnedBy: "owner.id"}},
	}
	got := wholeTables(s, fakeFast{})
	want := map[string]loadMode{"child": loadWithKeys, "parent": loadWithoutKeys, "read_by_view": loadWithoutKeys, "owner": loadWithoutKeys, "untouched": notLoaded}
	for name, mode := range want {
		if got[schema.QName{Schema: "public", Name: name}] != mode {
			t.Errorf("%s: mode %d, want %d", name, got[schema.QName{Schema: "public", Name: name}], mode)
		}
	}
}

type fakeFast struct{}

func (fakeFast) NeedsShadow(t *schema.Table) bool {
	return len(t.Columns) > 0 && t.Columns[0].Type == "serial"
}
func (fakeFast) Identifiers(expr string) []string { return words(strings.ToLower(expr)) }

func TestScratchPrefixAvoidsDesiredNames(t *testing.T) {
	s := &schema.Schema{Tables: []*schema.Table{
		{Name: "Tide_Scratch_1", Columns: []*schema.Column{{Name: "id"}}},
		{Name: "t", Columns: []*schema.Column{{Name: "TIDE2_k"}}},
	}}
	if got := scratchPrefix(s); got != "tide3_" {
		t.Errorf("scratchPrefix = %q, want tide3_ (tide_ and tide2_ start desired names)", got)
	}
	if got := scratchPrefix(&schema.Schema{}); got != "tide_" {
		t.Errorf("scratchPrefix of an empty schema = %q, want tide_", got)
	}
}

// policyFast is a FastNormalizer with a ScratchPolicy: tables are grouped
// by their "charset" attribute, a scratch column keeps the column's
// attributes and nullability, unique indexes go to the server, and a
// scratch table holds at most three columns.
type policyFast struct{ fakeFast }

func (policyFast) ScratchInDefaultNamespace() bool { return true }
func (policyFast) ScratchTableAttrs(t *schema.Table) map[string]string {
	if cs := t.Attrs["charset"]; cs != "" {
		return map[string]string{"charset": cs}
	}
	return nil
}
func (policyFast) ScratchColumn(c *schema.Column) *schema.Column {
	return &schema.Column{Type: c.Type, Nullable: c.Nullable, Attrs: cloneAttrs(c.Attrs)}
}
func (policyFast) IndexNeedsServer(_ *schema.Table, ix *schema.Index) bool { return ix.Unique }
func (policyFast) ScratchFits(t *schema.Table) bool                        { return len(t.Columns) <= 3 }

func TestCanonicalizerWithPolicy(t *testing.T) {
	latin := &schema.Table{Schema: "db", Name: "latin", Attrs: map[string]string{"charset": "latin1", "comment": "x"},
		Columns: []*schema.Column{
			{Name: "s", Type: "varchar(5)", Default: "'a'", Attrs: map[string]string{"on_update": "now()"}},
			{Name: "n", Type: "int", Nullable: true},
		},
		Indexes: []*schema.Index{
			{Name: "s_key", Unique: true, Parts: []schema.IndexPart{{Column: "s", Length: 5}}},
			{Name: "n_idx", Parts: []schema.IndexPart{{Column: "n"}}},
		},
	}
	utf := latin.Clone()
	utf.Name, utf.Attrs = "utf", nil
	c := newCanonicalizer("db", "tide_", words, policyOf(policyFast{}))
	c.add(latin)
	c.add(utf)
	// Per charset: columns s and n and the unique index (which reads s, a
	// column of its own). Three columns at most: tide_k, one slot column,
	// s: so each charset needs two scratch tables.
	if len(c.slots) != 6 {
		t.Errorf("slots = %d, want 6", len(c.slots))
	}
	if len(c.tables) != 4 {
		t.Fatalf("scratch tables = %d, want 4", len(c.tables))
	}
	for _, st := range c.tables {
		if st.table.Schema != "db" || !strings.HasPrefix(st.table.Name, "tide_scratch_") {
			t.Errorf("scratch table %s.%s: want it in db, named tide_scratch_…", st.table.Schema, st.table.Name)
		}
		if len(st.table.Columns) > 3 {
			t.Errorf("scratch table %s has %d columns, more than ScratchFits allows", st.table.Name, len(st.table.Columns))
		}
		if cs := st.table.Attrs["charset"]; cs != "" && cs != "latin1" || st.table.Attrs["comment"] != "" {
			t.Errorf("scratch table %s attrs = %v, want only the context", st.table.Name, st.table.Attrs)
		}
	}
	// The server's answer: types upper-cased, prefixes dropped, unique keys
	// become HASH keys.
	got := &schema.Schema{}
	for _, st := range c.tables {
		g := st.table.Clone()
		for _, col := range g.Columns {
			col.Type = strings.ToUpper(col.Type)
			if col.Default != "" {
				col.Default = "[" + col.Default + "]"
			}
		}
		for _, i := range g.Indexes {
			i.Using = "hash"
			i.Parts[0].Length = 0
		}
		got.Tables = append(got.Tables, g)
	}
	got.Tables = append(got.Tables, &schema.Table{Schema: "db", Name: "latin"})
	lookup := newScratchLookup(got, "db", "tide_")
	if lookup.table("latin") != nil {
		t.Error("a desired table is in the scratch lookup")
	}
	for _, tb := range []*schema.Table{latin, utf} {
		if err := c.rewrite(tb, lookup); err != nil {
			t.Fatal(err)
		}
		s := tb.Column("s")
		if s.Type != "VARCHAR(5)" || s.Default != "['a']" || s.Attrs["on_update"] != "now()" || tb.Column("n").Type != "INT" {
			t.Errorf("%s: columns not rewritten: %+v %+v", tb.Name, s, tb.Column("n"))
		}
		if ix := tb.Index("s_key"); ix.Using != "hash" || ix.Parts[0].Length != 0 || ix.Name != "s_key" {
			t.Errorf("%s: unique index not read back: %+v", tb.Name, ix)
		}
		if ix := tb.Index("n_idx"); ix.Using != "" {
			t.Errorf("%s: plain index rewritten: %+v", tb.Name, ix)
		}
	}
}
