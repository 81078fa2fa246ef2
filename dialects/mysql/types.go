package mysql

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pingcap/tidb/pkg/parser"
	"github.com/pingcap/tidb/pkg/parser/ast"
	pmysql "github.com/pingcap/tidb/pkg/parser/mysql"
	"github.com/pingcap/tidb/pkg/parser/types"

	// The parser needs a value-expression implementation for literals.
	_ "github.com/pingcap/tidb/pkg/parser/test_driver"
)

// CanonicalType implements dialects.TypeSystem. The canonical spelling is
// information_schema.COLUMNS.COLUMN_TYPE as MySQL 8.0.19+ prints it, which
// MariaDB's spelling maps onto too:
//
//   - integer display widths are dropped ("int(11)" → "int"), except
//     tinyint(1), the boolean convention connectors rely on, and the width
//     of a zerofill column, which changes what the server prints;
//   - synonyms become the base type: integer/int4 → int, bool → tinyint(1),
//     numeric/dec/fixed → decimal, real/double precision → double,
//     float(p) with p > 24 → double, long varchar → mediumtext,
//     character varying → varchar;
//   - omitted sizes are filled in: decimal → decimal(10,0), char → char(1),
//     binary → binary(1), bit → bit(1), blob(n) → the smallest blob type
//     that holds n bytes; a zero fractional-seconds precision is dropped;
//   - unsigned and zerofill follow as lower-case suffixes (zerofill implies
//     unsigned); enum and set members are quoted as MySQL quotes them.
//
// Character sets and collations are not part of the type: they are the
// column's charset attribute and collation. Types the TiDB parser does not
// know (MariaDB's uuid, inet4 and inet6, the spatial types) are accepted as
// bare names.
func (Dialect) CanonicalType(typ string) (string, error) { return canonicalType(typ) }

// EqualIgnoringDisplayWidth reports whether two type spellings name the
// same type once integer display widths are ignored: "int(11)" and "int",
// "tinyint(4)" and "tinyint(1)", "int(5) unsigned zerofill" and
// "int(10) unsigned zerofill". Changing only a display width never touches
// stored data. Spellings that are not valid types are compared as written,
// case-insensitively.
func EqualIgnoringDisplayWidth(a, b string) bool {
	return withoutDisplayWidth(a) == withoutDisplayWidth(b)
}

// displayWidth matches an integer type's display width in a canonical type.
var displayWidth = regexp.MustCompile(`^(tinyint|smallint|mediumint|int|bigint)\(\d+\)`)

func withoutDisplayWidth(t string) string {
	c, err := canonicalType(t)
	if err != nil {
		c = strings.ToLower(strings.Join(strings.Fields(t), " "))
	}
	return displayWidth.ReplaceAllString(c, "$1")
}

// typeCache memoises canonicalType: a schema spells the same few types over
// and over, and each miss runs the SQL parser. It stops growing at
// typeCacheMax entries.
var (
	typeCache     sync.Map // string → typeResult
	typeCacheSize atomic.Int64
)

const typeCacheMax = 4096

type typeResult struct {
	typ string
	err error
}

func canonicalType(typ string) (string, error) {
	t := strings.TrimSpace(typ)
	if t == "" {
		return "", fmt.Errorf("empty type: write a MySQL type such as \"int\" or \"varchar(255)\"")
	}
	if r, ok := typeCache.Load(t); ok {
		return r.(typeResult).typ, r.(typeResult).err
	}
	c, err := canonicalTypeUncached(t)
	if typeCacheSize.Load() < typeCacheMax {
		if _, loaded := typeCache.LoadOrStore(t, typeResult{c, err}); !loaded {
			typeCacheSize.Add(1)
		}
	}
	return c, err
}

// serverOnlyTypes are column types MariaDB or MySQL have that the TiDB
// parser does not know; they take no parameters.
var serverOnlyTypes = map[string]bool{
	"uuid": true, "inet4": true, "inet6": true,
	"geometry": true, "point": true, "linestring": true, "polygon": true, "multipoint": true,
	"multilinestring": true, "multipolygon": true, "geometrycollection": true, "geomcollection": true,
}

