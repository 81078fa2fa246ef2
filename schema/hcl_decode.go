package schema

import (
	"errors"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Dialects are the dialect names the language accepts.
var Dialects = []string{"postgres", "mysql", "mssql"}

// decoder turns desired-state sources into one Schema, collecting errors.
type decoder struct {
	opts          LoadOptions
	ctx           *hcl.EvalContext
	errs          ErrorList
	out           *Schema
	dialect       string
	defaultSchema string
	// defined maps "kind qualified-name" to where it was first defined.
	defined map[string]Pos
	// schemaRefs are the places that name a namespace, in order.
	schemaRefs []schemaRef
}

// schemaRef is a place where an object names its namespace.
type schemaRef struct {
	name string
	pos  Pos
	// sql is true for an object of an SQL file, whose fix is a statement.
	sql bool
}

// hclFile is a parsed HCL source.
type hclFile struct {
	name string
	body *hclsyntax.Body
}

// topLevel is what a desired-state file may contain.
var topLevel = bodySpec{blocks: map[string]int{
	"database": 0, "variable": 1, "locals": 0,
	"schema": 1, "enum": 1, "sequence": 1, "table": 1, "view": 1,
}}

func newDecoder(opts LoadOptions) *decoder {
	return &decoder{
		opts:    opts,
		out:     &Schema{},
		defined: map[string]Pos{},
		ctx: &hcl.EvalContext{
			Variables: map[string]cty.Value{},
			Functions: hclFunctions(),
		},
	}
}

// run decodes the HCL files, parses and merges the SQL files, checks
// namespaces, and validates the result.
func (d *decoder) run(hclSrcs, sqlSrcs []source) (*Schema, error) {
	var files []hclFile
	for _, s := range hclSrcs {
		if e := checkNesting(s.src, s.name); e != nil {
			d.errs = append(d.errs, e)
			continue
		}
		f, diags := hclsyntax.ParseConfig(s.src, s.name, hcl.InitialPos)
		d.errs.addDiags(diags)
		if diags.HasErrors() || f == nil {
			continue
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		if d.checkBody(body, "file "+s.name, topLevel) {
			files = append(files, hclFile{name: s.name, body: body})
		}
	}
	if len(d.errs) > 0 {
		return nil, d.errs.Err()
	}
	d.decodeDialect(files)
	if len(d.errs) > 0 {
		return nil, d.errs.Err()
	}
	d.decodeVariables(files)
	if len(d.errs) > 0 {
		return nil, d.errs.Err()
	}
	for _, f := range files {
		for _, b := range f.body.Blocks {
			d.decodeObject(b)
		}
	}
	for _, s := range sqlSrcs {
		d.mergeSQL(s)
	}
	if len(d.errs) > 0 {
		return nil, d.errs.Err()
	}
	d.checkNamespaces()
	if len(d.errs) > 0 {
		return nil, d.errs.Err()
	}
	if err := Validate(d.out); err != nil {
		return nil, err
	}
	return d.out, nil
}

// decodeDialect reads the database blocks of every file; they must agree.
func (d *decoder) decodeDialect(files []hclFile) {
	var where Pos
	for _, f := range files {
		for _, b := range f.body.Blocks {
			if b.Type != "database" {
				continue
			}
			if !d.checkBody(b.Body, "database", bodySpec{attrs: []string{"dialect"}}) {
				continue
			}
			a := b.Body.Attributes["dialect"]
			if a == nil {
				d.errs.errorf(rangePos(b.DefRange()), "database: attribute \"dialect\" is required; one of %s", expected(Dialects))
				continue
			}
			name := d.optEnum(b.Body, "dialect", Dialects...)
			pos := rangePos(a.Expr.Range())
			switch {
			case name == "":
			case d.dialect == "":
				d.dialect, where = name, pos
			case d.dialect != name:
				d.errs.errorf(pos, "dialect %q conflicts with dialect %q set at %s; all files must name the same dialect", name, d.dialect, where)
			}
		}
	}
	if d.dialect == "" && len(d.errs) == 0 {
		if d.opts.Dialect == "" {
			file := ""
			if len(files) > 0 {
				file = files[0].name
			}
			d.errs.errorf(Pos{File: file}, "no dialect given; add database { dialect = \"postgres\" } (or mysql, mssql) or pass --dialect")
			return
		}
		d.dialect = d.opts.Dialect
	}
	d.out.Dialect = d.dialect
	d.defaultSchema = "public"
	if d.opts.DefaultSchema != nil {
		d.defaultSchema = d.opts.DefaultSchema(d.dialect)
	}
}

// decodeVariables reads variable and locals blocks of every file, applies
// --var values and evaluates the locals into the evaluation context.
func (d *decoder) decodeVariables(files []hclFile) {
	vars := map[string]*hclVariable{}
	locals := map[string]*hclLocal{}
	localPos := map[string]Pos{}
	for _, f := range files {
		for _, b := range f.body.Blocks {
			switch b.Type {
			case "variable":
				what := fmt.Sprintf("variable %q", b.Labels[0])
				if !d.checkBody(b.Body, what, bodySpec{attrs: []string{"type", "default", "description"}}) {
					continue
				}
				v := d.decodeVariable(b)
				if v == nil {
					continue
				}
				if prev := vars[v.name]; prev != nil {
					d.errs.errorf(v.pos, "variable %q defined twice: %s and %s", v.name, prev.pos, v.pos)
					continue
				}
				vars[v.name] = v
			case "locals":
				if !d.checkBody(b.Body, "locals", bodySpec{attrs: sortedKeys(b.Body.Attributes)}) {
					continue
				}
				for _, a := range sortedAttrs(b.Body) {
					pos := rangePos(a.NameRange)
					if prev, dup := localPos[a.Name]; dup {
						d.errs.errorf(pos, "local.%s defined twice: %s and %s", a.Name, prev, pos)
						continue
					}
					localPos[a.Name] = pos
					locals[a.Name] = &hclLocal{attr: a, file: f.name}
				}
			}
		}
	}
	d.applyVars(vars, d.opts.Vars)
	values := map[string]cty.Value{}
	for n, v := range vars {
		if v.set {
			values[n] = v.value
		}
	}
	d.ctx.Variables["var"] = cty.ObjectVal(values)
	d.evalLocals(locals, d.ctx)
}

// decodeObject decodes one top-level block into d.out.
func (d *decoder) decodeObject(b *hclsyntax.Block) {
	switch b.Type {
	case "schema":
		d.decodeNamespace(b)
	case "enum":
		d.decodeEnum(b)
	case "sequence":
		d.decodeSequence(b)
	case "view":
		d.decodeView(b)
	case "table":
		d.decodeTable(b)
	}
}

// define records that kind name is defined at pos; a second definition is
// an error naming both places.
func (d *decoder) define(kind, name string, pos Pos) bool {
	key := kind + " " + name
	if prev, dup := d.defined[key]; dup {
		d.errs.errorf(pos, "%s %q defined twice: %s and %s", kind, name, prev, pos)
		return false
	}
	d.defined[key] = pos
	return true
}

// objectSchema reads an object's `schema` attribute (the default schema
// when absent) and records the reference for checkNamespaces.
func (d *decoder) objectSchema(body *hclsyntax.Body, blockPos Pos) string {
	a := body.Attributes["schema"]
	if a == nil {
		return d.defaultSchema
	}
	s, ok := d.str(a)
	if !ok {
		return d.defaultSchema
	}
	if s == "" {
		d.errs.errorf(rangePos(a.Expr.Range()), "attribute \"schema\" is empty; name a schema or leave the attribute out for %s", d.defaultNamespaceName())
		return d.defaultSchema
	}
	d.schemaRefs = append(d.schemaRefs, schemaRef{name: s, pos: rangePos(a.Expr.Range())})
	return s
}

// defaultNamespaceName names the default namespace in a message: quoted,
// or "the target database's own" when the dialect has no fixed one.
func (d *decoder) defaultNamespaceName() string {
	if d.defaultSchema == "" {
		return "the target's own database"
	}
	return fmt.Sprintf("%q", d.defaultSchema)
}

// checkNamespaces reports objects in a namespace that is neither declared
// nor the default one, once per namespace.
func (d *decoder) checkNamespaces() {
	declared := map[string]bool{d.defaultSchema: true}
	for _, n := range d.out.Namespaces {
		declared[n.Name] = true
	}
	for _, r := range d.schemaRefs {
		if declared[r.name] {
			continue
		}
		declared[r.name] = true // report each namespace once
		d.errs.errorf(r.pos, "%s", d.undeclaredMsg(r))
	}
}

// undeclaredMsg is the error for an object in an undeclared namespace, with
// the fix in the language the object is written in: for an SQL file the
// dialect's statement (LoadOptions.NamespaceSQL), else an HCL block.
func (d *decoder) undeclaredMsg(r schemaRef) string {
	stmt := ""
	if r.sql && d.opts.NamespaceSQL != nil {
		stmt = d.opts.NamespaceSQL(d.dialect, r.name)
	}
	if stmt == "" {
		return fmt.Sprintf("schema %q is not declared; add schema %q {}", r.name, r.name)
	}
	return fmt.Sprintf("%q is not created by the desired state; add %s; before the first statement that uses it (only %s needs none)",
		r.name, stmt, d.defaultNamespaceName())
}

// mergeSQL parses one SQL file with the injected parser and adds its
// objects, checking for names defined twice.
func (d *decoder) mergeSQL(s source) {
	if d.opts.ParseSQL == nil {
		d.errs.errorf(Pos{File: s.name}, "cannot read SQL files here: no SQL parser is configured; use .hcl files")
		return
	}
	parsed, err := d.opts.ParseSQL(d.dialect, s.name, s.src)
	if err != nil {
		var el ErrorList
		var e *Error
		switch {
		case errors.As(err, &el):
			d.errs = append(d.errs, el...)
		case errors.As(err, &e):
			d.errs = append(d.errs, e)
		default:
			d.errs.errorf(Pos{File: s.name}, "%s", err)
		}
		return
	}
	if parsed == nil {
		return
	}
	fill := func(p *Pos) {
		if p.File == "" {
			p.File = s.name
		}
	}
	for _, n := range parsed.Namespaces {
		fill(&n.Pos)
		if d.define("schema", n.Name, n.Pos) {
			d.out.Namespaces = append(d.out.Namespaces, n)
		}
	}
	// claim gives an object from the SQL file its file, its default schema
	// and its place in the merged schema; false means it is defined twice.
	claim := func(kind string, schemaName *string, name string, pos *Pos) bool {
		fill(pos)
		if *schemaName == "" {
			*schemaName = d.defaultSchema
		}
		d.schemaRefs = append(d.schemaRefs, schemaRef{name: *schemaName, pos: *pos, sql: true})
		return d.define(kind, QName{Schema: *schemaName, Name: name}.String(), *pos)
	}
	for _, t := range parsed.Tables {
		ok := claim("table", &t.Schema, t.Name, &t.Pos)
		for _, fk := range t.ForeignKeys {
			if fk.RefSchema == "" {
				fk.RefSchema = t.Schema
			}
		}
		if ok {
			d.out.Tables = append(d.out.Tables, t)
		}
	}
	for _, e := range parsed.Enums {
		if claim("enum", &e.Schema, e.Name, &e.Pos) {
			d.out.Enums = append(d.out.Enums, e)
		}
	}
	for _, q := range parsed.Sequences {
		if claim("sequence", &q.Schema, q.Name, &q.Pos) {
			d.out.Sequences = append(d.out.Sequences, q)
		}
	}
	for _, v := range parsed.Views {
		if claim("view", &v.Schema, v.Name, &v.Pos) {
			d.out.Views = append(d.out.Views, v)
		}
	}
}
