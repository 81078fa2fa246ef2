package postgres

import (
	"strings"

	"github.com/jackc/pgx/v5"

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

func (r *catalogReader) scanConstraint(rows pgx.Rows) error {
	var (
		oid                       uint32
		name, kind                string
		cols, refCols             []string
		refSchema, refTable       string
		onDelete, onUpdate, match string
		setColumns                bool
		deferrable, deferred      bool
		noInherit                 bool
		def                       string
		hasInclude                bool
	)
	if err := rows.Scan(&oid, &name, &kind, &cols, &refSchema, &refTable, &refCols, &onDelete, &onUpdate,
		&match, &setColumns, &deferrable, &deferred, &noInherit, &def, &hasInclude); err != nil {
		return err
	}
	t := r.tables[oid]
	if t == nil {
		return nil
	}
	where := qname(t.Schema, t.Name)
	if hasInclude {
		r.unsupportedObject("constraint %q on table %s with INCLUDE columns", name, where)
	}
	switch kind {
	case "p":
		if deferrable {
			r.unsupportedObject("deferrable primary key %q on table %s", name, where)
		}
		t.PrimaryKey = &schema.PrimaryKey{Name: name, Columns: cols}
	case "u":
		t.Uniques = append(t.Uniques, &schema.Unique{Name: name, Columns: cols, Deferrable: deferrable, InitiallyDeferred: deferred})
	case "c":
		t.Checks = append(t.Checks, &schema.Check{Name: name, Expr: checkExpr(def), NoInherit: noInherit})
	case "f":
		if match != "s" {
			r.unsupportedObject("foreign key %q on table %s with MATCH FULL or MATCH PARTIAL", name, where)
		}
		if setColumns {
			r.unsupportedObject("foreign key %q on table %s with ON DELETE SET NULL/DEFAULT (columns)", name, where)
		}
		t.ForeignKeys = append(t.ForeignKeys, &schema.ForeignKey{
			Name: name, Columns: cols, RefSchema: refSchema, RefTable: refTable, RefColumns: refCols,
			OnDelete: foreignKeyActions[onDelete], OnUpdate: foreignKeyActions[onUpdate],
			Deferrable: deferrable, InitiallyDeferred: deferred,
		})
	case "x":
		r.unsupportedObject("exclusion constraint %q on table %s", name, where)
	}
	return nil
}

// checkExpr turns pg_get_constraintdef's "CHECK (expr) NO INHERIT NOT VALID"
// into the bare expression.
func checkExpr(def string) string {
	def = strings.TrimSpace(def)
	def = strings.TrimSuffix(def, " NOT VALID")
	def = strings.TrimSuffix(def, " NO INHERIT")
	if strings.HasPrefix(def, "CHECK (") && strings.HasSuffix(def, ")") {
		def = def[len("CHECK (") : len(def)-1]
	}
	return def
}

// indexRow is an index being assembled from the indexes and index keys
// queries.
type indexRow struct {
	index   *schema.Index
	keyAtts int
}

func (r *catalogReader) scanIndex(rows pgx.Rows) error {
	var (
		tableOID, indexOID uint32
		idx                schema.Index
		method             string
		keyAtts            int
		backsConstraint    bool
		nullsNotDistinct   bool
		valid              bool
	)
	if err := rows.Scan(&tableOID, &indexOID, &idx.Name, &idx.Unique, &method, &idx.Where, &keyAtts,
		&backsConstraint, &nullsNotDistinct, &valid); err != nil {
		return err
	}
	t := r.tables[tableOID]
	if t == nil {
		return nil
	}
	if !valid {
		r.unsupportedObject("invalid index %q on table %s (left by a failed CREATE INDEX CONCURRENTLY: "+
			"drop it with DROP INDEX CONCURRENTLY and plan again)", idx.Name, qname(t.Schema, t.Name))
		return nil
	}
	if nullsNotDistinct {
		r.unsupportedObject("index %q on table %s with NULLS NOT DISTINCT", idx.Name, qname(t.Schema, t.Name))
	}
	if backsConstraint {
		return nil // reported as its primary key or unique constraint
	}
	if method != "btree" {
		idx.Using = method
	}
	if r.indexes == nil {
		r.indexes = map[uint32]*indexRow{}
	}
	r.indexes[indexOID] = &indexRow{index: &idx, keyAtts: keyAtts}
	t.Indexes = append(t.Indexes, &idx)
	return nil
}

func (r *catalogReader) scanIndexPart(rows pgx.Rows) error {
	var (
		indexOID         uint32
		position         int
		column, expr     string
		desc, nullsFirst bool
		opclass, coll    string
	)
	if err := rows.Scan(&indexOID, &position, &column, &expr, &desc, &nullsFirst, &opclass, &coll); err != nil {
		return err
	}
	ix := r.indexes[indexOID]
	if ix == nil {
		return nil // backs a constraint, or on a table not reported
	}
	if position > ix.keyAtts {
		ix.index.Include = append(ix.index.Include, column)
		return nil
	}
	part := schema.IndexPart{Column: column, Desc: desc, Opclass: opclass, Collation: coll}
	if column == "" {
		part.Expr = stripOuterParens(expr)
	}
	switch {
	case !desc && nullsFirst:
		part.Nulls = "first"
	case desc && !nullsFirst:
		part.Nulls = "last"
	}
	ix.index.Parts = append(ix.index.Parts, part)
	return nil
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
