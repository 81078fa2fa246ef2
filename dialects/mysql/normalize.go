package mysql

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/schema"
)

// Normalize implements dialects.TypeSystem. It rewrites a schema (typically
// a desired state from HCL) into the form ParseSQL produces and an
// inspector reads back, so that equal schemas compare equal:
//
//   - types are canonical (CanonicalType), with unsigned = true folded into
//     the type ("bigint" + unsigned → "bigint unsigned"), because signedness
//     is part of the type on MySQL and changing it is a type change;
//   - character sets, collations and engines are spelled as
//     information_schema spells them (utf8 → utf8mb3, innodb → InnoDB);
//     AUTO_INCREMENT = 1 is the default and is dropped; ROW_FORMAT is upper
//     case, and ROW_FORMAT=DEFAULT and KEY_BLOCK_SIZE=0 are dropped;
//   - defaults, checks, generated columns, ON UPDATE and index expressions
//     are in the canonical expression text; DEFAULT NULL is no default; a
//     literal default is spelled as the server stores it for the column's
//     type (typedDefault);
//   - primary key and AUTO_INCREMENT columns are NOT NULL, the primary key
//     has no name (it is always PRIMARY);
//   - unique constraints become unique indexes (MySQL has no other kind),
//     BTREE indexes have no access method, RESTRICT and NO ACTION are the
//     default referential action;
//   - a foreign key no index serves gets the index the server would create
//     for it, named after the constraint;
//   - the connection's database (d.Database) is never listed as a
//     namespace: like PostgreSQL's public, it is the implicit one.
//
// With d.Server set (a Dialect from the inspector), character sets,
// collations and engines inherited from the database, table or server are
// omitted as information_schema gives them (see normalize_charset.go), and
// objects outside d.Database are errors: a mysql:// URL names one database.
//
// What MySQL cannot hold at all (identity ALWAYS, partial or covering
// indexes, deferrable constraints, enum and sequence objects) is an error
// naming the object.
func (d Dialect) Normalize(s *schema.Schema) error {
	n := &normalizer{d: d}
	n.namespaces(s)
	for _, e := range s.Enums {
		n.errorf(e.Pos, "enum %q: MySQL has no enum types; spell the column type as enum('a','b') instead", e.QName())
	}
	for _, q := range s.Sequences {
		n.errorf(q.Pos, "sequence %q: sequences are not supported by tide's MySQL dialect; use auto_increment", q.QName())
	}
	for _, t := range s.Tables {
		n.table(t)
	}
	return n.errs.Err()
}

// normalizer accumulates Normalize's errors.
type normalizer struct {
	d    Dialect
	errs schema.ErrorList
}

// namespaces drops the connection's database from the namespaces and, for
// a live server, reports objects in other databases.
func (n *normalizer) namespaces(s *schema.Schema) {
	if n.d.Database == "" {
		return
	}
	kept := s.Namespaces[:0]
	for _, ns := range s.Namespaces {
		switch {
		case ns.Name == n.d.Database:
		case n.d.Server != nil:
			n.errorf(ns.Pos, "database %q: the URL names database %q, and tide manages that one database per URL; plan %q with a URL of its own", ns.Name, n.d.Database, ns.Name)
		default:
			kept = append(kept, ns)
		}
	}
	s.Namespaces = kept
	if len(s.Namespaces) == 0 {
		s.Namespaces = nil
	}
	if n.d.Server == nil {
		return
	}
	for _, t := range s.Tables {
		if t.Schema != n.d.Database {
			n.errorf(t.Pos, "table %q is in database %q, but the URL names database %q; tide manages one database per URL, so move the table there or plan %q with a URL of its own", t.QName(), t.Schema, n.d.Database, t.Schema)
		}
	}
}

