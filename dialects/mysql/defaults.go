package mysql

import (
	"encoding/hex"
	"math/big"
	"strconv"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/opcode"
	"github.com/pingcap/tidb/pkg/parser/test_driver"
)

// typedDefault rewrites a column default (in the canonical expression
// text) into the form the server stores for a column of canonical type typ,
// so that a default as written and as read back from information_schema
// compare equal:
//
//   - an integer column's literal is the integer ('007' → 7, 1.5 → 2);
//   - a decimal(p,s) or float(m,d) column's literal has exactly s (d)
//     decimals ('1.5' → 1.50); a plain float or double's is the shortest
//     decimal that reads back as the same number (1.50 → 1.5, 1e3 → 1000);
//   - a bit column's literal is b'…' without leading zeros (5 → b'101');
//   - a year column's two-digit literal is its year (99 → 1999);
//   - a character column's number is a string ('1.50');
//   - a binary column's string is a hex literal ('ab' → x'6162');
//   - parentheses around the whole expression are dropped.
//
// Anything else (temporal literals, expressions) is left as it is; a
// shadow database normalises those.
func typedDefault(typ, def string) string {
	n, err := parseExpr(def)
	if err != nil {
		return def
	}
	n = unparen(n)
	text, err := writeExpr(n)
	if err != nil {
		return def
	}
	lit, ok := literalOf(n)
	if !ok {
		return text
	}
	if out, ok := lit.forType(typ); ok {
		return out
	}
	return text
}

// unparen strips parentheses around a whole expression.
func unparen(n ast.ExprNode) ast.ExprNode {
	for {
		p, ok := n.(*ast.ParenthesesExpr)
		if !ok {
			return n
		}
		n = p.Expr
	}
}

// literal is a constant default: a number (num, with its text as
// written), a string (str) or a hex or bit literal (bytes).
type literal struct {
	num      *big.Rat
	numText  string
	isFloat  bool // written with an exponent: the server reads it as a double
	str      *string
	bytes    []byte
	isBinary bool
}

// literalOf recognises a literal, possibly negated.
func literalOf(n ast.ExprNode) (literal, bool) {
	neg := false
	if u, ok := n.(*ast.UnaryOperationExpr); ok && (u.Op == opcode.Minus || u.Op == opcode.Plus) {
		neg = u.Op == opcode.Minus
		n = unparen(u.V)
	}
	v, ok := n.(*test_driver.ValueExpr)
	if !ok {
		return literal{}, false
	}
	var l literal
	switch v.Kind() {
	case test_driver.KindInt64:
		l.numText = strconv.FormatInt(v.GetInt64(), 10)
	case test_driver.KindUint64:
		l.numText = strconv.FormatUint(v.GetUint64(), 10)
	case test_driver.KindMysqlDecimal:
		l.numText = v.GetMysqlDecimal().String()
	case test_driver.KindFloat32, test_driver.KindFloat64:
		l.numText, l.isFloat = strconv.FormatFloat(v.GetFloat64(), 'g', -1, 64), true
	case test_driver.KindString, test_driver.KindBytes:
		if neg {
			return literal{}, false
		}
		s := v.GetString()
		l.str = &s
		return l, true
	case test_driver.KindBinaryLiteral:
		if neg {
			return literal{}, false
		}
		l.bytes, l.isBinary = []byte(v.GetBinaryLiteral()), true
		return l, true
	default:
		return literal{}, false
	}
	r, ok := new(big.Rat).SetString(l.numText)
	if !ok {
		return literal{}, false
	}
	if neg {
		r.Neg(r)
		l.numText = "-" + l.numText
	}
	l.num = r
	return l, true
}

// number returns the literal's numeric value: a number, or a string or hex
// literal that spells one (as the server converts them for a numeric
// column).
func (l literal) number() (*big.Rat, bool) {
	switch {
	case l.num != nil:
		return l.num, true
	case l.str != nil:
		return new(big.Rat).SetString(strings.TrimSpace(*l.str))
	case l.isBinary:
		return new(big.Rat).SetInt(new(big.Int).SetBytes(l.bytes)), true
	}
	return nil, false
}

// forType spells the literal as the server does for a column of type typ;
// false leaves the default as written.
func (l literal) forType(typ string) (string, bool) {
	base, args := typeBase(typ)
	switch base {
	case "tinyint", "smallint", "mediumint", "int", "bigint":
		if r, ok := l.number(); ok {
			return roundRat(r, 0), true
		}
	case "decimal":
		if r, ok := l.number(); ok && len(args) == 2 {
			return roundRat(r, args[1]), true
		}
	case "float", "double":
		r, ok := l.number()
		if !ok {
			return "", false
		}
		if len(args) == 2 {
			return roundRat(r, args[1]), true
		}
		bits := 64
		if base == "float" {
			bits = 32
		}
		f, _ := r.Float64()
		s := strconv.FormatFloat(f, 'g', -1, bits)
		if strings.ContainsAny(s, "eE") {
			return "", false
		}
		if s == "-0" {
			s = "0"
		}
		return s, true
	case "bit":
		r, ok := l.number()
		if !ok || !r.IsInt() || r.Sign() < 0 {
			return "", false
		}
		return "b'" + r.Num().Text(2) + "'", true
	case "year":
		r, ok := l.number()
		if !ok || !r.IsInt() {
			return "", false
		}
		y := r.Num().Int64()
		switch {
		case y >= 1 && y <= 69:
			y += 2000
		case y >= 70 && y <= 99:
			y += 1900
		}
		return strconv.FormatInt(y, 10), true
	case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set":
		if l.num != nil && !l.isFloat {
			return quoteLiteral(l.numText), true
		}
	case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob":
		switch {
		case l.str != nil:
			return "x'" + hex.EncodeToString([]byte(*l.str)) + "'", true
		case l.isBinary:
			return "x'" + hex.EncodeToString(l.bytes) + "'", true
		case l.num != nil && !l.isFloat:
			return "x'" + hex.EncodeToString([]byte(l.numText)) + "'", true
		}
	}
	return "", false
}

// roundRat formats r with exactly scale decimals, halves rounded away from
// zero as the server rounds.
func roundRat(r *big.Rat, scale int) string {
	s := r.FloatString(scale)
	if s == "-0" || strings.HasPrefix(s, "-0.") && strings.Trim(s[3:], "0") == "" {
		s = s[1:]
	}
	return s
}

// typeBase splits a canonical type into its lower-case name and its
// numeric arguments: "decimal(10,2) unsigned" → "decimal", [10 2].
func typeBase(typ string) (string, []int) {
	t := strings.ToLower(typ)
	end := strings.IndexAny(t, "( ")
	if end < 0 {
		return t, nil
	}
	base := t[:end]
	if t[end] != '(' || base == "enum" || base == "set" {
		return base, nil
	}
	close := strings.IndexByte(t, ')')
	if close < end {
		return base, nil
	}
	var args []int
	for _, a := range strings.Split(t[end+1:close], ",") {
		n, err := strconv.Atoi(strings.TrimSpace(a))
		if err != nil {
			return base, nil
		}
		args = append(args, n)
	}
	return base, args
}
