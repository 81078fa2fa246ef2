package mysql

import "strings"

// The TiDB parser gives statements but no positions inside them, and it
// drops a few things MySQL keeps (the order of column and table elements,
// the NATIONAL keyword). This small lexer recovers them from the source: it
// knows MySQL's comments (including /*! … */ versioned comments, whose
// content is SQL), quoted strings and backquoted identifiers, and nothing of
// the grammar beyond parentheses and commas.

// tokenKind classifies a token.
type tokenKind int

const (
	tokWord   tokenKind = iota // an unquoted identifier or keyword
	tokIdent                   // a `backquoted` identifier
	tokString                  // a 'single' or "double" quoted string
	tokPunct                   // one character of punctuation
	tokEOF
)

// token is one lexical token and its byte range in the source.
type token struct {
	kind       tokenKind
	text       string
	start, end int
}

// is reports whether the token is the keyword kw (case-insensitive).
func (t token) is(kw string) bool { return t.kind == tokWord && strings.EqualFold(t.text, kw) }

// lexer walks a source string token by token.
type lexer struct {
	src string
	pos int
	// versioned counts the /*! comments open at pos, whose closing */ is
	// skipped like white space.
	versioned int
}

// skip moves past white space and comments (but into /*! … */ content).
func (l *lexer) skip() {
	s := l.src
	for l.pos < len(s) {
		c := s[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			l.pos++
		case c == '#' || (c == '-' && strings.HasPrefix(s[l.pos:], "--") && (l.pos+2 == len(s) || s[l.pos+2] <= ' ')):
			nl := strings.IndexByte(s[l.pos:], '\n')
			if nl < 0 {
				l.pos = len(s)
				return
			}
			l.pos += nl + 1
		case strings.HasPrefix(s[l.pos:], "/*!") || strings.HasPrefix(s[l.pos:], "/*M!"):
			l.pos += strings.IndexByte(s[l.pos:], '!') + 1
			for l.pos < len(s) && s[l.pos] >= '0' && s[l.pos] <= '9' {
				l.pos++
			}
			l.versioned++
		case strings.HasPrefix(s[l.pos:], "/*"):
			end := strings.Index(s[l.pos+2:], "*/")
			if end < 0 {
				l.pos = len(s)
				return
			}
			l.pos += end + 4
		case l.versioned > 0 && strings.HasPrefix(s[l.pos:], "*/"):
			l.versioned--
			l.pos += 2
		default:
			return
		}
	}
}

// next returns the next token.
func (l *lexer) next() token {
	l.skip()
	s := l.src
	start := l.pos
	if start >= len(s) {
		return token{kind: tokEOF, start: start, end: start}
	}
	c := s[start]
	switch {
	case c == '`':
		l.pos = quotedEnd(s, start, '`', false)
		return token{kind: tokIdent, text: strings.ReplaceAll(s[start+1:max(start+1, l.pos-1)], "``", "`"), start: start, end: l.pos}
	case c == '\'' || c == '"':
		l.pos = quotedEnd(s, start, c, true)
		return token{kind: tokString, text: s[start:l.pos], start: start, end: l.pos}
	case isWordByte(c):
		for l.pos < len(s) && isWordByte(s[l.pos]) {
			l.pos++
		}
		return token{kind: tokWord, text: s[start:l.pos], start: start, end: l.pos}
	}
	l.pos++
	return token{kind: tokPunct, text: s[start:l.pos], start: start, end: l.pos}
}

// quotedEnd returns the offset just past the quoted token starting at
// start: quotes are doubled inside, and backslash escapes when allowed.
func quotedEnd(s string, start int, q byte, backslash bool) int {
	i := start + 1
	for i < len(s) {
		switch {
		case backslash && s[i] == '\\':
			i += 2
		case s[i] == q && i+1 < len(s) && s[i+1] == q:
			i += 2
		case s[i] == q:
			return i + 1
		default:
			i++
		}
	}
	return len(s)
}

// isWordByte reports whether c can be part of an unquoted identifier,
// keyword or number.
func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// firstToken returns the offset of the first token at or after off: the
// statement texts the parser returns include the space and comments before
// them.
func firstToken(src string, off int) int {
	l := &lexer{src: src, pos: off}
	l.skip()
	// A versioned comment's opener is part of the statement.
	if l.versioned > 0 {
		for i := off; i < l.pos; i++ {
			if strings.HasPrefix(src[i:], "/*!") || strings.HasPrefix(src[i:], "/*M!") {
				return i
			}
		}
	}
	return l.pos
}