func (n *normalizer) errorf(pos schema.Pos, format string, args ...any) {
	n.errs = append(n.errs, &schema.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// table normalises one table.
func (n *normalizer) table(t *schema.Table) {
	q := t.QName()
	for k, v := range t.Attrs {
		switch k {
		case schema.AttrEngine:
			t.Attrs[k] = canonicalEngine(v)
		case schema.AttrCharset:
			t.Attrs[k] = canonicalCharset(v)
		case schema.AttrCollate:
			t.Attrs[k] = canonicalCollation(v)
		case schema.AttrAutoIncrement:
			if v == "1" {
				delete(t.Attrs, k)
			}
		}
	}
	if err := normalizeStorage(t); err != nil {
		n.errorf(t.Pos, "%v", err)
	}
	if t.PrimaryKey != nil {
		t.PrimaryKey.Name = ""
	}
	for _, c := range t.Columns {
		n.column(t, c)
	}
	n.tableCharsets(t)
	if len(t.Attrs) == 0 {
		t.Attrs = nil
	}
	applyImpliedNotNull(t)
	for _, k := range t.Checks {
		if k.NoInherit {
			n.errorf(k.Pos, "check %q of table %q: NO INHERIT is a PostgreSQL option; remove it", k.Name, q)
		}
		k.Expr = n.expr(k.Pos, fmt.Sprintf("check %q of table %q", k.Name, q), k.Expr)
	}
	for _, u := range t.Uniques {
		if u.Deferrable || u.InitiallyDeferred {
			n.errorf(u.Pos, "unique %q of table %q: MySQL constraints cannot be deferred; remove deferrable", u.Name, q)
		}
		ix := &schema.Index{Name: u.Name, Unique: true, Pos: u.Pos}
		for _, c := range u.Columns {
			ix.Parts = append(ix.Parts, schema.IndexPart{Column: c})
		}
		t.Indexes = append(t.Indexes, ix)
	}
	t.Uniques = nil
	for _, ix := range t.Indexes {
		n.index(t, ix)
	}
	for _, fk := range t.ForeignKeys {
		if fk.Deferrable || fk.InitiallyDeferred {
			n.errorf(fk.Pos, "foreign key %q of table %q: MySQL constraints cannot be deferred; remove deferrable", fk.Name, q)
		}
		fk.OnDelete, fk.OnUpdate = canonicalAction(fk.OnDelete), canonicalAction(fk.OnUpdate)
	}
	addForeignKeyIndexes(t)
}

// column normalises one column.
func (n *normalizer) column(t *schema.Table, c *schema.Column) {
	what := fmt.Sprintf("column %q of table %q", c.Name, t.QName())
	typ := c.Type
	if c.Attrs[schema.AttrUnsigned] == "true" {
		if !strings.Contains(strings.ToLower(typ), "unsigned") {
			typ += " unsigned"
		}
		delete(c.Attrs, schema.AttrUnsigned)
	}
	if ct, err := canonicalType(typ); err != nil {
		n.errorf(c.Pos, "%s: %v", what, err)
	} else {
		c.Type = ct
	}
	if cs, ok := c.Attrs[schema.AttrCharset]; ok {
		c.Attrs[schema.AttrCharset] = canonicalCharset(cs)
	}
	c.Collation = canonicalCollation(c.Collation)
	if c.Default != "" {
		d, err := canonicalDefault(c.Default)
		if err != nil {
			n.errorf(c.Pos, "%s: default: %v", what, err)
		} else {
			c.Default = typedDefault(c.Type, d)
		}
	}
	if v, ok := c.Attrs[schema.AttrOnUpdate]; ok {
		if u, err := canonicalOnUpdate(v); err != nil {
			n.errorf(c.Pos, "%s: on_update: %v", what, err)
		} else {
			c.Attrs[schema.AttrOnUpdate] = u
		}
	}
	c.Generated = n.expr(c.Pos, what+": generated", c.Generated)
	if c.Identity == schema.IdentityAlways {
		n.errorf(c.Pos, "%s: MySQL has no GENERATED ALWAYS identity; use auto_increment = true", what)
	}
	if len(c.Attrs) == 0 {
		c.Attrs = nil
	}
}

// index normalises one index.
func (n *normalizer) index(t *schema.Table, ix *schema.Index) {
	what := fmt.Sprintf("index %q of table %q", ix.Name, t.QName())
	ix.Using = strings.ToLower(ix.Using)
	if ix.Using == "btree" {
		ix.Using = ""
	}
	switch {
	case ix.Where != "":
		n.errorf(ix.Pos, "%s: MySQL has no partial indexes; remove where", what)
	case len(ix.Include) > 0:
		n.errorf(ix.Pos, "%s: MySQL has no covering (include) columns; add them as key parts or remove include", what)
	}
	for i := range ix.Parts {
		p := &ix.Parts[i]
		if p.Nulls != "" || p.Opclass != "" || p.Collation != "" {
			n.errorf(ix.Pos, "%s: nulls, opclass and collation are PostgreSQL key options; remove them", what)
		}
		p.Expr = n.expr(ix.Pos, what, p.Expr)
	}
}

// expr returns an expression in the canonical text, reporting a bad one.
func (n *normalizer) expr(pos schema.Pos, what, e string) string {
	if e == "" {
		return ""
	}
	c, err := canonicalExpr(e)
	if err != nil {
		n.errorf(pos, "%s: %v", what, err)
		return e
	}
	return c
}

// canonicalAction maps RESTRICT and NO ACTION to the default, "".
func canonicalAction(a string) string {
	if a == schema.ActionRestrict || a == schema.ActionNoAction {
		return ""
	}
	return a
}

// addForeignKeyIndexes adds, for each foreign key that no index serves,
// the index the server creates: named after the constraint (made unique
// among the table's index names).
func addForeignKeyIndexes(t *schema.Table) {
	taken := map[string]bool{"primary": true}
	for _, ix := range t.Indexes {
		taken[strings.ToLower(ix.Name)] = true
	}
	for _, fk := range t.ForeignKeys {
		key := make([]schema.IndexPart, len(fk.Columns))
		for i, c := range fk.Columns {
			key[i] = schema.IndexPart{Column: c}
		}
		if t.PrimaryKey != nil && columnsPrefix(key, t.PrimaryKey.Columns) {
			continue
		}
		served := false
		for _, ix := range t.Indexes {
			served = served || indexServesKey(ix, key)
		}
		if served || len(key) == 0 {
			continue
		}
		name := uniqueName(fk.Name, taken)
		taken[strings.ToLower(name)] = true
		t.Indexes = append(t.Indexes, &schema.Index{Name: name, Parts: key, Pos: fk.Pos})
	}
}
