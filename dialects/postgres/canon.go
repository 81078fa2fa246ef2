package postgres

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// The two methods below make the dialect an inspect.FastNormalizer: the
// shadow database then holds only scratch tables with each distinct
// expression, the views with the tables they read, and the tables named by
// NeedsShadow. The offline normaliser gives everything else the server's
// form already (types as format_type spells them, default constraint and
// index names, implied NOT NULL, index defaults); the live test
// TestFastNormalizeMatchesWholeShadow in cmd/tide holds the two paths equal
// over the convergence corpus.

// NeedsShadow reports whether desired table t must be created whole in the
// shadow database: a serial column becomes an integer column, a sequence
// named after the table and a nextval default, which only the server names
// reliably (it shortens and de-duplicates the sequence name).
func (Dialect) NeedsShadow(t *schema.Table) bool {
	for _, c := range t.Columns {
		if isSerialType(c.Type) {
			return true
		}
	}
	return false
}

// Identifiers returns every identifier in SQL text expr: unquoted names
// folded to lower case, quoted names as written. String literals (with
// doubled quotes, backslash escapes after E, and dollar quotes) and
// comments are skipped. Function and type names are returned too: a caller
// looking for column references gets more names than it needs, never fewer.
func (Dialect) Identifiers(expr string) []string {
	var out []string
	for i := 0; i < len(expr); {
		c := expr[i]
		switch {
		case c == '\'':
			escapes := i > 0 && (expr[i-1] == 'E' || expr[i-1] == 'e') && (i < 2 || !isIdentByte(expr[i-2]))
			i = skipString(expr, i+1, escapes)
		case c == '"':
			j := i + 1
			var b strings.Builder
			for j < len(expr) {
				if expr[j] == '"' {
					if j+1 < len(expr) && expr[j+1] == '"' {
						b.WriteByte('"')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(expr[j])
				j++
			}
			out = append(out, b.String())
			i = j + 1
		case c == '$' && (i == 0 || !isIdentByte(expr[i-1])):
			i = skipDollarQuote(expr, i)
		case c == '-' && i+1 < len(expr) && expr[i+1] == '-':
			for i < len(expr) && expr[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(expr) && expr[i+1] == '*':
			end := strings.Index(expr[i+2:], "*/")
			if end < 0 {
				return out
			}
			i += end + 4
		case isIdentStart(c):
			j := i
			for j < len(expr) && isIdentByte(expr[j]) {
				j++
			}
			out = append(out, strings.ToLower(expr[i:j]))
			i = j
		case c >= '0' && c <= '9':
			for i < len(expr) && isIdentByte(expr[i]) {
				i++
			}
		default:
			i++
		}
	}
	return out
}

// skipString returns the index after the string literal whose body starts
// at i.
func skipString(s string, i int, backslashEscapes bool) int {
	for i < len(s) {
		switch {
		case backslashEscapes && s[i] == '\\':
			i += 2
		case s[i] == '\'':
			if i+1 < len(s) && s[i+1] == '\'' {
				i += 2
				continue
			}
			return i + 1
		default:
			i++
		}
	}
	return i
}

// skipDollarQuote returns the index after the dollar-quoted string starting
// at i, or i+1 when the $ starts no such string (a parameter like $1).
func skipDollarQuote(s string, i int) int {
	j := i + 1
	for j < len(s) && s[j] != '$' && isIdentByte(s[j]) && !(s[j] >= '0' && s[j] <= '9' && j == i+1) {
		j++
	}
	if j >= len(s) || s[j] != '$' {
		return i + 1
	}
	tag := s[i : j+1]
	end := strings.Index(s[j+1:], tag)
	if end < 0 {
		return len(s)
	}
	return j + 1 + end + len(tag)
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

// IndexNeedsServer implements inspect.IndexSpeller: an index with a key
// that still names an operator class after Normalize (one not known to be
// a default offline, see defaultOpclass) is read back whole from the
// shadow database, whose catalog drops a class that is the default for the
// key's type there.
func (Dialect) IndexNeedsServer(_ *schema.Table, ix *schema.Index) bool {
	for _, p := range ix.Parts {
		if p.Opclass != "" {
			return true
		}
	}
	return false
}
