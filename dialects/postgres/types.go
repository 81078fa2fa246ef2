package postgres

import (
	"fmt"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// CanonicalType implements dialects.TypeSystem. The canonical spelling is
// exactly what PostgreSQL's format_type() prints for the type, which is what
// an inspector reads from the catalog: "int4" and "int" become "integer",
// "varchar(10)[]" becomes "character varying(10)[]", "timestamptz(3)" becomes
// "timestamp(3) with time zone". A name that is not a built-in type (an enum,
// say) is returned as written, schema-qualified only when the schema is not
// "public"; the caller checks it against the schema's enums. The serial
// pseudo-types keep their names ("serial4" becomes "serial").
func (Dialect) CanonicalType(typ string) (string, error) {
	return canonicalTypeCached(typ)
}

// parseTypeName parses a type as written by a user into pg_query's TypeName,
// by parsing "SELECT NULL::<type>" and insisting that nothing but the cast
// came out of it (so "int FROM t" or "int; DROP …" are errors).
func parseTypeName(typ string) (*pg_query.TypeName, error) {
	if strings.TrimSpace(typ) == "" {
		return nil, fmt.Errorf("empty type: write a PostgreSQL type such as \"text\" or \"bigint\"")
	}
	tree, err := pg_query.Parse("SELECT NULL::" + typ)
	if err != nil {
		return nil, fmt.Errorf("invalid type %q: %s", typ, parserMessage(err))
	}
	if len(tree.Stmts) != 1 {
		return nil, fmt.Errorf("invalid type %q: expected one type name", typ)
	}
	sel := tree.Stmts[0].GetStmt().GetSelectStmt()
	if sel == nil || !selectIsBare(sel) || len(sel.TargetList) != 1 {
		return nil, fmt.Errorf("invalid type %q: expected one type name", typ)
	}
	rt := sel.TargetList[0].GetResTarget()
	if rt == nil || rt.Name != "" || len(rt.Indirection) != 0 {
		return nil, fmt.Errorf("invalid type %q: expected one type name", typ)
	}
	tc := rt.GetVal().GetTypeCast()
	if tc == nil || tc.TypeName == nil {
		return nil, fmt.Errorf("invalid type %q: expected one type name", typ)
	}
	if c := tc.GetArg().GetAConst(); c == nil || !c.Isnull {
		return nil, fmt.Errorf("invalid type %q: expected one type name", typ)
	}
	if tc.TypeName.Setof || tc.TypeName.PctType {
		return nil, fmt.Errorf("invalid type %q: SETOF and %%TYPE are not column types", typ)
	}
	return tc.TypeName, nil
}

// selectIsBare reports whether a SELECT has a target list and nothing else.
func selectIsBare(s *pg_query.SelectStmt) bool {
	return len(s.DistinctClause) == 0 && s.IntoClause == nil && len(s.FromClause) == 0 &&
		s.WhereClause == nil && len(s.GroupClause) == 0 && s.HavingClause == nil &&
		len(s.WindowClause) == 0 && len(s.ValuesLists) == 0 && len(s.SortClause) == 0 &&
		s.LimitOffset == nil && s.LimitCount == nil && len(s.LockingClause) == 0 &&
		s.WithClause == nil && s.Op == pg_query.SetOperation_SETOP_NONE
}

// typmodKind says how a built-in type takes modifiers.
type typmodKind int

const (
	typmodNone      typmodKind = iota // takes no modifier
	typmodLength                      // (n): character varying, character, bit, bit varying
	typmodNumeric                     // (p) or (p,s)
	typmodPrecision                   // (p) before a time zone suffix: time, timestamp
)

// builtinType is one built-in type: its format_type spelling and its modifiers.
type builtinType struct {
	// name is format_type's spelling without modifiers.
	name string
	// suffix follows the modifier (" with time zone" for timestamptz).
	suffix string
	typmod typmodKind
	// maxLength bounds a typmodLength modifier.
	maxLength int
}

// builtinTypes maps pg_catalog type names (as the parser produces them for
// keywords such as INTEGER, and as users may write them) to their
// format_type() spelling. Types whose spelling is just their name need an
// entry only so that they are recognised as built-in.
var builtinTypes = map[string]builtinType{
	"int2":        {name: "smallint"},
	"int4":        {name: "integer"},
	"int8":        {name: "bigint"},
	"float4":      {name: "real"},
	"float8":      {name: "double precision"},
	"bool":        {name: "boolean"},
	"numeric":     {name: "numeric", typmod: typmodNumeric},
	"varchar":     {name: "character varying", typmod: typmodLength, maxLength: 10485760},
	"bpchar":      {name: "character", typmod: typmodLength, maxLength: 10485760},
	"bit":         {name: "bit", typmod: typmodLength, maxLength: 83886080},
	"varbit":      {name: "bit varying", typmod: typmodLength, maxLength: 83886080},
	"timestamp":   {name: "timestamp", suffix: " without time zone", typmod: typmodPrecision},
	"timestamptz": {name: "timestamp", suffix: " with time zone", typmod: typmodPrecision},
	"time":        {name: "time", suffix: " without time zone", typmod: typmodPrecision},
	"timetz":      {name: "time", suffix: " with time zone", typmod: typmodPrecision},
	// interval is handled by formatInterval.
	"interval": {name: "interval"},
	"char":     {name: `"char"`},
	"name":     {name: "name"},
}

// plainBuiltins are built-in types that format_type prints as their own name
// and that take no modifier.
var plainBuiltins = []string{
	"text", "bytea", "uuid", "json", "jsonb", "jsonpath", "date", "inet", "cidr",
	"macaddr", "macaddr8", "money", "xml", "tsvector", "tsquery", "point", "line",
	"lseg", "box", "path", "polygon", "circle", "int4range", "int8range", "numrange",
	"tsrange", "tstzrange", "daterange", "int4multirange", "int8multirange",
	"nummultirange", "tsmultirange", "tstzmultirange", "datemultirange", "oid",
	"regclass", "regtype", "regproc", "regprocedure", "regoper", "regoperator",
	"regconfig", "regdictionary", "regnamespace", "regrole", "regcollation",
	"pg_lsn", "txid_snapshot", "pg_snapshot", "xid", "xid8", "cid", "tid",
}

func init() {
	for _, n := range plainBuiltins {
		builtinTypes[n] = builtinType{name: n}
	}
}

// serialAliases maps the serial pseudo-types' spellings to their canonical names.
var serialAliases = map[string]string{
	"serial": "serial", "serial4": "serial",
	"bigserial": "bigserial", "serial8": "bigserial",
	"smallserial": "smallserial", "serial2": "smallserial",
}

// IsSerialType reports whether a canonical type is one of the serial
// pseudo-types (serial, bigserial, smallserial).
func IsSerialType(typ string) bool {
	return typ == "serial" || typ == "bigserial" || typ == "smallserial"
}

// formatTypeName spells a parsed type the way format_type() does.
func formatTypeName(tn *pg_query.TypeName, written string) (string, error) {
	names := make([]string, len(tn.Names))
	for i, n := range tn.Names {
		s := n.GetString_()
		if s == nil {
			return "", fmt.Errorf("invalid type %q: expected a type name", written)
		}
		names[i] = s.Sval
	}
	typmods, err := typmodValues(tn, written)
	if err != nil {
		return "", err
	}
	isArray := len(tn.ArrayBounds) > 0
	arr := ""
	if isArray {
		arr = "[]"
	}

	builtinName := ""
	switch {
	case len(names) == 1:
		builtinName = names[0]
	case len(names) == 2 && names[0] == "pg_catalog":
		builtinName = names[1]
	}
	if canon, ok := serialAliases[builtinName]; ok && len(names) == 1 {
		if isArray {
			return "", fmt.Errorf("invalid type %q: arrays of %s are not supported by PostgreSQL", written, canon)
		}
		if len(typmods) > 0 {
			return "", fmt.Errorf("invalid type %q: %s takes no modifier", written, canon)
		}
		return canon, nil
	}
	if builtinName == "interval" {
		s, err := formatInterval(typmods, written)
		return s + arr, err
	}
	if bt, ok := builtinTypes[builtinName]; ok {
		s, err := formatBuiltin(bt, builtinName, len(names) == 1, typmods, written)
		return s + arr, err
	}
	// A user-defined type (an enum): spelled as written, quoted where
	// PostgreSQL would quote it, and without the default schema.
	if len(typmods) > 0 {
		return "", fmt.Errorf("invalid type %q: type modifiers are only supported on built-in types", written)
	}
	if len(names) == 2 && names[0] == "public" {
		names = names[1:]
	}
	if len(names) > 2 {
		return "", fmt.Errorf("invalid type %q: a type name is [schema.]name", written)
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = quoteIdentIfNeeded(n)
	}
	return strings.Join(quoted, ".") + arr, nil
}

// typmodValues reads a TypeName's modifiers, which must be integer constants.
func typmodValues(tn *pg_query.TypeName, written string) ([]int, error) {
	var out []int
	for _, m := range tn.Typmods {
		c := m.GetAConst()
		if c == nil || c.GetIval() == nil && c.Val != nil {
			return nil, fmt.Errorf("invalid type %q: type modifiers must be integer constants", written)
		}
		out = append(out, int(c.GetIval().GetIval()))
	}
	return out, nil
}

// formatBuiltin spells a built-in type with its modifiers.
func formatBuiltin(bt builtinType, typname string, unqualified bool, typmods []int, written string) (string, error) {
	switch bt.typmod {
	case typmodNone:
		if len(typmods) > 0 {
			return "", fmt.Errorf("invalid type %q: type %s takes no modifier", written, bt.name)
		}
		return bt.name, nil
	case typmodLength:
		if len(typmods) == 0 {
			switch typname {
			case "bpchar":
				// bpchar without a length is not CHARACTER (which is character(1)).
				return "bpchar", nil
			case "bit":
				// Only a quoted "bit" reaches here: unquoted BIT means bit(1).
				return `"bit"`, nil
			}
			return bt.name, nil
		}
		if len(typmods) > 1 {
			return "", fmt.Errorf("invalid type %q: %s takes one length", written, bt.name)
		}
		n := typmods[0]
		if n < 1 {
			return "", fmt.Errorf("invalid type %q: length for type %s must be at least 1", written, bt.name)
		}
		if n > bt.maxLength {
			return "", fmt.Errorf("invalid type %q: length for type %s cannot exceed %d", written, bt.name, bt.maxLength)
		}
		return bt.name + "(" + strconv.Itoa(n) + ")", nil
	case typmodNumeric:
		switch len(typmods) {
		case 0:
			return bt.name, nil
		case 1, 2:
			p, s := typmods[0], 0
			if len(typmods) == 2 {
				s = typmods[1]
			}
			if p < 1 || p > 1000 {
				return "", fmt.Errorf("invalid type %q: NUMERIC precision %d must be between 1 and 1000", written, p)
			}
			if s < -1000 || s > 1000 {
				return "", fmt.Errorf("invalid type %q: NUMERIC scale %d must be between -1000 and 1000", written, s)
			}
			return fmt.Sprintf("%s(%d,%d)", bt.name, p, s), nil
		default:
			return "", fmt.Errorf("invalid type %q: NUMERIC takes (precision) or (precision, scale)", written)
		}
	case typmodPrecision:
		switch len(typmods) {
		case 0:
			return bt.name + bt.suffix, nil
		case 1:
			p, err := timePrecision(typmods[0], written)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s(%d)%s", bt.name, p, bt.suffix), nil
		default:
			return "", fmt.Errorf("invalid type %q: %s takes one precision", written, bt.name)
		}
	}
	return "", fmt.Errorf("invalid type %q", written)
}

// maxTimePrecision is MAX_TIMESTAMP_PRECISION and MAX_INTERVAL_PRECISION:
// PostgreSQL reduces a larger precision to it (with a warning).
const maxTimePrecision = 6

func timePrecision(p int, written string) (int, error) {
	if p < 0 {
		return 0, fmt.Errorf("invalid type %q: precision %d must not be negative", written, p)
	}
	if p > maxTimePrecision {
		return maxTimePrecision, nil
	}
	return p, nil
}

// Interval field bits, as in PostgreSQL's datetime.h (INTERVAL_MASK).
const (
	maskMonth  = 1 << 1
	maskYear   = 1 << 2
	maskDay    = 1 << 3
	maskHour   = 1 << 10
	maskMinute = 1 << 11
	maskSecond = 1 << 12
	// intervalFullRange is INTERVAL_FULL_RANGE: no field restriction.
	intervalFullRange = 0x7FFF
)

// intervalFields is intervaltypmodout's spelling of each field mask.
var intervalFields = map[int]string{
	maskYear:                        " year",
	maskMonth:                       " month",
	maskDay:                         " day",
	maskHour:                        " hour",
	maskMinute:                      " minute",
	maskSecond:                      " second",
	maskYear | maskMonth:            " year to month",
	maskDay | maskHour:              " day to hour",
	maskDay | maskHour | maskMinute: " day to minute",
	maskDay | maskHour | maskMinute | maskSecond: " day to second",
	maskHour | maskMinute:                        " hour to minute",
	maskHour | maskMinute | maskSecond:           " hour to second",
	maskMinute | maskSecond:                      " minute to second",
	intervalFullRange:                            "",
}

// formatInterval spells an interval with its fields and precision the way
// format_type() does ("interval day to second(3)").
func formatInterval(typmods []int, written string) (string, error) {
	switch len(typmods) {
	case 0:
		return "interval", nil
	case 1, 2:
		fields, ok := intervalFields[typmods[0]]
		if !ok {
			return "", fmt.Errorf("invalid type %q: invalid INTERVAL fields", written)
		}
		if len(typmods) == 1 {
			return "interval" + fields, nil
		}
		p, err := timePrecision(typmods[1], written)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("interval%s(%d)", fields, p), nil
	default:
		return "", fmt.Errorf("invalid type %q: INTERVAL takes fields and one precision", written)
	}
}

// quoteIdentIfNeeded quotes an identifier the way PostgreSQL's
// quote_identifier does: only when it is not all lower-case letters, digits
// and underscores (not starting with a digit), or when it is a keyword other
// than an unreserved one.
func quoteIdentIfNeeded(name string) string {
	safe := name != ""
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r == '_':
		case r >= '0' && r <= '9' && i > 0:
		default:
			safe = false
		}
	}
	if safe && isQuotedKeyword(name) {
		safe = false
	}
	if safe {
		return name
	}
	return quoteIdent(name)
}

// isQuotedKeyword reports whether name is a keyword that quote_identifier
// quotes (any keyword but an unreserved one), using PostgreSQL's own scanner.
func isQuotedKeyword(name string) bool {
	res, err := pg_query.Scan(name)
	if err != nil || len(res.Tokens) != 1 {
		return false
	}
	k := res.Tokens[0].KeywordKind
	return k != pg_query.KeywordKind_NO_KEYWORD && k != pg_query.KeywordKind_UNRESERVED_KEYWORD
}

// parserMessage extracts pg_query's message from a parse error.
func parserMessage(err error) string {
	return strings.TrimSpace(err.Error())
}
