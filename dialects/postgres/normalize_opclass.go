package postgres

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// An index key may name its operator class even when it is the one
// PostgreSQL picks by default for the key's type and access method
// (`name text_ops` on a text column); the catalog does not tell the two
// apart, and the inspector names an operator class only when it is not a
// default one. The offline normaliser drops an explicit operator class that
// defaultOpclasses (or the array, enum and range rules of defaultOpclass)
// knows to be the default for the column's type; any other explicit
// operator class is left for the server: IndexNeedsServer sends its index
// to the fast shadow, whose catalog drops it if it is a default there
// (types and extensions this table does not know).

// defaultOpclasses maps "method type" (the type as format_type spells it,
// without type modifiers) to the operator class PostgreSQL uses for a key
// of that type when none is named, for built-in types whose default has
// been the same since PostgreSQL 10. A binary-coercible type takes the
// class of the type it coerces to (character varying: text_ops).
var defaultOpclasses = map[string]string{}

func init() {
	for am, byType := range map[string]map[string]string{
		"btree": {
			"smallint": "int2_ops", "integer": "int4_ops", "bigint": "int8_ops", "real": "float4_ops",
			"double precision": "float8_ops", "numeric": "numeric_ops", "boolean": "bool_ops",
			"text": "text_ops", "character varying": "text_ops", "character": "bpchar_ops", `"char"`: "char_ops",
			"name": "name_ops", "bytea": "bytea_ops", "date": "date_ops", "time without time zone": "time_ops",
			"time with time zone": "timetz_ops", "timestamp without time zone": "timestamp_ops",
			"timestamp with time zone": "timestamptz_ops", "interval": "interval_ops", "uuid": "uuid_ops",
			"jsonb": "jsonb_ops", "inet": "inet_ops", "cidr": "inet_ops", "macaddr": "macaddr_ops",
			"macaddr8": "macaddr8_ops", "bit": "bit_ops", "bit varying": "varbit_ops", "money": "money_ops",
			"tsvector": "tsvector_ops", "tsquery": "tsquery_ops", "oid": "oid_ops", "pg_lsn": "pg_lsn_ops",
		},
		"hash": {
			"smallint": "int2_ops", "integer": "int4_ops", "bigint": "int8_ops", "real": "float4_ops",
			"double precision": "float8_ops", "numeric": "numeric_ops", "boolean": "bool_ops",
			"text": "text_ops", "character varying": "text_ops", "character": "bpchar_ops", `"char"`: "char_ops",
			"name": "name_ops", "bytea": "bytea_ops", "date": "date_ops", "time without time zone": "time_ops",
			"time with time zone": "timetz_ops", "timestamp without time zone": "timestamp_ops",
			"timestamp with time zone": "timestamptz_ops", "interval": "interval_ops", "uuid": "uuid_ops",
			"jsonb": "jsonb_ops", "inet": "inet_ops", "cidr": "inet_ops", "macaddr": "macaddr_ops",
			"macaddr8": "macaddr8_ops", "oid": "oid_ops", "pg_lsn": "pg_lsn_ops",
		},
		"gin": {"jsonb": "jsonb_ops", "tsvector": "tsvector_ops"},
		"gist": {
			"tsvector": "tsvector_ops", "tsquery": "tsquery_ops", "box": "box_ops", "circle": "circle_ops",
			"point": "point_ops", "polygon": "poly_ops",
		},
		"spgist": {
			"text": "text_ops", "character varying": "text_ops", "inet": "inet_ops", "cidr": "inet_ops",
			"box": "box_ops", "point": "quad_point_ops", "polygon": "poly_ops",
		},
		"brin": {
			"smallint": "int2_minmax_ops", "integer": "int4_minmax_ops", "bigint": "int8_minmax_ops",
			"real": "float4_minmax_ops", "double precision": "float8_minmax_ops", "numeric": "numeric_minmax_ops",
			"text": "text_minmax_ops", "character varying": "text_minmax_ops", "character": "bpchar_minmax_ops",
			`"char"`: "char_minmax_ops", "name": "name_minmax_ops", "bytea": "bytea_minmax_ops",
			"date": "date_minmax_ops", "time without time zone": "time_minmax_ops",
			"time with time zone": "timetz_minmax_ops", "timestamp without time zone": "timestamp_minmax_ops",
			"timestamp with time zone": "timestamptz_minmax_ops", "interval": "interval_minmax_ops",
			"uuid": "uuid_minmax_ops", "inet": "inet_inclusion_ops", "cidr": "inet_inclusion_ops",
			"macaddr": "macaddr_minmax_ops", "macaddr8": "macaddr8_minmax_ops", "bit": "bit_minmax_ops",
			"bit varying": "varbit_minmax_ops", "oid": "oid_minmax_ops", "pg_lsn": "pg_lsn_minmax_ops",
			"box": "box_inclusion_ops",
		},
	} {
		for typ, opc := range byType {
			defaultOpclasses[am+" "+typ] = opc
		}
	}
}

