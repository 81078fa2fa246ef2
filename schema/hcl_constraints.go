package schema

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// plainIdent is what an `on` entry must look like to name a column.
var plainIdent = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

var (
	primaryKeySpec = bodySpec{attrs: []string{"name", "columns"}}
	uniqueSpec     = bodySpec{attrs: []string{"columns", "deferrable", "initially_deferred"}}
	foreignKeySpec = bodySpec{attrs: []string{
		"columns", "ref_table", "ref_columns", "on_delete", "on_update", "deferrable", "initially_deferred",
	}}
	checkSpec = bodySpec{attrs: []string{"expr", "no_inherit"}}
	indexSpec = bodySpec{
		attrs:  []string{"columns", "on", "unique", "where", "using", "include"},
		blocks: map[string]int{"part": 0},
	}
	partSpec = bodySpec{attrs: []string{"column", "expr", "desc", "nulls", "opclass", "collation", "length"}}
)

// referentialActions are the accepted on_delete / on_update values.
var referentialActions = []string{ActionNoAction, ActionRestrict, ActionCascade, ActionSetNull, ActionSetDefault}

// requireAttr reports a missing required attribute of a block.
func (d *decoder) requireAttr(b *hclsyntax.Block, what, name, example string) bool {
	if b.Body.Attributes[name] != nil {
		return true
	}
	d.errs.errorf(rangePos(b.DefRange()), "%s: attribute %q is required, e.g. %s", what, name, example)
	return false
}

// decodePrimaryKey decodes `primary_key { name, columns }` into t.
func (d *decoder) decodePrimaryKey(b *hclsyntax.Block, t *Table) {
	what := fmt.Sprintf("primary key of table %q", t.QName())
	if !d.checkBody(b.Body, what, primaryKeySpec) || !d.requireAttr(b, what, "columns", `columns = ["id"]`) {
		return
	}
	pos := rangePos(b.DefRange())
	if t.PrimaryKey != nil {
		d.errs.errorf(pos, "table %q has two primary_key blocks: %s and %s; keep one", t.QName(), t.PrimaryKey.Pos, pos)
		return
	}
	t.PrimaryKey = &PrimaryKey{Name: d.optStr(b.Body, "name"), Columns: d.optStrings(b.Body, "columns"), Pos: pos}
}

// decodeUnique decodes `unique "name" { columns, deferrable, initially_deferred }`.
func (d *decoder) decodeUnique(b *hclsyntax.Block, t *Table) *Unique {
	what := fmt.Sprintf("unique %q of table %q", b.Labels[0], t.QName())
	if !d.checkBody(b.Body, what, uniqueSpec) || !d.nonEmptyLabel(b, "unique constraint") ||
		!d.requireAttr(b, what, "columns", `columns = ["email"]`) {
		return nil
	}
	return &Unique{
		Name:              b.Labels[0],
		Columns:           d.optStrings(b.Body, "columns"),
		Deferrable:        d.optBool(b.Body, "deferrable", false),
		InitiallyDeferred: d.optBool(b.Body, "initially_deferred", false),
		Pos:               rangePos(b.DefRange()),
	}
}

// decodeForeignKey decodes a foreign_key block; ref_table is "table" (in
// t's schema) or "schema.table".
func (d *decoder) decodeForeignKey(b *hclsyntax.Block, t *Table) *ForeignKey {
	what := fmt.Sprintf("foreign key %q of table %q", b.Labels[0], t.QName())
	if !d.checkBody(b.Body, what, foreignKeySpec) || !d.nonEmptyLabel(b, "foreign key") ||
		!d.requireAttr(b, what, "columns", `columns = ["org_id"]`) ||
		!d.requireAttr(b, what, "ref_table", `ref_table = "orgs"`) ||
		!d.requireAttr(b, what, "ref_columns", `ref_columns = ["id"]`) {
		return nil
	}
	ref := ParseQName(d.optStr(b.Body, "ref_table"), t.Schema)
	return &ForeignKey{
		Name:              b.Labels[0],
		Columns:           d.optStrings(b.Body, "columns"),
		RefSchema:         ref.Schema,
		RefTable:          ref.Name,
		RefColumns:        d.optStrings(b.Body, "ref_columns"),
		OnDelete:          d.optEnum(b.Body, "on_delete", referentialActions...),
		OnUpdate:          d.optEnum(b.Body, "on_update", referentialActions...),
		Deferrable:        d.optBool(b.Body, "deferrable", false),
		InitiallyDeferred: d.optBool(b.Body, "initially_deferred", false),
		Pos:               rangePos(b.DefRange()),
	}
}

