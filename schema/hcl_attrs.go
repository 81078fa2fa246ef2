package schema

import (
	"math/big"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// bodySpec is what a block may contain: its attribute names, and its block
// types with the number of labels each takes.
type bodySpec struct {
	attrs  []string
	blocks map[string]int
}

// checkBody reports attributes and blocks the spec does not allow, and
// blocks with the wrong number of labels. what names the enclosing block in
// messages ("table \"users\""). It returns false when something was wrong.
func (d *decoder) checkBody(body *hclsyntax.Body, what string, spec bodySpec) bool {
	ok := true
	allowed := map[string]bool{}
	for _, a := range spec.attrs {
		allowed[a] = true
	}
	for _, a := range sortedAttrs(body) {
		if allowed[a.Name] {
			continue
		}
		ok = false
		if len(spec.attrs) == 0 && len(spec.blocks) > 0 {
			d.errs.errorf(rangePos(a.NameRange), "%s: attribute %q is not allowed here, only blocks: %s", what, a.Name, expected(sortedKeys(spec.blocks)))
			continue
		}
		if _, isBlock := spec.blocks[a.Name]; isBlock {
			d.errs.errorf(rangePos(a.NameRange), "%s: %s is a block, not an attribute; write %s { … }", what, a.Name, a.Name)
			continue
		}
		d.errs.errorf(rangePos(a.NameRange), "%s: unknown attribute %q; expected one of: %s", what, a.Name, expected(spec.attrs))
	}
	for _, b := range body.Blocks {
		labels, known := spec.blocks[b.Type]
		if !known {
			ok = false
			if allowed[b.Type] {
				d.errs.errorf(rangePos(b.TypeRange), "%s: %s is an attribute, not a block; write %s = …", what, b.Type, b.Type)
				continue
			}
			d.errs.errorf(rangePos(b.TypeRange), "%s: unknown block %q; expected one of: %s", what, b.Type, expected(sortedKeys(spec.blocks)))
			continue
		}
		if len(b.Labels) != labels {
			ok = false
			d.errs.errorf(rangePos(b.TypeRange), "%s: block %s takes %s, not %d", what, b.Type, labelCount(labels, b.Type), len(b.Labels))
		}
	}
	return ok
}

func labelCount(n int, typ string) string {
	switch n {
	case 0:
		return "no label"
	case 1:
		return "one label (" + typ + " \"name\" { … })"
	default:
		return "several labels"
	}
}

func expected(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, ", ")
}

