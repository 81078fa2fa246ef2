package postgres

import (
	"fmt"
	"strings"
	"sync"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/tidedb/tide/schema"
)

// Normalize implements dialects.TypeSystem: it rewrites a desired schema in
// place into the canonical form an inspection of the same database would
// give, without a server:
//   - objects without a schema get "public"; foreign keys without a
//     referenced schema get their table's;
//   - column types take format_type()'s spelling; a type that is not built
//     in must name an enum of s;
//   - defaults, checks, generated columns, index expressions and predicates
//     and view definitions are re-deparsed by pg_query; DEFAULT NULL is no
//     default;
//   - primary key, identity and serial columns are NOT NULL;
//   - unnamed constraints and indexes get PostgreSQL's default names;
//   - "no action" referential actions become "", index method "btree"
//     becomes "", default NULLS ordering becomes "", an index key that is a
//     bare column becomes a column key, an explicit operator class known
//     to be the default for its column's type and the method is dropped;
//   - sequences: type bigint becomes "" and options equal to the type's
//     defaults become 0.
//
// All problems are reported together, each at its file:line:col. Normalize
// is idempotent.
func (d Dialect) Normalize(s *schema.Schema) error {
	n := &normalizer{s: s}
	n.run()
	return n.errs.Err()
}

// normalizer holds the state of one Normalize call.
type normalizer struct {
	s    *schema.Schema
	errs schema.ErrorList
}