// statementAt returns the byte range of the statement (between semicolons
// at nesting depth zero) that contains offset off.
func statementAt(src string, off int) (start, end int) {
	l := &lexer{src: src}
	start = 0
	for {
		t := l.next()
		if t.kind == tokEOF {
			return start, len(src)
		}
		if t.kind == tokPunct && t.text == ";" {
			if t.start >= off {
				return start, t.start
			}
			start = t.end
		}
	}
}

// leadingWords returns up to n keywords (unquoted words, upper-cased) that
// begin src[start:end], skipping `DEFINER = user@host` so that CREATE
// DEFINER=… TRIGGER reads as CREATE TRIGGER.
func leadingWords(src string, start, end, n int) []string {
	l := &lexer{src: src[:end], pos: start}
	var out []string
	for len(out) < n {
		t := l.next()
		if t.kind != tokWord {
			return out
		}
		if t.is("DEFINER") {
			for { // DEFINER = name [@ host]
				u := l.next()
				if u.kind == tokEOF {
					return out
				}
				if u.is("TRIGGER") || u.is("PROCEDURE") || u.is("FUNCTION") || u.is("EVENT") || u.is("VIEW") || u.is("SQL") {
					out = append(out, strings.ToUpper(u.text))
					break
				}
			}
			continue
		}
		out = append(out, strings.ToUpper(t.text))
	}
	return out
}

// element is one comma-separated item of a CREATE TABLE's parenthesised
// list: a column definition or a key/constraint.
type element struct {
	start  int
	column bool
}

// elementStarts are the keywords that begin a table-level element; any
// other first token begins a column definition. All of them are reserved
// words in MySQL, so a column of that name is always backquoted.
var elementStarts = map[string]bool{
	"CONSTRAINT": true, "PRIMARY": true, "UNIQUE": true, "KEY": true, "INDEX": true,
	"FOREIGN": true, "CHECK": true, "FULLTEXT": true, "SPATIAL": true, "PERIOD": true,
}

// tableElements splits the element list of the CREATE TABLE statement at
// src[start:end]; ok is false when the statement has no list.
func tableElements(src string, start, end int) (elems []element, ok bool) {
	l := &lexer{src: src[:end], pos: start}
	// The list is the first parenthesis after the table name.
	for {
		t := l.next()
		if t.kind == tokEOF || t.kind == tokWord && (t.is("LIKE") || t.is("AS") || t.is("SELECT")) {
			return nil, false
		}
		if t.kind == tokPunct && t.text == "(" {
			break
		}
	}
	depth := 1
	expectStart := true
	for {
		t := l.next()
		if t.kind == tokEOF {
			return elems, false
		}
		if expectStart {
			expectStart = false
			elems = append(elems, element{start: t.start, column: !(t.kind == tokWord && elementStarts[strings.ToUpper(t.text)])})
		}
		if t.kind != tokPunct {
			continue
		}
		switch t.text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return elems, true
			}
		case ",":
			if depth == 1 {
				expectStart = true
			}
		}
	}
}

// nationalWord returns the first NATIONAL, NCHAR or NVARCHAR keyword in
// src[start:end] (these make a utf8mb3 column, which the TiDB parser does
// not record), or "".
func nationalWord(src string, start, end int) (string, int) {
	l := &lexer{src: src[:end], pos: start}
	for {
		t := l.next()
		if t.kind == tokEOF {
			return "", 0
		}
		if t.is("NATIONAL") || t.is("NCHAR") || t.is("NVARCHAR") {
			return strings.ToUpper(t.text), t.start
		}
	}
}

// typedLiteralWords are the keywords of SQL's typed literals (DATE
// '2024-01-01'), which the TiDB parser does not take as a column DEFAULT.
var typedLiteralWords = map[string]bool{"DATE": true, "TIME": true, "TIMESTAMP": true}

// blankTypedLiterals returns src with the keyword of every typed literal
// that directly follows DEFAULT replaced by spaces: DEFAULT DATE
// '2024-01-01' means DEFAULT '2024-01-01' (the server converts the string
// to the column's type either way), and the offsets of everything else
// stay where they were, so positions in errors are unchanged.
func blankTypedLiterals(src string) string {
	var b []byte
	l := &lexer{src: src}
	var prev, cur token
	for t := l.next(); t.kind != tokEOF; t = l.next() {
		if t.kind == tokString && cur.kind == tokWord && typedLiteralWords[strings.ToUpper(cur.text)] && prev.is("DEFAULT") {
			if b == nil {
				b = []byte(src)
			}
			for i := cur.start; i < cur.end; i++ {
				b[i] = ' '
			}
		}
		prev, cur = cur, t
	}
	if b == nil {
		return src
	}
	return string(b)
}