// canonicalTypeUncached parses "CREATE TABLE t (c <type>)" and formats the
// column's type; anything besides one bare type is an error, so that
// nothing a user typed reaches SQL except through the formatter.
func canonicalTypeUncached(t string) (string, error) {
	if lower := strings.ToLower(t); serverOnlyTypes[lower] {
		return lower, nil
	}
	if w, _ := nationalWord(t, 0, len(t)); w != "" {
		return "", fmt.Errorf("type %q: %s types are utf8mb3 character types; write the plain type (char, varchar) and set the column's charset to \"utf8mb3\"", t, w)
	}
	stmts, err := parseStatements("CREATE TABLE t (c " + t + "\n)")
	if err != nil {
		return "", fmt.Errorf("invalid MySQL type %q: write a type such as \"int\", \"varchar(255)\" or \"enum('a','b')\"", t)
	}
	ct, ok := stmts[0].(*ast.CreateTableStmt)
	if len(stmts) != 1 || !ok || len(ct.Cols) != 1 || len(ct.Constraints) > 0 || len(ct.Options) > 0 ||
		ct.Partition != nil || ct.Select != nil || ct.ReferTable != nil {
		return "", fmt.Errorf("invalid MySQL type %q: expected one type name", t)
	}
	col := ct.Cols[0]
	switch {
	case strings.EqualFold(t, "serial"):
		return "", fmt.Errorf("type %q is shorthand for bigint unsigned NOT NULL AUTO_INCREMENT UNIQUE; write type \"bigint unsigned\", NOT NULL, auto_increment and a unique key", t)
	case len(col.Options) > 0:
		return "", fmt.Errorf("type %q: only the type belongs here; NOT NULL, DEFAULT, COLLATE and the like are the column's own attributes", t)
	case col.Tp.GetCharset() != "" && col.Tp.GetCharset() != "binary":
		return "", fmt.Errorf("type %q: the character set is not part of the type; set the column's charset instead", t)
	case hasBinaryAttribute(col.Tp):
		return "", fmt.Errorf("type %q: the BINARY attribute means the _bin collation of the column's character set; set the column's collation (e.g. \"utf8mb4_bin\") instead", t)
	}
	return formatType(col.Tp, t)
}

// hasBinaryAttribute reports a character type declared with the BINARY
// attribute (CHAR(4) BINARY), which is a collation, not a binary type.
func hasBinaryAttribute(ft *types.FieldType) bool {
	return pmysql.HasBinaryFlag(ft.GetFlag()) && ft.GetCharset() != "binary" &&
		(types.IsTypeChar(ft.GetType()) || types.IsTypeBlob(ft.GetType()) || ft.GetType() == pmysql.TypeVarString)
}

// intNames spells the integer types.
var intNames = map[byte]string{
	pmysql.TypeTiny: "tinyint", pmysql.TypeShort: "smallint", pmysql.TypeInt24: "mediumint",
	pmysql.TypeLong: "int", pmysql.TypeLonglong: "bigint",
}

// unsignedWidths are the display widths MySQL gives unsigned (and zerofill)
// integer columns that state none.
var unsignedWidths = map[byte]int{
	pmysql.TypeTiny: 3, pmysql.TypeShort: 5, pmysql.TypeInt24: 8, pmysql.TypeLong: 10, pmysql.TypeLonglong: 20,
}

// blobNames spells the blob types and their text counterparts.
var blobNames = map[byte][2]string{
	pmysql.TypeTinyBlob: {"tinyblob", "tinytext"}, pmysql.TypeBlob: {"blob", "text"},
	pmysql.TypeMediumBlob: {"mediumblob", "mediumtext"}, pmysql.TypeLongBlob: {"longblob", "longtext"},
}

