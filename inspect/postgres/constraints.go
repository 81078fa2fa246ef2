package postgres

import (
	"github.com/tidedb/tide/schema"
)

// foreignKeyActions maps pg_constraint.confdeltype / confupdtype to the
// model's actions; "a" (no action) is the default and maps to "".
var foreignKeyActions = map[string]string{
	"a": "",
	"r": schema.ActionRestrict,
	"c": schema.ActionCascade,
	"n": schema.ActionSetNull,
	"d": schema.ActionSetDefault,
}

// constraintIndex is the index of a primary key, unique or exclusion
// constraint: the indexes query leaves it out (the constraint reports it)
// and refuses one with INCLUDE columns.
type constraintIndex struct {
	name, kind string
}

// addConstraint adds a constraint row to its table.
func (r *catalogReader) addConstraint(c *constraintRow) {
	tr := r.tables[c.table]
	if tr == nil {
		return // cannot happen: the query reads only the tables in r.tables
	}
	t := tr.table
	if c.index != 0 {
		r.conIndexes[c.index] = constraintIndex{name: c.name, kind: c.kind}
	}
	switch c.kind {
	case "p":
		if c.deferrable {
			r.unsupportedObject("deferrable primary key %q on table %s", c.name, tr.name())
		}
		t.PrimaryKey = &schema.PrimaryKey{Name: c.name, Columns: tr.columnNames(c.keys)}
	case "u":
		t.Uniques = append(t.Uniques, &schema.Unique{Name: c.name, Columns: tr.columnNames(c.keys),
			Deferrable: c.deferrable, InitiallyDeferred: c.deferred})
	case "c":
		t.Checks = append(t.Checks, &schema.Check{Name: c.name, Expr: c.expr, NoInherit: c.noInherit})
	case "f":
		if c.match != "s" {
			r.unsupportedObject("foreign key %q on table %s with MATCH FULL or MATCH PARTIAL", c.name, tr.name())
		}
		if c.setColumns {
			r.unsupportedObject("foreign key %q on table %s with ON DELETE SET NULL/DEFAULT (columns)", c.name, tr.name())
		}
		refColumns := c.refNames // named by the query only for tables not read
		if ref := r.tables[c.refTable]; ref != nil {
			refColumns = ref.columnNames(c.refKeys)
		}
		t.ForeignKeys = append(t.ForeignKeys, &schema.ForeignKey{
			Name: c.name, Columns: tr.columnNames(c.keys), RefSchema: c.refSchemaName, RefTable: c.refTableName,
			RefColumns: refColumns, OnDelete: foreignKeyActions[c.onDelete], OnUpdate: foreignKeyActions[c.onUpdate],
			Deferrable: c.deferrable, InitiallyDeferred: c.deferred,
		})
	case "x":
		r.unsupportedObject("exclusion constraint %q on table %s", c.name, tr.name())
	}
}

// reportedIndex is an index being assembled from the indexes and index keys
// queries.
type reportedIndex struct {
	index   *schema.Index
	table   *tableRow
	keyAtts int
}

// addIndex adds an index row to its table, unless it backs a constraint
// (added before) or cannot be managed.
func (r *catalogReader) addIndex(i *indexRow) {
	tr := r.tables[i.table]
	if tr == nil {
		return // cannot happen: the query reads only the tables in r.tables
	}
	con, backsConstraint := r.conIndexes[i.index]
	if backsConstraint && (con.kind == "p" || con.kind == "u") && i.atts > i.keyAtts {
		r.unsupportedObject("constraint %q on table %s with INCLUDE columns", con.name, tr.name())
	}
	if !i.valid {
		r.unsupportedObject("invalid index %q on table %s (left by a failed CREATE INDEX CONCURRENTLY: "+
			"drop it with DROP INDEX CONCURRENTLY and plan again)", i.name, tr.name())
		return
	}
	if i.nullsNotDistinct {
		r.unsupportedObject("index %q on table %s with NULLS NOT DISTINCT", i.name, tr.name())
	}
	if backsConstraint {
		return // reported as its primary key or unique constraint
	}
	idx := &schema.Index{Name: i.name, Unique: i.unique, Where: i.where}
	if i.method != "btree" {
		idx.Using = i.method
	}
	r.indexes[i.index] = &reportedIndex{index: idx, table: tr, keyAtts: i.keyAtts}
	tr.table.Indexes = append(tr.table.Indexes, idx)
}

// addIndexPart adds a key or INCLUDE column to its index.
func (r *catalogReader) addIndexPart(p *indexPartRow) {
	ix := r.indexes[p.index]
	if ix == nil {
		return // cannot happen: the query reads only the indexes in r.indexes
	}
	var column string
	if p.attnum > 0 && p.attnum < len(ix.table.attnames) {
		column = ix.table.attnames[p.attnum]
	}
	if p.position > ix.keyAtts {
		ix.index.Include = append(ix.index.Include, column)
		return
	}
	part := schema.IndexPart{Column: column, Desc: p.desc, Opclass: p.opclass, Collation: p.collation}
	if column == "" {
		part.Expr = stripOuterParens(p.expr)
	}
	switch {
	case !p.desc && p.nullsFirst:
		part.Nulls = "first"
	case p.desc && !p.nullsFirst:
		part.Nulls = "last"
	}
	ix.index.Parts = append(ix.index.Parts, part)
}

// stripOuterParens removes the one pair of parentheses pg_get_indexdef puts
// around an index expression that is not a bare function call, when that
// pair encloses the whole text.
func stripOuterParens(s string) string {
	if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' {
		return s
	}
	depth := 0
	inString, inIdent := false, false
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case inString:
			inString = ch != '\''
		case inIdent:
			inIdent = ch != '"'
		case ch == '\'':
			inString = true
		case ch == '"':
			inIdent = true
		case ch == '(':
			depth++
		case ch == ')':
			depth--
			if depth == 0 && i != len(s)-1 {
				return s // the first "(" closes before the end: not one outer pair
			}
		}
	}
	return s[1 : len(s)-1]
}
