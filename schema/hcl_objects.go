package schema

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// decodeNamespace decodes `schema "name" { comment }`.
func (d *decoder) decodeNamespace(b *hclsyntax.Block) {
	name := b.Labels[0]
	if !d.checkBody(b.Body, fmt.Sprintf("schema %q", name), bodySpec{attrs: []string{"comment"}}) {
		return
	}
	n := &Namespace{Name: name, Comment: d.optStr(b.Body, "comment"), Pos: rangePos(b.DefRange())}
	if d.nonEmptyLabel(b, "schema") && d.define("schema", name, n.Pos) {
		d.out.Namespaces = append(d.out.Namespaces, n)
	}
}

// decodeEnum decodes `enum "name" { schema, values }`.
func (d *decoder) decodeEnum(b *hclsyntax.Block) {
	name := b.Labels[0]
	if !d.checkBody(b.Body, fmt.Sprintf("enum %q", name), bodySpec{attrs: []string{"schema", "values"}}) {
		return
	}
	pos := rangePos(b.DefRange())
	e := &Enum{Schema: d.objectSchema(b.Body, pos), Name: name, Values: d.optStrings(b.Body, "values"), Pos: pos}
	if b.Body.Attributes["values"] == nil {
		d.errs.errorf(pos, "enum %q: attribute \"values\" is required; list the labels, e.g. values = [\"a\", \"b\"]", name)
		return
	}
	if d.nonEmptyLabel(b, "enum") && d.define("enum", e.QName().String(), pos) {
		d.out.Enums = append(d.out.Enums, e)
	}
}

// sequenceAttrs are the attributes of a sequence block.
var sequenceAttrs = []string{"schema", "type", "start", "increment", "min_value", "max_value", "cache", "cycle", "owned_by"}

// decodeSequence decodes `sequence "name" { … }`.
func (d *decoder) decodeSequence(b *hclsyntax.Block) {
	name := b.Labels[0]
	if !d.checkBody(b.Body, fmt.Sprintf("sequence %q", name), bodySpec{attrs: sequenceAttrs}) {
		return
	}
	pos := rangePos(b.DefRange())
	q := &Sequence{
		Schema:    d.objectSchema(b.Body, pos),
		Name:      name,
		Type:      d.optStr(b.Body, "type"),
		Start:     d.optInt(b.Body, "start"),
		Increment: d.optInt(b.Body, "increment"),
		MinValue:  d.optInt(b.Body, "min_value"),
		MaxValue:  d.optInt(b.Body, "max_value"),
		Cache:     d.optInt(b.Body, "cache"),
		Cycle:     d.optBool(b.Body, "cycle", false),
		OwnedBy:   d.optStr(b.Body, "owned_by"),
		Pos:       pos,
	}
	if d.nonEmptyLabel(b, "sequence") && d.define("sequence", q.QName().String(), pos) {
		d.out.Sequences = append(d.out.Sequences, q)
	}
}

// decodeView decodes `view "name" { schema, as, comment, depends_on }`.
func (d *decoder) decodeView(b *hclsyntax.Block) {
	name := b.Labels[0]
	if !d.checkBody(b.Body, fmt.Sprintf("view %q", name), bodySpec{attrs: []string{"schema", "as", "comment", "depends_on"}}) {
		return
	}
	pos := rangePos(b.DefRange())
	v := &View{Schema: d.objectSchema(b.Body, pos), Name: name, Def: d.optStr(b.Body, "as"), Comment: d.optStr(b.Body, "comment"), Pos: pos}
	if v.Def == "" {
		d.errs.errorf(pos, "view %q: attribute \"as\" is required; give the view's SELECT", name)
		return
	}
	for _, dep := range d.optStrings(b.Body, "depends_on") {
		v.DependsOn = append(v.DependsOn, ParseQName(dep, v.Schema))
	}
	if d.nonEmptyLabel(b, "view") && d.define("view", v.QName().String(), pos) {
		d.out.Views = append(d.out.Views, v)
	}
}

// nonEmptyLabel reports an empty block label ("") as an error.
func (d *decoder) nonEmptyLabel(b *hclsyntax.Block, kind string) bool {
	for i, l := range b.Labels {
		if l == "" {
			d.errs.errorf(rangePos(b.LabelRanges[i]), "%s name is empty; give the %s a name", kind, kind)
			return false
		}
	}
	return true
}