func (n *normalizer) errorf(pos schema.Pos, format string, args ...any) {
	n.errs = append(n.errs, &schema.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (n *normalizer) run() {
	s := n.s
	if s.Dialect == "" {
		s.Dialect = "postgres"
	}
	for _, e := range s.Enums {
		if e.Schema == "" {
			e.Schema = "public"
		}
	}
	for _, t := range s.Tables {
		if t.Schema == "" {
			t.Schema = "public"
		}
	}
	for _, q := range s.Sequences {
		if q.Schema == "" {
			q.Schema = "public"
		}
		n.sequence(q)
	}
	for _, v := range s.Views {
		if v.Schema == "" {
			v.Schema = "public"
		}
		if def, err := NormalizeQuery(v.Def); err != nil {
			n.errorf(v.Pos, "view %s: %v", v.QName(), err)
		} else {
			v.Def = def
		}
	}
	for _, t := range s.Tables {
		n.table(t)
	}
	n.defaultNames()
}

// table normalises one table (its names are handled by defaultNames).
func (n *normalizer) table(t *schema.Table) {
	for _, c := range t.Columns {
		n.column(t, c)
	}
	applyImpliedNotNull(t)
	for _, k := range t.Checks {
		if e, err := normalizeExprCached(k.Expr); err != nil {
			n.errorf(posOr(k.Pos, t.Pos), "check %s on table %s: %v", k.Name, t.QName(), err)
		} else {
			k.Expr = e
		}
	}
	for _, fk := range t.ForeignKeys {
		n.foreignKey(t, fk)
	}
	for _, idx := range t.Indexes {
		n.index(t, idx)
	}
}

// column normalises a column's type and expressions.
func (n *normalizer) column(t *schema.Table, c *schema.Column) {
	where := t.QName().String() + "." + c.Name
	pos := posOr(c.Pos, t.Pos)
	typ, err := Dialect{}.CanonicalType(c.Type)
	if err != nil {
		n.errorf(pos, "column %s: %v", where, err)
	} else {
		c.Type = typ
		if !isBuiltinCanonical(typ) {
			if q, ok := userTypeName(typ); !ok || n.s.Enum(q) == nil {
				n.errorf(pos, "column %s: type %q is neither a PostgreSQL built-in type nor an enum defined in the schema; define enum %q or fix the type", where, c.Type, q.String())
			}
		}
	}
	if c.Default != "" {
		if e, isNull, err := normalizeDefaultCached(c.Default); err != nil {
			n.errorf(pos, "column %s default: %v", where, err)
		} else if isNull {
			c.Default = ""
		} else {
			c.Default = e
		}
	}
	if c.Generated != "" {
		if e, err := normalizeExprCached(c.Generated); err != nil {
			n.errorf(pos, "column %s generated: %v", where, err)
		} else {
			c.Generated = e
		}
	}
	if IsSerialType(c.Type) {
		if c.Default != "" {
			n.errorf(pos, "column %s: a %s column takes its default from its own sequence; remove default %q or use an identity column", where, c.Type, c.Default)
		}
		if c.Identity != "" {
			n.errorf(pos, "column %s: a %s column cannot also be an identity column; use type integer/bigint with identity instead", where, c.Type)
		}
	}
	switch c.Identity {
	case "", schema.IdentityAlways, schema.IdentityByDefault:
	default:
		n.errorf(pos, "column %s: identity %q must be %q or %q", where, c.Identity, schema.IdentityAlways, schema.IdentityByDefault)
	}
	if c.Collation == "default" || c.Collation == "pg_catalog.default" {
		c.Collation = ""
	}
}

// foreignKey normalises a foreign key's target and actions.
func (n *normalizer) foreignKey(t *schema.Table, fk *schema.ForeignKey) {
	pos := posOr(fk.Pos, t.Pos)
	if fk.RefSchema == "" {
		fk.RefSchema = t.Schema
	}
	for _, a := range []*string{&fk.OnDelete, &fk.OnUpdate} {
		*a = strings.ToLower(strings.Join(strings.Fields(*a), " "))
		switch *a {
		case schema.ActionNoAction:
			*a = ""
		case "", schema.ActionRestrict, schema.ActionCascade, schema.ActionSetNull, schema.ActionSetDefault:
		default:
			n.errorf(pos, "foreign key %s on table %s: unknown action %q (want no action, restrict, cascade, set null or set default)", fk.Name, t.QName(), *a)
		}
	}
	if len(fk.RefColumns) == 0 {
		ref := n.s.Table(fk.RefQName())
		if ref == nil || ref.PrimaryKey == nil {
			n.errorf(pos, "foreign key %s on table %s references %s without columns, and that table has no primary key in the schema; name the referenced columns", fk.Name, t.QName(), fk.RefQName())
			return
		}
		fk.RefColumns = append([]string(nil), ref.PrimaryKey.Columns...)
	}
}

// index normalises an index's method, keys and predicate.
func (n *normalizer) index(t *schema.Table, idx *schema.Index) {
	pos := posOr(idx.Pos, t.Pos)
	idx.Using = strings.ToLower(idx.Using)
	if idx.Using == "btree" {
		idx.Using = ""
	}
	for i := range idx.Parts {
		part := &idx.Parts[i]
		if part.Expr != "" {
			col, e, err := normalizeIndexKeyCached(part.Expr)
			if err != nil {
				n.errorf(pos, "index %s on table %s: %v", idx.Name, t.QName(), err)
				continue
			}
			part.Column, part.Expr = col, e
		}
		part.Nulls = strings.ToLower(part.Nulls)
		if (part.Nulls == "last" && !part.Desc) || (part.Nulls == "first" && part.Desc) {
			part.Nulls = ""
		}
		if part.Nulls != "" && part.Nulls != "first" && part.Nulls != "last" {
			n.errorf(pos, "index %s on table %s: nulls %q must be \"first\" or \"last\"", idx.Name, t.QName(), part.Nulls)
		}
	}
	n.indexOpclasses(t, idx)
	if idx.Where != "" {
		if e, err := normalizeExprCached(idx.Where); err != nil {
			n.errorf(pos, "index %s on table %s where: %v", idx.Name, t.QName(), err)
		} else {
			idx.Where = e
		}
	}
}

// sequenceBounds are each sequence type's smallest and largest value.
var sequenceBounds = map[string][2]int64{
	"smallint": {-32768, 32767},
	"integer":  {-2147483648, 2147483647},
	"bigint":   {-9223372036854775808, 9223372036854775807},
}

// sequence normalises a sequence's type and zeroes options that equal the
// defaults PostgreSQL would choose.
func (n *normalizer) sequence(q *schema.Sequence) {
	typ := "bigint"
	if q.Type != "" {
		t, err := Dialect{}.CanonicalType(q.Type)
		if err != nil {
			n.errorf(q.Pos, "sequence %s: %v", q.QName(), err)
			return
		}
		if _, ok := sequenceBounds[t]; !ok {
			n.errorf(q.Pos, "sequence %s: type must be smallint, integer or bigint, not %s", q.QName(), t)
			return
		}
		typ = t
	}
	q.Type = typ
	if typ == "bigint" {
		q.Type = ""
	}
	bounds := sequenceBounds[typ]
	inc := q.Increment
	if inc == 0 {
		inc = 1
	}
	if q.Increment == 1 {
		q.Increment = 0
	}
	defMin, defMax := int64(1), bounds[1]
	if inc < 0 {
		defMin, defMax = bounds[0], -1
	}
	if q.MinValue == defMin {
		q.MinValue = 0
	}
	if q.MaxValue == defMax {
		q.MaxValue = 0
	}
	minV, maxV := defMin, defMax
	if q.MinValue != 0 {
		minV = q.MinValue
	}
	if q.MaxValue != 0 {
		maxV = q.MaxValue
	}
	defStart := minV
	if inc < 0 {
		defStart = maxV
	}
	if q.Start == defStart {
		q.Start = 0
	}
	if q.Cache == 1 {
		q.Cache = 0
	}
}

// defaultNames gives unnamed primary keys, constraints and indexes the names
// PostgreSQL would choose, avoiding every name already used in the schema.
func (n *normalizer) defaultNames() {
	scopes := map[string]*nameScope{}
	scope := func(name string) *nameScope {
		if scopes[name] == nil {
			scopes[name] = newNameScope()
		}
		return scopes[name]
	}
	for _, t := range n.s.Tables {
		sc := scope(t.Schema)
		sc.relations[t.Name] = true
		if t.PrimaryKey != nil && t.PrimaryKey.Name != "" {
			sc.relations[t.PrimaryKey.Name], sc.constraints[t.PrimaryKey.Name] = true, true
		}
		for _, u := range t.Uniques {
			if u.Name != "" {
				sc.relations[u.Name], sc.constraints[u.Name] = true, true
			}
		}
		for _, k := range t.Checks {
			if k.Name != "" {
				sc.constraints[k.Name] = true
			}
		}
		for _, fk := range t.ForeignKeys {
			if fk.Name != "" {
				sc.constraints[fk.Name] = true
			}
		}
		for _, i := range t.Indexes {
			if i.Name != "" {
				sc.relations[i.Name] = true
			}
		}
	}
	for _, q := range n.s.Sequences {
		scope(q.Schema).relations[q.Name] = true
	}
	for _, v := range n.s.Views {
		scope(v.Schema).relations[v.Name] = true
	}
	for _, t := range n.s.Tables {
		sc := scope(t.Schema)
		if t.PrimaryKey != nil && t.PrimaryKey.Name == "" {
			t.PrimaryKey.Name = sc.primaryKeyName(t.Name)
		}
		for _, k := range t.Checks {
			if k.Name == "" {
				var cols []string
				if node, err := parseExpr(k.Expr); err == nil {
					cols = referencedColumns(node)
				}
				k.Name = sc.checkName(t.Name, cols)
			}
		}
		for _, u := range t.Uniques {
			if u.Name == "" {
				u.Name = sc.uniqueName(t.Name, u.Columns)
			}
		}
		for _, fk := range t.ForeignKeys {
			if fk.Name == "" {
				fk.Name = sc.foreignKeyName(t.Name, fk.Columns)
			}
		}
		for _, i := range t.Indexes {
			if i.Name == "" {
				i.Name = sc.indexName(t.Name, indexKeyNames(i))
			}
		}
	}
}

// indexKeyNames lists the names an index's keys and INCLUDE columns
// contribute to its generated name.
func indexKeyNames(i *schema.Index) []string {
	var names []string
	for _, p := range i.Parts {
		if p.Column != "" {
			names = append(names, p.Column)
			continue
		}
		name := ""
		if node, err := parseExpr(p.Expr); err == nil {
			name = figureIndexColname(node)
		}
		names = append(names, name)
	}
	return append(names, i.Include...)
}

// isBuiltinCanonical reports whether a canonical type (possibly an array)
// is a built-in or serial type rather than a user type.
func isBuiltinCanonical(typ string) bool {
	if v, ok := builtinCache.Load(typ); ok {
		return v.(bool)
	}
	b := isBuiltinUncached(typ)
	builtinCache.Store(typ, b)
	return b
}

var builtinCache sync.Map // canonical type → isBuiltinCanonical

func isBuiltinUncached(typ string) bool {
	tn, err := parseTypeName(typ)
	if err != nil {
		return false
	}
	names := tn.Names
	switch {
	case len(names) == 1:
	case len(names) == 2 && names[0].GetString_().GetSval() == "pg_catalog":
		names = names[1:]
	default:
		return false
	}
	name := names[0].GetString_().GetSval()
	if _, ok := builtinTypes[name]; ok {
		return true
	}
	_, ok := serialAliases[name]
	return ok
}

// userTypeName reads the qualified name of a (canonical) user type, array
// brackets removed. An unqualified name is in "public": PostgreSQL resolves
// it through search_path, which tide leaves at its default.
func userTypeName(typ string) (schema.QName, bool) {
	if v, ok := userTypeCache.Load(typ); ok {
		r := v.(userTypeResult)
		return r.q, r.ok
	}
	q, ok := parseUserTypeName(typ)
	userTypeCache.Store(typ, userTypeResult{q, ok})
	return q, ok
}

// parseUserTypeName is userTypeName, uncached.
func parseUserTypeName(typ string) (schema.QName, bool) {
	tn, err := parseTypeName(typ)
	if err != nil {
		return schema.QName{}, false
	}
	var parts []string
	for _, n := range tn.Names {
		parts = append(parts, n.GetString_().GetSval())
	}
	switch len(parts) {
	case 1:
		return schema.QName{Schema: "public", Name: parts[0]}, true
	case 2:
		return schema.QName{Schema: parts[0], Name: parts[1]}, true
	}
	return schema.QName{Name: typ}, false
}

// posOr returns p, or fallback when p is unknown.
func posOr(p, fallback schema.Pos) schema.Pos {
	if p.IsZero() {
		return fallback
	}
	return p
}

// isNullDefault reports whether a default is a NULL constant, possibly cast
// ("NULL::text"): PostgreSQL stores no default for it.
func isNullDefault(node *pg_query.Node) bool {
	for node.GetTypeCast() != nil {
		node = node.GetTypeCast().Arg
	}
	return isNullConst(node)
}
