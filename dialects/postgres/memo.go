package postgres

import (
	"strconv"
	"sync"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/tidedb/tide/schema"
)

// Parsing and printing go through cgo and cost tens of microseconds each; a
// schema repeats the same types and expressions thousands of times. These
// caches remember pure results by their input text. They grow with the
// number of distinct spellings, which is small even for a 10,000-table
// schema.

type typeResult struct {
	canonical string
	err       error
}

type exprResult struct {
	text   string
	isNull bool
	err    error
}

var (
	typeCache        sync.Map // user spelling → typeResult
	defaultCache     sync.Map // default expression → exprResult
	exprCache        sync.Map // expression → exprResult
	typeMessageCache sync.Map // typeKey → printed type
	userTypeCache    sync.Map // canonical type → userTypeResult
	indexKeyCache    sync.Map // index key expression → indexKeyResult
)

type userTypeResult struct {
	q  schema.QName
	ok bool
}

type indexKeyResult struct {
	column, expr string
	err          error
}

// normalizeIndexKeyCached normalises an index key written as an
// expression: a bare column name becomes the column (column set, expr
// ""), anything else its canonical text (expr set). Remembered.
func normalizeIndexKeyCached(expr string) (column, text string, err error) {
	if v, ok := indexKeyCache.Load(expr); ok {
		r := v.(indexKeyResult)
		return r.column, r.expr, r.err
	}
	var r indexKeyResult
	node, err := parseExpr(expr)
	switch {
	case err != nil:
		r.err = err
	case isBareColumn(node):
		r.column = node.GetColumnRef().Fields[0].GetString_().Sval
	default:
		r.expr, r.err = deparseExpr(node)
	}
	indexKeyCache.Store(expr, r)
	return r.column, r.expr, r.err
}

// isBareColumn reports whether node is an unqualified column name.
func isBareColumn(node *pg_query.Node) bool {
	ref := node.GetColumnRef()
	return ref != nil && len(ref.Fields) == 1 && ref.Fields[0].GetString_() != nil
}

// canonicalTypeCached is CanonicalType, remembered.
func canonicalTypeCached(typ string) (string, error) {
	if v, ok := typeCache.Load(typ); ok {
		r := v.(typeResult)
		return r.canonical, r.err
	}
	tn, err := parseTypeName(typ)
	r := typeResult{err: err}
	if err == nil {
		r.canonical, r.err = formatTypeName(tn, typ)
	}
	typeCache.Store(typ, r)
	return r.canonical, r.err
}

// normalizeDefaultCached parses and prints a default; isNull reports a
// DEFAULT NULL (which means no default).
func normalizeDefaultCached(expr string) (text string, isNull bool, err error) {
	if v, ok := defaultCache.Load(expr); ok {
		r := v.(exprResult)
		return r.text, r.isNull, r.err
	}
	var r exprResult
	node, err := parseExpr(expr)
	switch {
	case err != nil:
		r.err = err
	case isNullDefault(node):
		r.isNull = true
	default:
		r.text, r.err = deparseExpr(node)
	}
	defaultCache.Store(expr, r)
	return r.text, r.isNull, r.err
}

// normalizeExprCached is NormalizeExpr, remembered.
func normalizeExprCached(expr string) (string, error) {
	if v, ok := exprCache.Load(expr); ok {
		r := v.(exprResult)
		return r.text, r.err
	}
	text, err := NormalizeExpr(expr)
	exprCache.Store(expr, exprResult{text: text, err: err})
	return text, err
}

// printTypeCached prints a parsed type name, remembered by its content.
func printTypeCached(tn *pg_query.TypeName, print func(*pg_query.TypeName) string) string {
	key := typeKey(tn)
	if v, ok := typeMessageCache.Load(key); ok {
		return v.(string)
	}
	s := print(tn)
	typeMessageCache.Store(key, s)
	return s
}

// typeKey is a cache key for a type name: its content without source
// locations, so that the same type written at two places has one key. The
// usual shapes (names, constant type modifiers, array bounds) get a short
// key built from the fields; any other the generic tree key.
func typeKey(tn *pg_query.TypeName) string {
	b := make([]byte, 0, 48)
	b = append(b, 't')
	for _, n := range tn.Names {
		s := n.GetString_()
		if s == nil {
			return genericTypeKey(tn)
		}
		b = append(append(b, s.Sval...), 0)
	}
	b = append(b, 1)
	for _, m := range tn.Typmods {
		ac := m.GetAConst()
		if ac == nil || ac.Isnull {
			return genericTypeKey(tn)
		}
		switch v := ac.Val.(type) {
		case *pg_query.A_Const_Ival:
			b = strconv.AppendInt(append(b, 'i'), int64(v.Ival.GetIval()), 10)
		case *pg_query.A_Const_Sval:
			b = append(append(b, 's'), v.Sval.GetSval()...)
		default:
			return genericTypeKey(tn)
		}
		b = append(b, 0)
	}
	b = append(b, 1)
	for _, a := range tn.ArrayBounds {
		i := a.GetInteger()
		if i == nil {
			return genericTypeKey(tn)
		}
		b = append(strconv.AppendInt(b, int64(i.Ival), 10), 0)
	}
	b = append(b, 1)
	b = strconv.AppendBool(b, tn.Setof)
	b = strconv.AppendBool(b, tn.PctType)
	b = strconv.AppendInt(b, int64(tn.Typemod), 10)
	b = strconv.AppendUint(append(b, ','), uint64(tn.TypeOid), 10)
	return string(b)
}

// genericTypeKey is typeKey for any type name: its whole tree, locations
// left out.
func genericTypeKey(tn *pg_query.TypeName) string {
	return "g" + string(appendTree(nil, tn.ProtoReflect()))
}
