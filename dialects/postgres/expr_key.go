package postgres

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/encoding/protowire"
)

// exprKey is the cache key of an expression: its parse tree without source
// locations, as treeText gives it. The node types that defaults, checks and
// index keys are mostly made of are encoded field by field through their Go
// types, which is several times faster than treeText's reflection; a tree
// with any other node falls back to treeText. The two encodings start with
// different bytes, so their keys never meet.
func exprKey(n *pg_query.Node) string {
	if b, ok := appendNodeKey(append(make([]byte, 0, 64), 'f'), n); ok {
		return string(b)
	}
	return "g" + treeText(n)
}

// appendNodeKey appends n's key; ok is false when n holds a node type it
// does not encode (or a field it does not encode is set).
func appendNodeKey(b []byte, n *pg_query.Node) ([]byte, bool) {
	if n == nil {
		return append(b, '0'), true
	}
	ok := true
	switch v := n.Node.(type) {
	case nil:
		b = append(b, '_')
	case *pg_query.Node_AConst:
		b = appendConstKey(append(b, 'c'), v.AConst)
	case *pg_query.Node_String_:
		b = protowire.AppendString(append(b, 'S'), v.String_.GetSval())
	case *pg_query.Node_Integer:
		b = protowire.AppendVarint(append(b, 'I'), protowire.EncodeZigZag(int64(v.Integer.GetIval())))
	case *pg_query.Node_Float:
		b = protowire.AppendString(append(b, 'F'), v.Float.GetFval())
	case *pg_query.Node_Boolean:
		b = append(b, 'B', boolByte(v.Boolean.GetBoolval()))
	case *pg_query.Node_AStar:
		b = append(b, '*')
	case *pg_query.Node_ColumnRef:
		b, ok = appendListKey(append(b, 'r'), v.ColumnRef.GetFields())
	case *pg_query.Node_FuncCall:
		f := v.FuncCall
		if f == nil || len(f.AggOrder) > 0 || f.AggFilter != nil || f.Over != nil {
			return b, false
		}
		if b, ok = appendListKey(append(b, 'u'), f.Funcname); ok {
			b, ok = appendListKey(b, f.Args)
		}
		flags := boolByte(f.AggWithinGroup) | boolByte(f.AggStar)<<1 | boolByte(f.AggDistinct)<<2 | boolByte(f.FuncVariadic)<<3
		b = protowire.AppendVarint(append(b, flags), uint64(f.Funcformat))
	case *pg_query.Node_AExpr:
		e := v.AExpr
		b = protowire.AppendVarint(append(b, 'e'), uint64(e.GetKind()))
		if b, ok = appendListKey(b, e.GetName()); ok {
			if b, ok = appendNodeKey(b, e.GetLexpr()); ok {
				b, ok = appendNodeKey(b, e.GetRexpr())
			}
		}
	case *pg_query.Node_NullTest:
		t := v.NullTest
		if t == nil || t.Xpr != nil {
			return b, false
		}
		b = append(protowire.AppendVarint(append(b, 'n'), uint64(t.Nulltesttype)), boolByte(t.Argisrow))
		b, ok = appendNodeKey(b, t.Arg)
	case *pg_query.Node_BoolExpr:
		e := v.BoolExpr
		if e == nil || e.Xpr != nil {
			return b, false
		}
		b, ok = appendListKey(protowire.AppendVarint(append(b, 'o'), uint64(e.Boolop)), e.Args)
	case *pg_query.Node_TypeCast:
		c := v.TypeCast
		if c == nil || c.TypeName == nil {
			return b, false
		}
		b = protowire.AppendString(append(b, 't'), typeKey(c.TypeName))
		b, ok = appendNodeKey(b, c.Arg)
	default:
		return b, false
	}
	return b, ok
}

// appendConstKey appends a constant's value (without its location).
func appendConstKey(b []byte, c *pg_query.A_Const) []byte {
	b = append(b, boolByte(c.GetIsnull()))
	switch v := c.GetVal().(type) {
	case *pg_query.A_Const_Ival:
		return protowire.AppendVarint(append(b, 'i'), protowire.EncodeZigZag(int64(v.Ival.GetIval())))
	case *pg_query.A_Const_Fval:
		return protowire.AppendString(append(b, 'f'), v.Fval.GetFval())
	case *pg_query.A_Const_Boolval:
		return append(b, 'b', boolByte(v.Boolval.GetBoolval()))
	case *pg_query.A_Const_Sval:
		return protowire.AppendString(append(b, 's'), v.Sval.GetSval())
	case *pg_query.A_Const_Bsval:
		return protowire.AppendString(append(b, 'x'), v.Bsval.GetBsval())
	}
	return append(b, '-')
}

// appendListKey appends a node list: its length, then each node.
func appendListKey(b []byte, nodes []*pg_query.Node) ([]byte, bool) {
	b = protowire.AppendVarint(b, uint64(len(nodes)))
	for _, n := range nodes {
		var ok bool
		if b, ok = appendNodeKey(b, n); !ok {
			return b, false
		}
	}
	return b, true
}

// boolByte is 1 for true, 0 for false.
func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}