// builtinRanges are the built-in range types, whose default operator class
// is the polymorphic one for anyrange.
var builtinRanges = map[string]bool{
	"int4range": true, "int8range": true, "numrange": true, "tsrange": true, "tstzrange": true, "daterange": true,
}

// defaultOpclass returns the operator class PostgreSQL uses by default for
// a key of canonical type typ under access method am ("" is btree), and
// whether it is known without a server. isEnum reports whether a
// non-built-in type names an enum of the schema.
func defaultOpclass(am, typ string, isEnum func(typ string) bool) (string, bool) {
	if am == "" {
		am = "btree"
	}
	if strings.HasSuffix(typ, "]") {
		switch am {
		case "btree", "hash", "gin":
			return "array_ops", true
		}
		return "", false
	}
	base := stripTypmods(typ)
	if builtinRanges[base] {
		switch am {
		case "btree", "hash", "gist", "spgist":
			return "range_ops", true
		case "brin":
			return "range_inclusion_ops", true
		}
		return "", false
	}
	if opc, ok := defaultOpclasses[am+" "+base]; ok {
		return opc, true
	}
	if (am == "btree" || am == "hash") && !isBuiltinCanonical(typ) && isEnum(typ) {
		return "enum_ops", true
	}
	return "", false
}

// stripTypmods removes type modifiers from a canonical type:
// "timestamp(3) with time zone" becomes "timestamp with time zone",
// "character varying(20)" becomes "character varying".
func stripTypmods(typ string) string {
	if !strings.Contains(typ, "(") {
		return typ
	}
	var b strings.Builder
	depth := 0
	for _, r := range typ {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// opclassName spells an explicit operator class as the inspector does: a
// class in pg_catalog or public without its schema.
func opclassName(opc string) string {
	for _, ns := range []string{"pg_catalog.", "public."} {
		if strings.HasPrefix(opc, ns) {
			return opc[len(ns):]
		}
	}
	return opc
}

// indexOpclasses drops the explicit operator classes of index idx of table
// t that are known to be the default for their column's type and the
// index's access method (already lower case, "" for btree), and spells the
// others as the inspector does. An expression key keeps its class: its type
// is known only to the server.
func (n *normalizer) indexOpclasses(t *schema.Table, idx *schema.Index) {
	isEnum := func(typ string) bool {
		q, ok := userTypeName(typ)
		return ok && n.s.Enum(q) != nil
	}
	for i := range idx.Parts {
		part := &idx.Parts[i]
		if part.Opclass == "" {
			continue
		}
		part.Opclass = opclassName(part.Opclass)
		if part.Column == "" || part.Expr != "" {
			continue
		}
		c := t.Column(part.Column)
		if c == nil {
			continue
		}
		if def, ok := defaultOpclass(idx.Using, c.Type, isEnum); ok && def == part.Opclass {
			part.Opclass = ""
		}
	}
}
