package postgres

import (
	"fmt"
	"math"
	"sort"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// pg_query's deparser drops the parentheses that a cast of some expressions
// needs: (now() AT TIME ZONE 'utc')::text comes out as
// now() AT TIME ZONE 'utc'::text, and (a IS NULL)::int as a IS NULL::int —
// both mean something else. castFixups swaps such casts for placeholder
// column references before deparsing and renders them with explicit
// parentheses; verifyDeparse then proves the text parses back to the tree.

// needsParensUnderCast reports whether the deparser mishandles a cast of n.
func needsParensUnderCast(n *pg_query.Node) bool {
	switch {
	case n.GetNullTest() != nil, n.GetBooleanTest() != nil, n.GetCollateClause() != nil,
		n.GetBoolExpr() != nil, n.GetAIndirection() != nil:
		return true
	case n.GetFuncCall() != nil:
		return n.GetFuncCall().Funcformat == pg_query.CoercionForm_COERCE_SQL_SYNTAX
	}
	return false
}

const placeholderPrefix = "tide__cast_placeholder_"

// replaceBadCasts replaces, inside msg, every cast whose argument needs
// parentheses with a placeholder column reference, and returns the text of
// each placeholder. It recurses into the replaced casts' arguments through
// deparseExpr.
func replaceBadCasts(msg protoreflect.Message, repl map[string]string) error {
	var err error
	msg.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		visit := func(m protoreflect.Message) (protoreflect.Message, bool) {
			node, ok := m.Interface().(*pg_query.Node)
			if ok {
				if tc := node.GetTypeCast(); tc != nil && tc.Arg != nil && needsParensUnderCast(tc.Arg) {
					text, e := castText(tc)
					if e != nil {
						err = e
						return nil, false
					}
					name := fmt.Sprintf("%s%d", placeholderPrefix, len(repl))
					repl[name] = text
					ph := &pg_query.Node{Node: &pg_query.Node_ColumnRef{ColumnRef: &pg_query.ColumnRef{
						Fields: []*pg_query.Node{{Node: &pg_query.Node_String_{String_: &pg_query.String{Sval: name}}}}}}}
					return ph.ProtoReflect(), true
				}
			}
			if e := replaceBadCasts(m, repl); e != nil {
				err = e
			}
			return nil, false
		}
		switch {
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len() && err == nil; i++ {
				if nm, ok := visit(l.Get(i).Message()); ok {
					l.Set(i, protoreflect.ValueOfMessage(nm))
				}
			}
		case fd.IsMap():
		default:
			if nm, ok := visit(v.Message()); ok {
				msg.Set(fd, protoreflect.ValueOfMessage(nm))
			}
		}
		return err == nil
	})
	return err
}

// castText renders a cast as "(arg)::type".
func castText(tc *pg_query.TypeCast) (string, error) {
	arg, err := deparseExpr(tc.Arg)
	if err != nil {
		return "", err
	}
	typ, err := deparseExpr(&pg_query.Node{Node: &pg_query.Node_TypeCast{TypeCast: &pg_query.TypeCast{
		Arg:      &pg_query.Node{Node: &pg_query.Node_AConst{AConst: &pg_query.A_Const{Isnull: true}}},
		TypeName: tc.TypeName,
	}}})
	if err != nil {
		return "", err
	}
	t, ok := strings.CutPrefix(typ, "NULL::")
	if !ok {
		return "", fmt.Errorf("cannot print the type of a cast (%q)", typ)
	}
	return "(" + arg + ")::" + t, nil
}

// treeText is a node's parse tree without source locations, as a compact
// binary string, for comparing two parses and for caching by tree: every
// set field as its number and value, in field order, each message closed by
// a 0 (field numbers start at 1).
func treeText(n *pg_query.Node) string {
	return string(appendTree(nil, n.ProtoReflect()))
}

func appendTree(b []byte, m protoreflect.Message) []byte {
	type field struct {
		fd protoreflect.FieldDescriptor
		v  protoreflect.Value
	}
	var buf [8]field
	set := buf[:0]
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.Int32Kind || fd.Name() != "location" {
			set = append(set, field{fd, v})
		}
		return true
	})
	sort.Slice(set, func(i, j int) bool { return set[i].fd.Number() < set[j].fd.Number() })
	for _, f := range set {
		b = protowire.AppendVarint(b, uint64(f.fd.Number()))
		if f.fd.IsList() {
			l := f.v.List()
			b = protowire.AppendVarint(b, uint64(l.Len()))
			for j := 0; j < l.Len(); j++ {
				b = appendTreeValue(b, f.fd, l.Get(j))
			}
			continue
		}
		b = appendTreeValue(b, f.fd, f.v)
	}
	return protowire.AppendVarint(b, 0)
}

func appendTreeValue(b []byte, fd protoreflect.FieldDescriptor, v protoreflect.Value) []byte {
	switch fd.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return appendTree(b, v.Message())
	case protoreflect.StringKind:
		return protowire.AppendString(b, v.String())
	case protoreflect.BytesKind:
		return protowire.AppendBytes(b, v.Bytes())
	case protoreflect.BoolKind:
		if v.Bool() {
			return append(b, 1)
		}
		return append(b, 0)
	case protoreflect.EnumKind:
		return protowire.AppendVarint(b, uint64(v.Enum()))
	case protoreflect.Uint32Kind, protoreflect.Uint64Kind, protoreflect.Fixed32Kind, protoreflect.Fixed64Kind:
		return protowire.AppendVarint(b, v.Uint())
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		return protowire.AppendFixed64(b, math.Float64bits(v.Float()))
	default: // the signed integer kinds
		return protowire.AppendVarint(b, uint64(v.Int()))
	}
}

// verifyDeparse checks that text parses back to the same tree as n.
func verifyDeparse(n *pg_query.Node, text string) error {
	back, err := parseExpr(text)
	if err != nil {
		return fmt.Errorf("cannot print expression faithfully: %q does not parse: %v", text, err)
	}
	if treeText(back) != treeText(n) {
		return fmt.Errorf("cannot print expression faithfully (%q changes meaning when printed); please report this", text)
	}
	return nil
}

// cloneNode deep-copies a node so that fix-ups never change the caller's tree.
func cloneNode(n *pg_query.Node) *pg_query.Node { return proto.Clone(n).(*pg_query.Node) }
