package postgres

import (
	"fmt"
	"strings"
	"sync"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// NormalizeExpr returns the canonical offline form of an SQL expression: it
// is parsed by PostgreSQL's own parser and deparsed again, so that spacing,
// keyword case and redundant parentheses do not matter ("(a+ b)*2" and
// "(a + b) * 2" give the same text). Identifiers are kept as written. The
// input must be exactly one expression: "1, 2", "x AS y" or "1 FROM t" are
// errors.
func NormalizeExpr(expr string) (string, error) {
	node, err := parseExpr(expr)
	if err != nil {
		return "", err
	}
	return deparseExpr(node)
}

// NormalizeQuery returns the canonical offline form of a view's SELECT: the
// query parsed and deparsed by pg_query. A trailing semicolon is allowed; any
// other statement than one SELECT (or VALUES) is an error.
func NormalizeQuery(query string) (string, error) {
	tree, err := pg_query.Parse(query)
	if err != nil {
		return "", fmt.Errorf("invalid query %q: %s", abbreviate(query), parserMessage(err))
	}
	if len(tree.Stmts) != 1 || tree.Stmts[0].GetStmt().GetSelectStmt() == nil {
		return "", fmt.Errorf("invalid query %q: expected exactly one SELECT", abbreviate(query))
	}
	return deparseQuery(tree.Stmts[0].GetStmt())
}

// parseExpr parses one SQL expression into its node.
func parseExpr(expr string) (*pg_query.Node, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, fmt.Errorf("empty expression")
	}
	// The newline ends a trailing "--" comment before anything we add.
	tree, err := pg_query.Parse("SELECT " + expr + "\n")
	if err != nil {
		return nil, fmt.Errorf("invalid expression %q: %s", abbreviate(expr), parserMessage(err))
	}
	if len(tree.Stmts) != 1 {
		return nil, fmt.Errorf("invalid expression %q: expected one expression, found several statements", abbreviate(expr))
	}
	sel := tree.Stmts[0].GetStmt().GetSelectStmt()
	if sel == nil || !selectIsBare(sel) || len(sel.TargetList) != 1 {
		return nil, fmt.Errorf("invalid expression %q: expected exactly one expression", abbreviate(expr))
	}
	rt := sel.TargetList[0].GetResTarget()
	if rt == nil || rt.Name != "" || len(rt.Indirection) != 0 || rt.Val == nil {
		return nil, fmt.Errorf("invalid expression %q: expected exactly one expression, without an alias", abbreviate(expr))
	}
	if rt.Val.GetColumnRef() != nil && isStar(rt.Val.GetColumnRef()) {
		return nil, fmt.Errorf("invalid expression %q: * is not an expression", abbreviate(expr))
	}
	return rt.Val, nil
}

func isStar(c *pg_query.ColumnRef) bool {
	for _, f := range c.Fields {
		if f.GetAStar() != nil {
			return true
		}
	}
	return false
}

// deparseExpr prints an expression node as SQL text, by wrapping it in a
// SELECT, deparsing, and removing the SELECT again.
func deparseExpr(node *pg_query.Node) (string, error) {
	key := exprKey(node)
	if v, ok := deparseCache.Load(key); ok {
		r := v.(exprResult)
		return r.text, r.err
	}
	text, err := deparseUncached(node)
	deparseCache.Store(key, exprResult{text: text, err: err})
	return text, err
}

// deparseCache remembers deparseExpr by the expression's tree without
// source locations (memo.go explains why).
var deparseCache sync.Map

func deparseUncached(node *pg_query.Node) (string, error) {
	work := cloneNode(node)
	repl := map[string]string{}
	if tc := work.GetTypeCast(); tc != nil && tc.Arg != nil && needsParensUnderCast(tc.Arg) {
		return castText(tc)
	}
	if err := replaceBadCasts(work.ProtoReflect(), repl); err != nil {
		return "", err
	}
	text, err := deparsePlain(work)
	if err != nil || len(repl) == 0 {
		return text, err
	}
	for name, t := range repl {
		text = strings.ReplaceAll(text, name, t)
	}
	return text, verifyDeparse(node, text)
}

// deparsePlain is pg_query's deparser on one expression.
func deparsePlain(node *pg_query.Node) (string, error) {
	sel := &pg_query.SelectStmt{
		TargetList:  []*pg_query.Node{{Node: &pg_query.Node_ResTarget{ResTarget: &pg_query.ResTarget{Val: node}}}},
		LimitOption: pg_query.LimitOption_LIMIT_OPTION_DEFAULT,
		Op:          pg_query.SetOperation_SETOP_NONE,
	}
	out, err := pg_query.Deparse(&pg_query.ParseResult{Stmts: []*pg_query.RawStmt{{
		Stmt: &pg_query.Node{Node: &pg_query.Node_SelectStmt{SelectStmt: sel}},
	}}})
	if err != nil {
		return "", fmt.Errorf("cannot print expression: %v", err)
	}
	text, ok := strings.CutPrefix(out, "SELECT ")
	if !ok {
		return "", fmt.Errorf("cannot print expression: unexpected deparse output %q", out)
	}
	return text, nil
}

// deparseQuery prints a SELECT statement node as SQL text.
func deparseQuery(stmt *pg_query.Node) (string, error) {
	out, err := pg_query.Deparse(&pg_query.ParseResult{Stmts: []*pg_query.RawStmt{{Stmt: stmt}}})
	if err != nil {
		return "", fmt.Errorf("cannot print query: %v", err)
	}
	return out, nil
}