// formatType spells a parsed type canonically; written is the user's
// spelling, for messages.
func formatType(ft *types.FieldType, written string) (string, error) {
	flag := ft.GetFlag()
	zerofill := pmysql.HasZerofillFlag(flag)
	unsigned := zerofill || pmysql.HasUnsignedFlag(flag)
	suffix := ""
	if unsigned {
		suffix = " unsigned"
	}
	if zerofill {
		suffix += " zerofill"
	}
	flen, dec := ft.GetFlen(), ft.GetDecimal()
	binary := ft.GetCharset() == "binary"
	tp := ft.GetType()
	switch tp {
	case pmysql.TypeTiny, pmysql.TypeShort, pmysql.TypeInt24, pmysql.TypeLong, pmysql.TypeLonglong:
		if flen > 255 {
			return "", fmt.Errorf("type %q: display width %d is out of range (at most 255)", written, flen)
		}
		switch {
		case zerofill:
			if flen <= 0 {
				flen = unsignedWidths[tp]
			}
			return fmt.Sprintf("%s(%d)%s", intNames[tp], flen, suffix), nil
		case tp == pmysql.TypeTiny && flen == 1:
			return "tinyint(1)" + suffix, nil
		}
		return intNames[tp] + suffix, nil
	case pmysql.TypeYear: // the parser accepts only year and year(4)
		return "year", nil
	case pmysql.TypeNewDecimal:
		p, s := flen, dec
		if p == types.UnspecifiedLength || p == 0 { // the server reads decimal(0) as decimal
			p = 10
		}
		if s == types.UnspecifiedLength {
			s = 0
		}
		switch {
		case p < 1 || p > 65:
			return "", fmt.Errorf("type %q: precision %d is out of range (1 to 65)", written, p)
		case s > 30 || s > p:
			return "", fmt.Errorf("type %q: scale %d must be at most 30 and at most the precision %d", written, s, p)
		}
		return fmt.Sprintf("decimal(%d,%d)%s", p, s, suffix), nil
	case pmysql.TypeFloat, pmysql.TypeDouble:
		name := "float"
		if tp == pmysql.TypeDouble {
			name = "double"
		}
		if dec != types.UnspecifiedLength && flen != types.UnspecifiedLength {
			if dec > flen {
				return "", fmt.Errorf("type %q: the scale %d must not exceed the precision %d", written, dec, flen)
			}
			name = fmt.Sprintf("%s(%d,%d)", name, flen, dec)
		}
		return name + suffix, nil
	case pmysql.TypeBit:
		if flen == types.UnspecifiedLength || flen == 0 { // bit(0) is bit(1) to the server
			flen = 1
		}
		if flen < 1 || flen > 64 {
			return "", fmt.Errorf("type %q: bit width %d is out of range (1 to 64)", written, flen)
		}
		return fmt.Sprintf("bit(%d)", flen), nil
	case pmysql.TypeString:
		if flen == types.UnspecifiedLength {
			flen = 1
		}
		if flen > 255 {
			return "", fmt.Errorf("type %q: length %d is out of range (at most 255); use varchar or varbinary", written, flen)
		}
		if binary {
			return fmt.Sprintf("binary(%d)", flen), nil
		}
		return fmt.Sprintf("char(%d)", flen), nil
	case pmysql.TypeVarchar, pmysql.TypeVarString:
		if flen < 0 || flen > 65535 {
			return "", fmt.Errorf("type %q: length must be between 0 and 65535", written)
		}
		if binary {
			return fmt.Sprintf("varbinary(%d)", flen), nil
		}
		return fmt.Sprintf("varchar(%d)", flen), nil
	case pmysql.TypeTinyBlob, pmysql.TypeBlob, pmysql.TypeMediumBlob, pmysql.TypeLongBlob:
		if tp == pmysql.TypeBlob && flen != types.UnspecifiedLength {
			if !binary {
				return "", fmt.Errorf("type %q: the server turns text(n) into tinytext, text, mediumtext or longtext depending on the character set; write one of those", written)
			}
			switch {
			case flen <= 255:
				tp = pmysql.TypeTinyBlob
			case flen <= 65535:
				tp = pmysql.TypeBlob
			case flen <= 16777215:
				tp = pmysql.TypeMediumBlob
			default:
				tp = pmysql.TypeLongBlob
			}
		}
		if binary {
			return blobNames[tp][0], nil
		}
		return blobNames[tp][1], nil
	case pmysql.TypeJSON:
		return "json", nil
	case pmysql.TypeEnum, pmysql.TypeSet:
		elems := ft.GetElems()
		if len(elems) == 0 {
			return "", fmt.Errorf("type %q: list at least one member", written)
		}
		name := "enum"
		if tp == pmysql.TypeSet {
			name = "set"
		}
		q := make([]string, len(elems))
		for i, e := range elems {
			q[i] = quoteLiteral(e)
		}
		return name + "(" + strings.Join(q, ",") + ")", nil
	case pmysql.TypeDate:
		return "date", nil
	case pmysql.TypeDatetime, pmysql.TypeTimestamp, pmysql.TypeDuration:
		name := map[byte]string{pmysql.TypeDatetime: "datetime", pmysql.TypeTimestamp: "timestamp", pmysql.TypeDuration: "time"}[tp]
		if dec > 6 {
			return "", fmt.Errorf("type %q: fractional-seconds precision %d is out of range (0 to 6)", written, dec)
		}
		if dec > 0 {
			name = fmt.Sprintf("%s(%d)", name, dec)
		}
		return name, nil
	}
	return "", fmt.Errorf("type %q is not supported by tide's MySQL dialect", written)
}

// parserPool holds TiDB parsers, which are not safe for concurrent use and
// costly to build.
var parserPool = sync.Pool{New: func() any { return parser.New() }}

// parserPanic is the error for input the TiDB parser panics on (its
// literal-value driver cannot hold numbers of more than 81 digits).
type parserPanic struct{ value any }

func (e parserPanic) Error() string { return fmt.Sprintf("the SQL parser failed: %v", e.value) }

// parseStatements parses SQL text with a pooled TiDB parser. A panic in
// the parser becomes a parserPanic error (and the parser is not reused).
func parseStatements(sql string) (stmts []ast.StmtNode, err error) {
	p := parserPool.Get().(*parser.Parser)
	defer func() {
		if r := recover(); r != nil {
			stmts, err = nil, parserPanic{r}
			return
		}
		parserPool.Put(p)
	}()
	stmts, _, err = p.Parse(sql, "", "")
	return stmts, err
}
