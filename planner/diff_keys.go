package planner

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// Graph keys: the names of the objects nodes provide, need, free and hold.

// nsKey names a namespace.
func nsKey(name string) string { return "ns:" + name }

// relKey names a table or view (they share one namespace of relations).
func relKey(q schema.QName) string { return "rel:" + q.String() }

// colKey names a column.
func colKey(t schema.QName, col string) string { return "col:" + t.String() + "." + col }

// keyKey names "a primary key or unique key of table t", which foreign keys
// referencing t need.
func keyKey(t schema.QName) string { return "key:" + t.String() }

// typeKey names the user-defined type a column type refers to, with array
// brackets and identifier quotes removed. Built-in types give keys that no
// node provides or frees, so they add no edge.
func typeKey(typ, defaultSchema string) string {
	t := strings.TrimSpace(typ)
	for strings.HasSuffix(t, "[]") {
		t = strings.TrimSpace(strings.TrimSuffix(t, "[]"))
	}
	t = strings.ReplaceAll(t, `"`, "")
	return "type:" + schema.ParseQName(t, defaultSchema).String()
}

// isIdentByte reports whether b can be part of an unquoted identifier.
func isIdentByte(b byte) bool {
	return b == '_' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// words splits an SQL text into its identifier-like words, skipping
// single-quoted string literals. Double-quoted identifiers yield their
// content.
func words(sql string, each func(start, end int)) {
	for i := 0; i < len(sql); {
		switch c := sql[i]; {
		case c == '\'':
			i++
			for i < len(sql) {
				if sql[i] == '\'' {
					if i+1 < len(sql) && sql[i+1] == '\'' {
						i += 2
						continue
					}
					break
				}
				i++
			}
			i++
		case isIdentByte(c):
			j := i
			for j < len(sql) && isIdentByte(sql[j]) {
				j++
			}
			each(i, j)
			i = j
		default:
			i++
		}
	}
}

// renameWords replaces every word of expr that is a key of renames by its
// value (string literals untouched). It translates a current expression to
// the names a rename gives its columns.
func renameWords(expr string, renames map[string]string) string {
	if len(renames) == 0 || expr == "" {
		return expr
	}
	var b strings.Builder
	last := 0
	words(expr, func(start, end int) {
		if n, ok := renames[expr[start:end]]; ok {
			b.WriteString(expr[last:start])
			b.WriteString(n)
			last = end
		}
	})
	b.WriteString(expr[last:])
	return b.String()
}

// hasWord reports whether name appears as a word of sql (case-insensitive).
func hasWord(sql, name string) bool {
	found := false
	words(sql, func(start, end int) {
		if !found && strings.EqualFold(sql[start:end], name) {
			found = true
		}
	})
	return found
}