// abbreviate shortens long SQL for error messages.
func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// isNullConst reports whether an expression is the bare NULL constant
// (PostgreSQL stores no default for DEFAULT NULL).
func isNullConst(node *pg_query.Node) bool {
	c := node.GetAConst()
	return c != nil && c.Isnull
}

// walkNodes calls visit for every pg_query node message under msg (msg
// included), depth first. visit returns false to skip a node's children.
func walkNodes(msg protoreflect.Message, visit func(protoreflect.Message) bool) {
	if !msg.IsValid() || !visit(msg) {
		return
	}
	msg.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		switch {
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				walkNodes(l.Get(i).Message(), visit)
			}
		case fd.IsMap():
		default:
			walkNodes(v.Message(), visit)
		}
		return true
	})
}

// referencedColumns lists, in order of appearance and without duplicates, the
// columns a (check) expression references: the last name of every column
// reference outside subqueries. It approximates PostgreSQL's pull_var_clause,
// which decides whether a check constraint is named after a column.
func referencedColumns(node *pg_query.Node) []string {
	var cols []string
	seen := map[string]bool{}
	walkNodes(node.ProtoReflect(), func(m protoreflect.Message) bool {
		switch n := m.Interface().(type) {
		case *pg_query.SubLink:
			return false
		case *pg_query.ColumnRef:
			if name := lastFieldName(n.Fields); name != "" && !seen[name] {
				seen[name] = true
				cols = append(cols, name)
			}
		}
		return true
	})
	return cols
}

// lastFieldName returns the last string of a name list, ignoring "*".
func lastFieldName(fields []*pg_query.Node) string {
	name := ""
	for _, f := range fields {
		if s := f.GetString_(); s != nil {
			name = s.Sval
		}
	}
	return name
}

// figureIndexColname mirrors PostgreSQL's FigureIndexColname: the name an
// index expression contributes to a generated index name ("lower" for
// lower(email)), or "" when it has none (PostgreSQL then uses "expr").
func figureIndexColname(node *pg_query.Node) string {
	name, _ := figureColname(node)
	return name
}

// figureColname mirrors FigureColnameInternal: a name and its strength
// (2 = a real name, 1 = a fallback such as a cast's type, 0 = none).
func figureColname(node *pg_query.Node) (string, int) {
	if node == nil {
		return "", 0
	}
	switch n := node.Node.(type) {
	case *pg_query.Node_ColumnRef:
		if name := lastFieldName(n.ColumnRef.Fields); name != "" {
			return name, 2
		}
	case *pg_query.Node_AIndirection:
		if name := lastFieldName(n.AIndirection.Indirection); name != "" {
			return name, 2
		}
		return figureColname(n.AIndirection.Arg)
	case *pg_query.Node_FuncCall:
		return lastFieldName(n.FuncCall.Funcname), 2
	case *pg_query.Node_AExpr:
		if n.AExpr.Kind == pg_query.A_Expr_Kind_AEXPR_NULLIF {
			return "nullif", 2
		}
	case *pg_query.Node_TypeCast:
		name, strength := figureColname(n.TypeCast.Arg)
		if strength <= 1 && n.TypeCast.TypeName != nil {
			return lastFieldName(n.TypeCast.TypeName.Names), 1
		}
		return name, strength
	case *pg_query.Node_CollateClause:
		return figureColname(n.CollateClause.Arg)
	case *pg_query.Node_GroupingFunc:
		return "grouping", 2
	case *pg_query.Node_SubLink:
		switch n.SubLink.SubLinkType {
		case pg_query.SubLinkType_EXISTS_SUBLINK:
			return "exists", 2
		case pg_query.SubLinkType_ARRAY_SUBLINK:
			return "array", 2
		}
	case *pg_query.Node_CaseExpr:
		name, strength := figureColname(n.CaseExpr.Defresult)
		if strength <= 1 {
			return "case", 1
		}
		return name, strength
	case *pg_query.Node_AArrayExpr:
		return "array", 2
	case *pg_query.Node_RowExpr:
		return "row", 2
	case *pg_query.Node_CoalesceExpr:
		return "coalesce", 2
	case *pg_query.Node_MinMaxExpr:
		if n.MinMaxExpr.Op == pg_query.MinMaxOp_IS_GREATEST {
			return "greatest", 2
		}
		return "least", 2
	case *pg_query.Node_SqlvalueFunction:
		if name, ok := sqlValueFunctionNames[n.SqlvalueFunction.Op]; ok {
			return name, 2
		}
	case *pg_query.Node_XmlSerialize:
		return "xmlserialize", 2
	}
	return "", 0
}

// sqlValueFunctionNames are the names FigureColnameInternal gives the SQL
// value functions (CURRENT_DATE, …).
var sqlValueFunctionNames = map[pg_query.SQLValueFunctionOp]string{
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_DATE:        "current_date",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIME:        "current_time",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIME_N:      "current_time",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP:   "current_timestamp",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N: "current_timestamp",
	pg_query.SQLValueFunctionOp_SVFOP_LOCALTIME:           "localtime",
	pg_query.SQLValueFunctionOp_SVFOP_LOCALTIME_N:         "localtime",
	pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP:      "localtimestamp",
	pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:    "localtimestamp",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:        "current_role",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_USER:        "current_user",
	pg_query.SQLValueFunctionOp_SVFOP_USER:                "user",
	pg_query.SQLValueFunctionOp_SVFOP_SESSION_USER:        "session_user",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:     "current_catalog",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:      "current_schema",
}