// decodeCheck decodes `check "name" { expr, no_inherit }`.
func (d *decoder) decodeCheck(b *hclsyntax.Block, t *Table) *Check {
	what := fmt.Sprintf("check %q of table %q", b.Labels[0], t.QName())
	if !d.checkBody(b.Body, what, checkSpec) || !d.nonEmptyLabel(b, "check") ||
		!d.requireAttr(b, what, "expr", `expr = "amount >= 0"`) {
		return nil
	}
	return &Check{
		Name:      b.Labels[0],
		Expr:      d.optStr(b.Body, "expr"),
		NoInherit: d.optBool(b.Body, "no_inherit", false),
		Pos:       rangePos(b.DefRange()),
	}
}

// decodeIndex decodes an index block: exactly one of `columns`, `on`
// (expressions; a plain identifier naming a column is that column) or
// repeated `part` blocks gives its keys.
func (d *decoder) decodeIndex(b *hclsyntax.Block, t *Table) *Index {
	what := fmt.Sprintf("index %q of table %q", b.Labels[0], t.QName())
	if !d.checkBody(b.Body, what, indexSpec) || !d.nonEmptyLabel(b, "index") {
		return nil
	}
	ix := &Index{
		Name:    b.Labels[0],
		Unique:  d.optBool(b.Body, "unique", false),
		Where:   d.optStr(b.Body, "where"),
		Using:   d.optStr(b.Body, "using"),
		Include: d.optStrings(b.Body, "include"),
		Pos:     rangePos(b.DefRange()),
	}
	var forms []string
	if b.Body.Attributes["columns"] != nil {
		forms = append(forms, "columns")
		for _, c := range d.optStrings(b.Body, "columns") {
			ix.Parts = append(ix.Parts, IndexPart{Column: c})
		}
	}
	if b.Body.Attributes["on"] != nil {
		forms = append(forms, "on")
		for _, e := range d.optStrings(b.Body, "on") {
			if plainIdent.MatchString(e) && t.Column(e) != nil {
				ix.Parts = append(ix.Parts, IndexPart{Column: e})
			} else {
				ix.Parts = append(ix.Parts, IndexPart{Expr: e})
			}
		}
	}
	parts := 0
	for _, pb := range b.Body.Blocks {
		parts++
		if p, ok := d.decodeIndexPart(pb, what); ok {
			ix.Parts = append(ix.Parts, p)
		}
	}
	if parts > 0 {
		forms = append(forms, "part")
	}
	switch len(forms) {
	case 0:
		d.errs.errorf(ix.Pos, "%s: give its keys with columns = [...], on = [...] or part { … } blocks", what)
		return nil
	case 1:
	default:
		d.errs.errorf(ix.Pos, "%s: uses both %s and %s; give the keys one way only", what, forms[0], forms[1])
		return nil
	}
	return ix
}

// decodeIndexPart decodes one `part { column | expr, desc, nulls, opclass,
// collation, length }` block.
func (d *decoder) decodeIndexPart(b *hclsyntax.Block, what string) (IndexPart, bool) {
	pos := rangePos(b.DefRange())
	what = "part of " + what
	if !d.checkBody(b.Body, what, partSpec) {
		return IndexPart{}, false
	}
	p := IndexPart{
		Column:    d.optStr(b.Body, "column"),
		Expr:      d.optStr(b.Body, "expr"),
		Desc:      d.optBool(b.Body, "desc", false),
		Nulls:     d.optEnum(b.Body, "nulls", "first", "last"),
		Opclass:   d.optStr(b.Body, "opclass"),
		Collation: d.optStr(b.Body, "collation"),
	}
	length := d.optInt(b.Body, "length")
	if length < 0 || length > 1<<31-1 {
		d.errs.errorf(rangePos(b.Body.Attributes["length"].Expr.Range()), "%s: length must be a positive number of characters, not %d", what, length)
		return IndexPart{}, false
	}
	p.Length = int(length)
	if (p.Column == "") == (p.Expr == "") {
		d.errs.errorf(pos, "%s: set exactly one of column and expr", what)
		return IndexPart{}, false
	}
	return p, true
}
