package schema

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// EncodeHCL writes a schema in the desired-state language; it is what
// `tide inspect --format hcl` prints. The output is deterministic (objects
// sorted by qualified name, columns in table order), every object states its
// schema, and strings are escaped so that quotes, newlines, `${` and `%{`
// survive: LoadHCL(EncodeHCL(s)) gives s back (positions aside, lists
// sorted as by Schema.Sort). Attrs keys the language has no attribute for
// are written as comments, so that nothing is dropped silently.
func EncodeHCL(s *Schema) []byte {
	s = s.Clone()
	s.Sort()
	f := hclwrite.NewEmptyFile()
	root := f.Body()
	e := &encoder{dialect: s.Dialect}
	if s.Dialect != "" {
		root.AppendNewBlock("database", nil).Body().SetAttributeValue("dialect", cty.StringVal(s.Dialect))
	}
	for _, n := range s.Namespaces {
		spaceBlocks(root)
		b := root.AppendNewBlock("schema", []string{n.Name}).Body()
		setStr(b, "comment", n.Comment)
	}
	for _, en := range s.Enums {
		spaceBlocks(root)
		b := root.AppendNewBlock("enum", []string{en.Name}).Body()
		setStr(b, "schema", en.Schema)
		b.SetAttributeValue("values", stringList(en.Values))
	}
	for _, q := range s.Sequences {
		spaceBlocks(root)
		e.sequence(root.AppendNewBlock("sequence", []string{q.Name}).Body(), q)
	}
	for _, t := range s.Tables {
		spaceBlocks(root)
		e.table(root.AppendNewBlock("table", []string{t.Name}).Body(), t)
	}
	for _, v := range s.Views {
		spaceBlocks(root)
		b := root.AppendNewBlock("view", []string{v.Name}).Body()
		setStr(b, "schema", v.Schema)
		setStr(b, "comment", v.Comment)
		if len(v.DependsOn) > 0 {
			deps := make([]string, len(v.DependsOn))
			for i, q := range v.DependsOn {
				deps[i] = q.String()
			}
			b.SetAttributeValue("depends_on", stringList(deps))
		}
		b.SetAttributeValue("as", cty.StringVal(v.Def))
	}
	return hclwrite.Format(f.Bytes())
}

// encoder writes the parts of a schema whose spelling depends on the dialect.
type encoder struct {
	dialect string
}

// spaceBlocks separates top-level blocks by a blank line.
func spaceBlocks(b *hclwrite.Body) {
	if len(b.Blocks()) > 0 {
		b.AppendNewline()
	}
}

func setStr(b *hclwrite.Body, name, v string) {
	if v != "" {
		b.SetAttributeValue(name, cty.StringVal(v))
	}
}

func setBool(b *hclwrite.Body, name string, v bool) {
	if v {
		b.SetAttributeValue(name, cty.True)
	}
}

func setInt(b *hclwrite.Body, name string, v int64) {
	if v != 0 {
		b.SetAttributeValue(name, cty.NumberIntVal(v))
	}
}

func stringList(vs []string) cty.Value {
	if len(vs) == 0 {
		return cty.ListValEmpty(cty.String)
	}
	elems := make([]cty.Value, len(vs))
	for i, v := range vs {
		elems[i] = cty.StringVal(v)
	}
	return cty.ListVal(elems)
}

// comment appends a "# text" line.
func comment(b *hclwrite.Body, text string) {
	b.AppendUnstructuredTokens(hclwrite.Tokens{
		{Type: hclsyntax.TokenComment, Bytes: []byte("# " + text + "\n")},
	})
}

