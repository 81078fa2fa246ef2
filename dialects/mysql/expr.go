package mysql

import (
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/pingcap/tidb/pkg/parser/format"
	pmysql "github.com/pingcap/tidb/pkg/parser/mysql"
	"github.com/pingcap/tidb/pkg/parser/opcode"
	"github.com/pingcap/tidb/pkg/parser/test_driver"
)

// Expressions (defaults, checks, generated columns, ON UPDATE, index key
// expressions) are kept in one canonical text: the TiDB parser's restore
// with lower-case keywords and function names, backquoted identifiers,
// single-quoted strings with backslashes escaped, and spaces around binary
// operators. It is close to what MariaDB stores (`a` > 0,
// current_timestamp()), and the same text whether the expression came from
// SQL or from HCL.
const restoreFlags = format.RestoreStringSingleQuotes | format.RestoreStringEscapeBackslash |
	format.RestoreKeyWordLowercase | format.RestoreNameBackQuotes |
	format.RestoreSpacesAroundBinaryOperation | format.RestoreStringWithoutCharset

// restoreExpr writes an expression node in the canonical text, and makes
// sure the text means the same node: parsing it again and writing it out
// gives the same text. (The parser accepts a few things its writer cannot
// spell back, such as a function whose quoted name is empty.)
func restoreExpr(n ast.ExprNode) (string, error) {
	text, err := writeExpr(n)
	if err != nil {
		return "", err
	}
	again, err := parseExpr(text)
	if err != nil {
		return "", fmt.Errorf("the expression cannot be written back as SQL (%s)", text)
	}
	if text2, err := writeExpr(again); err != nil || text2 != text {
		return "", fmt.Errorf("the expression cannot be written back as SQL (%s)", text)
	}
	return text, nil
}

// writeExpr writes an expression node with the canonical restore flags.
func writeExpr(n ast.ExprNode) (string, error) {
	var sb strings.Builder
	if err := n.Restore(format.NewRestoreCtx(restoreFlags, &sb)); err != nil {
		return "", err
	}
	return sb.String(), nil
}

// parseExpr parses one expression as a user wrote it, by parsing
// "SELECT <expr>" and insisting that nothing but the expression came out.
func parseExpr(s string) (ast.ExprNode, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("empty expression")
	}
	stmts, err := parseStatements("SELECT " + s + "\n")
	if err != nil {
		return nil, fmt.Errorf("invalid expression %q: %v", s, syntaxMessage(err))
	}
	sel, ok := stmts[0].(*ast.SelectStmt)
	if len(stmts) != 1 || !ok || sel.From != nil || sel.Where != nil || sel.GroupBy != nil || sel.Having != nil ||
		sel.OrderBy != nil || sel.Limit != nil || sel.LockInfo != nil || sel.SelectIntoOpt != nil || sel.With != nil ||
		sel.Distinct || len(sel.WindowSpecs) > 0 || len(sel.TableHints) > 0 || sel.Fields == nil ||
		len(sel.Fields.Fields) != 1 || sel.Fields.Fields[0].Expr == nil || sel.Fields.Fields[0].AsName.O != "" {
		return nil, fmt.Errorf("invalid expression %q: expected one expression", s)
	}
	return sel.Fields.Fields[0].Expr, nil
}

// canonicalExpr rewrites an expression into the canonical text, without
// parentheses around the whole (MySQL 8 stores check clauses in them,
// MariaDB does not).
func canonicalExpr(s string) (string, error) {
	n, err := parseExpr(s)
	if err != nil {
		return "", err
	}
	return restoreExpr(unparen(n))
}

// defaultText returns a column default's canonical text; isNull reports
// DEFAULT NULL, which is the same as no default. TRUE and FALSE become 1
// and 0, and now() and its synonyms current_timestamp(), as the server
// stores them.
func defaultText(n ast.ExprNode) (text string, isNull bool, err error) {
	renameNow(n)
	if v, ok := n.(*test_driver.ValueExpr); ok {
		switch {
		case v.Kind() == test_driver.KindNull:
			return "", true, nil
		case v.Kind() == test_driver.KindInt64 && v.Type.GetFlag()&pmysql.IsBooleanFlag != 0:
			if v.GetInt64() != 0 {
				return "1", false, nil
			}
			return "0", false, nil
		}
	}
	text, err = restoreExpr(n)
	return text, false, err
}

// renameNow spells now(), localtime and localtimestamp as
// current_timestamp, their synonym the server stores for DEFAULT and ON
// UPDATE.
func renameNow(n ast.ExprNode) {
	if f, ok := n.(*ast.FuncCallExpr); ok && nowFunctions[f.FnName.L] {
		f.FnName = ast.NewCIStr("current_timestamp")
	}
}

// onUpdateText returns an ON UPDATE value's canonical text.
func onUpdateText(n ast.ExprNode) (string, error) {
	renameNow(n)
	return restoreExpr(n)
}

// canonicalOnUpdate rewrites an ON UPDATE value as written in HCL.
func canonicalOnUpdate(s string) (string, error) {
	n, err := parseExpr(s)
	if err != nil {
		return "", err
	}
	return onUpdateText(n)
}

// canonicalDefault rewrites a default as written in HCL ("" stays "").
func canonicalDefault(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	n, err := parseExpr(s)
	if err != nil {
		return "", err
	}
	text, isNull, err := defaultText(n)
	if isNull {
		return "", err
	}
	return text, err
}

// nowFunctions are the functions MySQL accepts as a bare (unparenthesised)
// DEFAULT or ON UPDATE value of a datetime or timestamp column.
var nowFunctions = map[string]bool{
	"current_timestamp": true, "now": true, "localtime": true, "localtimestamp": true,
}

// isLiteral reports whether an expression is a literal: a constant, a signed
// number, or one of the now() functions. Anything else must be written in
// parentheses after DEFAULT.
func isLiteral(n ast.ExprNode) bool {
	switch e := n.(type) {
	case *test_driver.ValueExpr:
		return true
	case *ast.UnaryOperationExpr:
		_, isValue := e.V.(*test_driver.ValueExpr)
		return isValue && (e.Op == opcode.Minus || e.Op == opcode.Plus)
	case *ast.FuncCallExpr:
		return nowFunctions[e.FnName.L]
	}
	return false
}

// isStringLiteral reports a quoted string constant.
func isStringLiteral(n ast.ExprNode) bool {
	v, ok := n.(*test_driver.ValueExpr)
	return ok && (v.Kind() == test_driver.KindString || v.Kind() == test_driver.KindBytes)
}

// syntaxMessage shortens a TiDB parser error to its useful part.
func syntaxMessage(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, " near "); i >= 0 && strings.HasPrefix(msg, "line ") {
		return "syntax error" + strings.TrimRight(msg[i:], " ")
	}
	return msg
}
