package postgres

import (
	"strconv"
	"unicode/utf8"
)

// maxIdentifierLength is NAMEDATALEN-1: PostgreSQL truncates names to 63 bytes.
const maxIdentifierLength = 63

// makeObjectName mirrors PostgreSQL's makeObjectName: it joins name1, name2
// (optional) and label with underscores, truncating the longer of name1 and
// name2 (never the label) so that the result fits in 63 bytes, and never
// splitting a UTF-8 character.
func makeObjectName(name1, name2, label string) string {
	overhead := 0
	name1chars, name2chars := len(name1), 0
	if name2 != "" {
		name2chars = len(name2)
		overhead++
	}
	if label != "" {
		overhead += len(label) + 1
	}
	avail := maxIdentifierLength - overhead
	for name1chars+name2chars > avail {
		if name1chars > name2chars {
			name1chars--
		} else {
			name2chars--
		}
	}
	out := name1[:clipUTF8(name1, name1chars)]
	if name2 != "" {
		out += "_" + name2[:clipUTF8(name2, name2chars)]
	}
	if label != "" {
		out += "_" + label
	}
	return out
}

// clipUTF8 mirrors pg_mbcliplen: the longest prefix length <= n that does not
// end inside a UTF-8 character.
func clipUTF8(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// chooseName mirrors ChooseRelationName and ChooseConstraintName: the first
// of makeObjectName(name1, name2, label), then label1, label2, … that taken
// does not report as in use.
func chooseName(name1, name2, label string, taken func(string) bool) string {
	modLabel := label
	for pass := 1; ; pass++ {
		name := makeObjectName(name1, name2, modLabel)
		if !taken(name) {
			return name
		}
		modLabel = label + strconv.Itoa(pass)
	}
}

// nameAddition mirrors ChooseIndexNameAddition (and its foreign-key twin):
// the column names joined by "_", stopping once 63 bytes are reached (the
// result is truncated further by makeObjectName).
func nameAddition(cols []string) string {
	buf := ""
	for _, c := range cols {
		if buf != "" {
			buf += "_"
		}
		if len(c) > maxIdentifierLength {
			c = c[:clipUTF8(c, maxIdentifierLength)]
		}
		buf += c
		if len(buf) >= maxIdentifierLength+1 {
			break
		}
	}
	return buf
}

// indexColumnNames mirrors ChooseIndexColumnNames: each key's preliminary
// name (a column, the name an expression figures, or "expr"), made unique by
// appending 1, 2, … to repeats.
func indexColumnNames(prelim []string) []string {
	var out []string
	used := map[string]bool{}
	for _, orig := range prelim {
		if orig == "" {
			orig = "expr"
		}
		cur := orig
		for i := 1; used[cur]; i++ {
			suffix := strconv.Itoa(i)
			cur = orig[:clipUTF8(orig, maxIdentifierLength-len(suffix))] + suffix
		}
		used[cur] = true
		out = append(out, cur)
	}
	return out
}

// nameScope tracks the names taken in one PostgreSQL schema, as the
// generated-name rules see them: relations (tables, indexes, sequences,
// views) and constraints share the checks of ChooseRelationName.
type nameScope struct {
	relations   map[string]bool
	constraints map[string]bool
}

func newNameScope() *nameScope {
	return &nameScope{relations: map[string]bool{}, constraints: map[string]bool{}}
}

// relationTaken is the check for an index that is not a constraint.
func (n *nameScope) relationTaken(name string) bool { return n.relations[name] }

// constraintIndexTaken is the check for an index behind a primary key or
// unique constraint: no relation and no constraint may have the name.
func (n *nameScope) constraintIndexTaken(name string) bool {
	return n.relations[name] || n.constraints[name]
}

// constraintTaken is the check for a check or foreign key constraint.
func (n *nameScope) constraintTaken(name string) bool { return n.constraints[name] }

// primaryKeyName chooses a primary key's default name: <table>_pkey.
func (n *nameScope) primaryKeyName(table string) string {
	name := chooseName(table, "", "pkey", n.constraintIndexTaken)
	n.relations[name], n.constraints[name] = true, true
	return name
}

// uniqueName chooses a unique constraint's default name: <table>_<cols>_key.
func (n *nameScope) uniqueName(table string, cols []string) string {
	name := chooseName(table, nameAddition(indexColumnNames(cols)), "key", n.constraintIndexTaken)
	n.relations[name], n.constraints[name] = true, true
	return name
}

// indexName chooses a CREATE INDEX's default name: <table>_<keys>_idx, where
// keys include the INCLUDE columns.
func (n *nameScope) indexName(table string, keys []string) string {
	name := chooseName(table, nameAddition(indexColumnNames(keys)), "idx", n.relationTaken)
	n.relations[name] = true
	return name
}

// checkName chooses a check constraint's default name: <table>_<col>_check
// when the expression references exactly one column, else <table>_check.
func (n *nameScope) checkName(table string, cols []string) string {
	col := ""
	if len(cols) == 1 {
		col = cols[0]
	}
	name := chooseName(table, col, "check", n.constraintTaken)
	n.constraints[name] = true
	return name
}

// foreignKeyName chooses a foreign key's default name: <table>_<cols>_fkey.
func (n *nameScope) foreignKeyName(table string, cols []string) string {
	name := chooseName(table, nameAddition(cols), "fkey", n.constraintTaken)
	n.constraints[name] = true
	return name
}

// sequenceName chooses the name of the sequence behind a serial or identity
// column: <table>_<column>_seq.
func (n *nameScope) sequenceName(table, column string) string {
	name := chooseName(table, column, "seq", n.relationTaken)
	n.relations[name] = true
	return name
}