// unexpressible writes the attrs the language has no attribute for as
// comments, in key order.
func unexpressible(b *hclwrite.Body, attrs map[string]string, known []string) {
	isKnown := map[string]bool{}
	for _, k := range known {
		isKnown[k] = true
	}
	var keys []string
	for k := range attrs {
		if !isKnown[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		comment(b, fmt.Sprintf("tide: option %s = %q has no HCL attribute and is not managed", k, attrs[k]))
	}
}

func (e *encoder) sequence(b *hclwrite.Body, q *Sequence) {
	setStr(b, "schema", q.Schema)
	setStr(b, "type", q.Type)
	setInt(b, "start", q.Start)
	setInt(b, "increment", q.Increment)
	setInt(b, "min_value", q.MinValue)
	setInt(b, "max_value", q.MaxValue)
	setInt(b, "cache", q.Cache)
	setBool(b, "cycle", q.Cycle)
	setStr(b, "owned_by", q.OwnedBy)
}

func (e *encoder) table(b *hclwrite.Body, t *Table) {
	setStr(b, "schema", t.Schema)
	setStr(b, "comment", t.Comment)
	setStr(b, "renamed_from", t.RenamedFrom)
	setStr(b, "rename", t.Rename)
	var known []string
	if e.dialect == "mysql" {
		known = mysqlTableAttrs
		for _, k := range known {
			setStr(b, k, t.Attrs[k])
		}
		if n, err := t.AutoIncrementStart(); err == nil && n > 0 && n <= math.MaxInt64 {
			setInt(b, AttrAutoIncrement, int64(n))
			known = append(known[:len(known):len(known)], AttrAutoIncrement)
		}
		if n, err := t.KeyBlockSize(); err == nil && n > 0 {
			setInt(b, AttrKeyBlockSize, int64(n))
			known = append(known[:len(known):len(known)], AttrKeyBlockSize)
		}
	}
	unexpressible(b, t.Attrs, known)
	for _, c := range t.Columns {
		b.AppendNewline()
		e.column(b.AppendNewBlock("column", []string{c.Name}).Body(), c)
	}
	if pk := t.PrimaryKey; pk != nil {
		b.AppendNewline()
		pb := b.AppendNewBlock("primary_key", nil).Body()
		setStr(pb, "name", pk.Name)
		pb.SetAttributeValue("columns", stringList(pk.Columns))
	}
	for _, ix := range t.Indexes {
		b.AppendNewline()
		e.index(b.AppendNewBlock("index", []string{ix.Name}).Body(), t, ix)
	}
	for _, u := range t.Uniques {
		b.AppendNewline()
		ub := b.AppendNewBlock("unique", []string{u.Name}).Body()
		ub.SetAttributeValue("columns", stringList(u.Columns))
		setBool(ub, "deferrable", u.Deferrable)
		setBool(ub, "initially_deferred", u.InitiallyDeferred)
	}
	for _, fk := range t.ForeignKeys {
		b.AppendNewline()
		fb := b.AppendNewBlock("foreign_key", []string{fk.Name}).Body()
		fb.SetAttributeValue("columns", stringList(fk.Columns))
		ref := fk.RefTable
		if fk.RefSchema != "" && (fk.RefSchema != t.Schema || strings.Contains(fk.RefTable, ".")) {
			ref = fk.RefSchema + "." + fk.RefTable
		}
		fb.SetAttributeValue("ref_table", cty.StringVal(ref))
		fb.SetAttributeValue("ref_columns", stringList(fk.RefColumns))
		setStr(fb, "on_delete", fk.OnDelete)
		setStr(fb, "on_update", fk.OnUpdate)
		setBool(fb, "deferrable", fk.Deferrable)
		setBool(fb, "initially_deferred", fk.InitiallyDeferred)
	}
	for _, k := range t.Checks {
		b.AppendNewline()
		cb := b.AppendNewBlock("check", []string{k.Name}).Body()
		cb.SetAttributeValue("expr", cty.StringVal(k.Expr))
		setBool(cb, "no_inherit", k.NoInherit)
	}
}

func (e *encoder) column(b *hclwrite.Body, c *Column) {
	b.SetAttributeValue("type", cty.StringVal(c.Type))
	if !c.Nullable {
		b.SetAttributeValue("null", cty.False)
	}
	setStr(b, "default", c.Default)
	if e.dialect == "mysql" && c.Identity == IdentityByDefault {
		setBool(b, "auto_increment", true)
	} else {
		setStr(b, "identity", c.Identity)
	}
	setStr(b, "generated", c.Generated)
	setStr(b, "collation", c.Collation)
	setStr(b, "comment", c.Comment)
	setStr(b, "renamed_from", c.RenamedFrom)
	setStr(b, "backfill", c.Backfill)
	setStr(b, "using", c.Using)
	var known []string
	if e.dialect == "mysql" {
		setBool(b, "unsigned", c.Attrs["unsigned"] == "true")
		setStr(b, "charset", c.Attrs["charset"])
		known = append(known, "charset")
		if c.Attrs["unsigned"] == "true" {
			known = append(known, "unsigned")
		}
		setStr(b, AttrOnUpdate, c.Attrs[AttrOnUpdate])
		known = append(known, AttrOnUpdate)
		if c.Attrs[AttrVirtual] == "true" {
			setBool(b, AttrVirtual, true)
			known = append(known, AttrVirtual)
		}
	}
	unexpressible(b, c.Attrs, known)
}

// index writes the keys in the shortest form that decodes back to the same
// parts: columns, then on, then part blocks.
func (e *encoder) index(b *hclwrite.Body, t *Table, ix *Index) {
	setBool(b, "unique", ix.Unique)
	switch indexForm(t, ix) {
	case "columns":
		cols := make([]string, len(ix.Parts))
		for i, p := range ix.Parts {
			cols[i] = p.Column
		}
		b.SetAttributeValue("columns", stringList(cols))
	case "on":
		on := make([]string, len(ix.Parts))
		for i, p := range ix.Parts {
			on[i] = p.Column + p.Expr
		}
		b.SetAttributeValue("on", stringList(on))
	default:
		for _, p := range ix.Parts {
			pb := b.AppendNewBlock("part", nil).Body()
			setStr(pb, "column", p.Column)
			setStr(pb, "expr", p.Expr)
			setBool(pb, "desc", p.Desc)
			setStr(pb, "nulls", p.Nulls)
			setStr(pb, "opclass", p.Opclass)
			setStr(pb, "collation", p.Collation)
			setInt(pb, "length", int64(p.Length))
		}
	}
	setStr(b, "where", ix.Where)
	setStr(b, "using", ix.Using)
	if len(ix.Include) > 0 {
		b.SetAttributeValue("include", stringList(ix.Include))
	}
}

// indexForm picks how an index's keys are written: "columns" when all are
// plain columns, "on" when all are option-free and each reads back as what
// it is, else "part".
func indexForm(t *Table, ix *Index) string {
	if len(ix.Parts) == 0 {
		return "part"
	}
	allColumns, onWorks := true, true
	for _, p := range ix.Parts {
		if p.Desc || p.Nulls != "" || p.Opclass != "" || p.Collation != "" || p.Length != 0 ||
			(p.Column == "") == (p.Expr == "") {
			return "part"
		}
		readsAsColumn := func(s string) bool { return plainIdent.MatchString(s) && t.Column(s) != nil }
		if p.Column != "" {
			onWorks = onWorks && readsAsColumn(p.Column)
		} else {
			allColumns = false
			onWorks = onWorks && !readsAsColumn(p.Expr)
		}
	}
	switch {
	case allColumns:
		return "columns"
	case onWorks:
		return "on"
	default:
		return "part"
	}
}
