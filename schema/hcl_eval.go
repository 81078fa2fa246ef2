package schema

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// hclFunctions are the functions available in expressions. They are pure
// and bounded: nothing reads files, the clock or the environment.
func hclFunctions() map[string]function.Function {
	return map[string]function.Function{
		"format":     stdlib.FormatFunc,
		"formatlist": stdlib.FormatListFunc,
		"upper":      stdlib.UpperFunc,
		"lower":      stdlib.LowerFunc,
		"title":      stdlib.TitleFunc,
		"join":       stdlib.JoinFunc,
		"concat":     stdlib.ConcatFunc,
		"replace":    stdlib.ReplaceFunc,
		"trimspace":  stdlib.TrimSpaceFunc,
		"trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc,
		"substr":     stdlib.SubstrFunc,
		"length":     lengthFunc,
		"split":      stdlib.SplitFunc,
		"coalesce":   stdlib.CoalesceFunc,
		"contains":   stdlib.ContainsFunc,
		"distinct":   stdlib.DistinctFunc,
		"flatten":    stdlib.FlattenFunc,
		"lookup":     stdlib.LookupFunc,
		"merge":      stdlib.MergeFunc,
		"min":        stdlib.MinFunc,
		"max":        stdlib.MaxFunc,
		"tostring":   stdlib.MakeToFunc(cty.String),
		"tonumber":   stdlib.MakeToFunc(cty.Number),
		"tobool":     stdlib.MakeToFunc(cty.Bool),
		"tolist":     stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
	}
}

// lengthFunc is the number of characters of a string or of elements of a
// collection (stdlib's LengthFunc handles collections only).
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{
		Name:             "value",
		Type:             cty.DynamicPseudoType,
		AllowDynamicType: true,
	}},
	Type: function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		ty := v.Type()
		switch {
		case !v.IsKnown() || v.IsNull():
			return cty.NilVal, fmt.Errorf("length of a null or unknown value")
		case ty == cty.String:
			return stdlib.Strlen(v)
		case ty.IsListType() || ty.IsSetType() || ty.IsMapType() || ty.IsTupleType() || ty.IsObjectType():
			return cty.NumberIntVal(int64(v.LengthInt())), nil
		default:
			return cty.NilVal, fmt.Errorf("length needs a string, list or map, not %s", ty.FriendlyName())
		}
	},
})

// hclVariable is a declared `variable` block.
type hclVariable struct {
	name  string
	typ   cty.Type // cty.DynamicPseudoType for "any"
	value cty.Value
	set   bool // a default or a --var gave a value
	bad   bool // a --var value was reported as invalid
	pos   Pos
}

// variableTypes are the spellings accepted in a variable's `type`.
var variableTypes = map[string]cty.Type{
	"string": cty.String,
	"number": cty.Number,
	"bool":   cty.Bool,
	"any":    cty.DynamicPseudoType,
}

// decodeVariable reads one `variable "name" { type, default, description }`.
func (d *decoder) decodeVariable(b *hclsyntax.Block) *hclVariable {
	v := &hclVariable{name: b.Labels[0], typ: cty.DynamicPseudoType, pos: rangePos(b.DefRange())}
	if !hclsyntax.ValidIdentifier(v.name) {
		d.errs.errorf(rangePos(b.LabelRanges[0]), "variable name %q is not a valid identifier (letters, digits, _ and -, not starting with a digit)", v.name)
		return nil
	}
	if a := b.Body.Attributes["type"]; a != nil {
		kw := hcl.ExprAsKeyword(a.Expr)
		ty, ok := variableTypes[kw]
		if !ok {
			d.errs.errorf(rangePos(a.Expr.Range()), "variable %q: type must be one of string, number, bool or any (written without quotes)", v.name)
			return nil
		}
		v.typ = ty
	}
	if a := b.Body.Attributes["description"]; a != nil {
		if _, ok := d.str(a); !ok {
			return nil
		}
	}
	if a := b.Body.Attributes["default"]; a != nil {
		val, diags := a.Expr.Value(nil) // defaults are constants: no var., local. or functions
		if diags.HasErrors() {
			d.errs.addDiags(diags)
			return nil
		}
		conv, err := convert.Convert(val, v.typ)
		if err != nil {
			d.errs.errorf(rangePos(a.Expr.Range()), "variable %q: default does not match type %s: %s", v.name, v.typ.FriendlyName(), err)
			return nil
		}
		v.value, v.set = conv, true
	}
	return v
}

// applyVars sets variables from --var values and reports undeclared and
// unset ones.
func (d *decoder) applyVars(vars map[string]*hclVariable, given map[string]string) {
	names := make([]string, 0, len(given))
	for n := range given {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		v := vars[n]
		if v == nil {
			d.errs.errorf(Pos{}, "--var %s: no variable %q is declared; declare it with variable %q {} or drop the --var", n, n, n)
			continue
		}
		conv, err := convert.Convert(cty.StringVal(given[n]), v.typ)
		if err != nil {
			d.errs.errorf(v.pos, "--var %s=%q is not a valid %s: %s", n, given[n], v.typ.FriendlyName(), err)
			v.bad = true
			continue
		}
		v.value, v.set = conv, true
	}
	for _, n := range sortedKeys(vars) {
		if v := vars[n]; !v.set && !v.bad {
			d.errs.errorf(v.pos, "variable %q has no value; give it a default or pass --var %s=…", n, n)
		}
	}
}

// hclLocal is one attribute of a `locals` block.
type hclLocal struct {
	attr *hclsyntax.Attribute
	file string
}

// evalLocals evaluates locals in dependency order: a local can use var.*,
// functions and other locals. Cycles and references to undefined locals are
// errors at the referring attribute.
func (d *decoder) evalLocals(locals map[string]*hclLocal, ctx *hcl.EvalContext) {
	values := map[string]cty.Value{}
	pending := sortedKeys(locals)
	for len(pending) > 0 {
		var next []string
		for _, n := range pending {
			l := locals[n]
			ready := true
			for _, dep := range localRefs(l.attr.Expr) {
				if _, done := values[dep.name]; done {
					continue
				}
				if locals[dep.name] == nil {
					d.errs.errorf(dep.pos, "local.%s is not defined; add it to a locals block", dep.name)
					values[n] = cty.DynamicVal
				}
				ready = false
			}
			if _, failed := values[n]; failed {
				continue
			}
			if !ready {
				next = append(next, n)
				continue
			}
			ctx.Variables["local"] = cty.ObjectVal(values)
			v, diags := l.attr.Expr.Value(ctx)
			if diags.HasErrors() {
				d.errs.addDiags(diags)
				v = cty.DynamicVal
			}
			values[n] = v
		}
		if len(next) == len(pending) { // no progress: a cycle
			for _, n := range next {
				d.errs.errorf(rangePos(locals[n].attr.NameRange), "local.%s cannot be evaluated: the locals %s refer to each other in a cycle; break the cycle", n, strings.Join(next, ", "))
			}
			break
		}
		pending = next
	}
	ctx.Variables["local"] = cty.ObjectVal(values)
}

// localRef is a `local.name` reference in an expression.
type localRef struct {
	name string
	pos  Pos
}

// localRefs lists the locals an expression refers to.
func localRefs(e hclsyntax.Expression) []localRef {
	var out []localRef
	for _, tr := range e.Variables() {
		if tr.RootName() != "local" || len(tr) < 2 {
			continue
		}
		if a, ok := tr[1].(hcl.TraverseAttr); ok {
			out = append(out, localRef{name: a.Name, pos: rangePos(tr.SourceRange())})
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
