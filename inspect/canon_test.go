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
	c := newCanonicalizer("tide_canon", words)
	a, b, other := table("a", "numeric"), table("b", "numeric"), table("c", "integer")
	for _, tb := range []*schema.Table{a, b, other} {
		c.add(tb)
	}
	// a and b are identical contexts: b adds nothing. c's amount is an
	// integer, so its check, index and where cannot share a's scratch table.
	if len(c.tables) != 2 {
		t.Fatalf("scratch tables = %d, want 2 (numeric and integer amount)", len(c.tables))
	}
	// Slots: types bigint, numeric, timestamptz, integer (4); defaults
	// 0::numeric, now(), 0::integer (3); per amount type a check, an index
	// expression and a where (6).
	if len(c.slots) != 13 {
		t.Errorf("slots = %d, want 13", len(c.slots))
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
	lookup := newScratchLookup(got, "tide_canon")
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
