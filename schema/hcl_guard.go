package schema

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// maxNesting bounds how deeply brackets, strings, templates and unary
// operators may nest. The HCL parser and evaluator recurse once per level,
// so without a bound a pathological file exhausts the stack (a fatal error,
// not a recoverable panic). Real schemas nest a handful of levels.
const maxNesting = 200

// maxOperands bounds the operands of one expression for the same reason:
// evaluating `1 + 1 + … + 1` recurses once per operator.
const maxOperands = 10000

// checkNesting reports a source that nests deeper than maxNesting or chains
// more than maxOperands binary operators, before it reaches the parser.
// Lexical errors are left for the parser, which reports them with context.
func checkNesting(src []byte, file string) *Error {
	toks, diags := hclsyntax.LexConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		return nil
	}
	var open []hclsyntax.TokenType // the unclosed openers, innermost last
	unary, operators := 0, 0
	for i, t := range toks {
		switch t.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenOQuote,
			hclsyntax.TokenOHeredoc, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			open = append(open, t.Type)
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenCQuote,
			hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case hclsyntax.TokenMinus, hclsyntax.TokenBang:
			if i > 0 && (toks[i-1].Type == hclsyntax.TokenMinus || toks[i-1].Type == hclsyntax.TokenBang) {
				unary++
			} else {
				unary = 0
			}
		case hclsyntax.TokenNewline:
			// A newline ends an expression in a body, not inside brackets.
			if len(open) == 0 || open[len(open)-1] == hclsyntax.TokenOBrace {
				operators = 0
			}
		}
		if isBinaryOperator(t.Type) {
			operators++
		}
		if len(open)+unary > maxNesting {
			return &Error{Pos: rangePos(t.Range), Msg: fmt.Sprintf("expression nests more than %d levels deep; simplify it", maxNesting)}
		}
		if operators > maxOperands {
			return &Error{Pos: rangePos(t.Range), Msg: fmt.Sprintf("expression has more than %d operators; split it into locals", maxOperands)}
		}
	}
	return nil
}

func isBinaryOperator(t hclsyntax.TokenType) bool {
	switch t {
	case hclsyntax.TokenPlus, hclsyntax.TokenMinus, hclsyntax.TokenStar, hclsyntax.TokenSlash,
		hclsyntax.TokenPercent, hclsyntax.TokenAnd, hclsyntax.TokenOr, hclsyntax.TokenEqualOp,
		hclsyntax.TokenNotEqual, hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq,
		hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq, hclsyntax.TokenQuestion,
		hclsyntax.TokenDot, hclsyntax.TokenOBrack:
		return true
	}
	return false
}
