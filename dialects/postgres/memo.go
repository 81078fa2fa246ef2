package postgres

import (
	"sync"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/proto"
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
	typeMessageCache sync.Map // marshalled TypeName → printed type
)

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
	key, err := proto.MarshalOptions{Deterministic: true}.Marshal(stripTypeLocations(tn))
	if err != nil {
		return print(tn)
	}
	if v, ok := typeMessageCache.Load(string(key)); ok {
		return v.(string)
	}
	s := print(tn)
	typeMessageCache.Store(string(key), s)
	return s
}

// stripTypeLocations returns a copy of tn without source locations, so that
// the same type written at two places has one cache key.
func stripTypeLocations(tn *pg_query.TypeName) *pg_query.TypeName {
	c := proto.Clone(tn).(*pg_query.TypeName)
	c.Location = 0
	for _, m := range c.Typmods {
		if ac := m.GetAConst(); ac != nil {
			ac.Location = 0
		}
	}
	return c
}