// sortedAttrs returns a body's attributes in source order.
func sortedAttrs(body *hclsyntax.Body) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, a := range body.Attributes {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

// value evaluates an attribute. ok is false after an error, and for a value
// that is unknown because an earlier error made a local invalid.
func (d *decoder) value(a *hclsyntax.Attribute) (cty.Value, bool) {
	if !d.refsDefined(a.Expr) {
		return cty.NilVal, false
	}
	v, diags := a.Expr.Value(d.ctx)
	if diags.HasErrors() {
		d.errs.addDiags(diags)
		return cty.NilVal, false
	}
	v, _ = v.UnmarkDeep()
	if !v.IsWhollyKnown() {
		return cty.NilVal, false
	}
	return v, true
}

// refsDefined reports var.x and local.x references to names that are not
// declared, with a message that says how to declare them.
func (d *decoder) refsDefined(e hclsyntax.Expression) bool {
	ok := true
	for _, tr := range e.Variables() {
		root := tr.RootName()
		if root != "var" && root != "local" || len(tr) < 2 {
			continue
		}
		attr, isAttr := tr[1].(hcl.TraverseAttr)
		if !isAttr {
			continue
		}
		obj := d.ctx.Variables[root]
		if obj.IsKnown() && !obj.IsNull() && obj.Type().IsObjectType() && obj.Type().HasAttribute(attr.Name) {
			continue
		}
		ok = false
		if root == "var" {
			d.errs.errorf(rangePos(tr.SourceRange()), "var.%s is not declared; add variable %q {}", attr.Name, attr.Name)
		} else {
			d.errs.errorf(rangePos(tr.SourceRange()), "local.%s is not defined; add it to a locals block", attr.Name)
		}
	}
	return ok
}

// typeError reports an attribute whose value has the wrong type.
func (d *decoder) typeError(a *hclsyntax.Attribute, want string, got cty.Type) {
	d.errs.errorf(rangePos(a.Expr.Range()), "attribute %q must be %s, not %s", a.Name, want, friendlyType(got))
}

func friendlyType(t cty.Type) string {
	switch {
	case t == cty.String:
		return "a string"
	case t == cty.Number:
		return "a number"
	case t == cty.Bool:
		return "a bool"
	case t.IsTupleType() || t.IsListType() || t.IsSetType():
		return "a list"
	case t.IsObjectType() || t.IsMapType():
		return "an object"
	default:
		return t.FriendlyName()
	}
}

// str reads a string attribute; a missing attribute (nil) or a null value
// gives "". ok is false after an error.
func (d *decoder) str(a *hclsyntax.Attribute) (string, bool) {
	if a == nil {
		return "", true
	}
	v, ok := d.value(a)
	if !ok {
		return "", false
	}
	if v.IsNull() {
		return "", true
	}
	if v.Type() != cty.String {
		d.typeError(a, "a string", v.Type())
		return "", false
	}
	return v.AsString(), true
}

// optStr reads the named string attribute of body, "" when absent.
func (d *decoder) optStr(body *hclsyntax.Body, name string) string {
	s, _ := d.str(body.Attributes[name])
	return s
}

// optBool reads the named bool attribute of body, def when absent.
func (d *decoder) optBool(body *hclsyntax.Body, name string, def bool) bool {
	a := body.Attributes[name]
	if a == nil {
		return def
	}
	v, ok := d.value(a)
	if !ok || v.IsNull() {
		return def
	}
	if v.Type() != cty.Bool {
		d.typeError(a, "true or false", v.Type())
		return def
	}
	return v.True()
}

// optInt reads the named whole-number attribute of body, 0 when absent.
func (d *decoder) optInt(body *hclsyntax.Body, name string) int64 {
	a := body.Attributes[name]
	if a == nil {
		return 0
	}
	v, ok := d.value(a)
	if !ok || v.IsNull() {
		return 0
	}
	if v.Type() != cty.Number {
		d.typeError(a, "a whole number", v.Type())
		return 0
	}
	f := v.AsBigFloat()
	n, acc := f.Int64()
	if acc != big.Exact {
		d.errs.errorf(rangePos(a.Expr.Range()), "attribute %q must be a whole number between -9223372036854775808 and 9223372036854775807, not %s", name, f.Text('g', 20))
		return 0
	}
	return n
}

// optStrings reads the named list-of-strings attribute of body, nil when
// absent.
func (d *decoder) optStrings(body *hclsyntax.Body, name string) []string {
	a := body.Attributes[name]
	if a == nil {
		return nil
	}
	v, ok := d.value(a)
	if !ok || v.IsNull() {
		return nil
	}
	t := v.Type()
	if !(t.IsTupleType() || t.IsListType()) {
		d.typeError(a, "a list of strings", t)
		return nil
	}
	out := []string{}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() || e.Type() != cty.String {
			d.errs.errorf(rangePos(a.Expr.Range()), "attribute %q must be a list of strings, but element %d is %s", name, len(out)+1, friendlyType(e.Type()))
			return nil
		}
		out = append(out, e.AsString())
	}
	return out
}

// optEnum reads a string attribute that must be one of allowed (compared
// case-insensitively, stored in the spelling of allowed).
func (d *decoder) optEnum(body *hclsyntax.Body, name string, allowed ...string) string {
	a := body.Attributes[name]
	s, ok := d.str(a)
	if !ok || s == "" {
		return ""
	}
	for _, v := range allowed {
		if strings.EqualFold(strings.Join(strings.Fields(s), " "), v) {
			return v
		}
	}
	quoted := make([]string, len(allowed))
	for i, v := range allowed {
		quoted[i] = `"` + v + `"`
	}
	d.errs.errorf(rangePos(a.Expr.Range()), "attribute %q is %q; expected one of %s", name, s, strings.Join(quoted, ", "))
	return ""
}
