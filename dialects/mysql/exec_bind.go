package mysql

import (
	"strconv"
	"strings"
)

// Bind implements dialects.ArgBinder. MySQL binds "?" placeholders by
// position, each once, while the executor's contracts number their
// parameters ($1, $2, …) and some of this dialect's statements take one
// twice or out of order (a keyset bound compares the key's first column
// alone and then as part of a row). Bind replaces each $n outside strings,
// quoted identifiers and comments with "?" and lists args[n-1] for it, in
// order. A statement without $n comes back unchanged, with args; a $n with
// no argument is left in place for the server to reject.
func (Dialect) Bind(stmt string, args []any) (string, []any) {
	if !strings.Contains(stmt, "$") {
		return stmt, args
	}
	var b strings.Builder
	var out []any
	found := false
	l := &lexer{src: stmt}
	copied := 0
	for t := l.next(); t.kind != tokEOF; t = l.next() {
		n, ok := placeholder(t)
		if !ok || n > len(args) {
			continue
		}
		found = true
		b.WriteString(stmt[copied:t.start])
		b.WriteByte('?')
		out = append(out, args[n-1])
		copied = t.end
	}
	if !found {
		return stmt, args
	}
	b.WriteString(stmt[copied:])
	return b.String(), out
}

// placeholder reads a numbered placeholder token ($1, $2, …).
func placeholder(t token) (int, bool) {
	if t.kind != tokWord || len(t.text) < 2 || t.text[0] != '$' {
		return 0, false
	}
	n, err := strconv.Atoi(t.text[1:])
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}
