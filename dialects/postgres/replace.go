package postgres

import (
	"strings"
	"unicode/utf8"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// replacedPhase is the phase of a drop: the contract, unless the desired
// state has an object of the same name on the same table — then the drop is
// half of a replacement (the planner puts the Add right after it) and must
// run in the expansion, before the new definition is created.
func (r recipeContext) replacedPhase(t *schema.Table, survives func(*schema.Table) bool) dialects.Phase {
	if r.env == nil || r.env.Desired == nil {
		return dialects.PhaseContract
	}
	if dt := r.env.DesiredTable(t.QName()); dt != nil && survives(dt) {
		return dialects.PhaseExpand
	}
	return dialects.PhaseContract
}

// Replacements of indexes, checks and foreign keys
//
// When the definition of a named index, check or foreign key changes, the
// planner emits its Drop immediately followed by its Add. The Add's recipe
// carries out the whole swap (build or add the new definition under a
// temporary name, validate it, then in the contract drop the old one and
// rename the new one), so that readers and writers keep the old object until
// the new one is ready; the Drop's recipe returns no action. Both sides test
// the same fact: the current and the desired table both have an object of
// that kind and name.

// tempSuffix marks the temporary name of a replacement built beside the
// object it replaces.
const tempSuffix = "__tide_new"

// maxIdentBytes is PostgreSQL's identifier length limit (NAMEDATALEN - 1).
const maxIdentBytes = 63

// withSuffix appends suffix to name, cutting name (at a character
// boundary) so that the result fits in an identifier.
func withSuffix(name, suffix string) string {
	limit := maxIdentBytes - len(suffix)
	if len(name) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = name[:cut]
	}
	return name + suffix
}

// tempName is the temporary name of the replacement of object name.
func tempName(name string) string { return withSuffix(name, tempSuffix) }

// currentTable returns the current definition of table t (given under its
// desired name), following a rename; nil when the table is new.
func (r recipeContext) currentTable(t *schema.Table) *schema.Table {
	if r.env == nil || r.env.Current == nil {
		return nil
	}
	return r.env.CurrentTable(t.QName())
}

// desiredTable returns the desired definition of table t (given under its
// desired name); nil when unknown.
func (r recipeContext) desiredTable(t *schema.Table) *schema.Table {
	if r.env == nil || r.env.Desired == nil {
		return nil
	}
	return r.env.DesiredTable(t.QName())
}

// currentIndex returns the index the AddIndex of name on t replaces, or nil.
func (r recipeContext) currentIndex(t *schema.Table, name string) *schema.Index {
	if cur := r.currentTable(t); cur != nil {
		return cur.Index(name)
	}
	return nil
}

// indexReplaced reports whether DropIndex of name on t (the current table
// under its desired name) is half of a replacement.
func (r recipeContext) indexReplaced(t *schema.Table, name string) bool {
	des := r.desiredTable(t)
	return des != nil && des.Index(name) != nil
}

// findCheck returns t's check constraint called name, or nil.
func findCheck(t *schema.Table, name string) *schema.Check {
	if t == nil {
		return nil
	}
	for _, c := range t.Checks {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// findForeignKey returns t's foreign key called name, or nil.
func findForeignKey(t *schema.Table, name string) *schema.ForeignKey {
	if t == nil {
		return nil
	}
	for _, f := range t.ForeignKeys {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func hasConstraint(t *schema.Table, name string) bool {
	if t.PrimaryKey != nil && PrimaryKeyName(t, t.PrimaryKey) == name {
		return true
	}
	for _, u := range t.Uniques {
		if u.Name == name {
			return true
		}
	}
	for _, c := range t.Checks {
		if c.Name == name {
			return true
		}
	}
	for _, f := range t.ForeignKeys {
		if f.Name == name {
			return true
		}
	}
	return false
}

// renderDefault writes a default expression so that it parses in a column
// definition and after SET DEFAULT, whose grammar (b_expr) rejects some
// operators (AT TIME ZONE, IS, comparison…) unless parenthesised.
func renderDefault(expr string) string {
	e := strings.TrimSpace(expr)
	if simpleDefault(e) {
		return e
	}
	return "(" + e + ")"
}

// simpleDefault reports whether e is a literal, a function call or a cast of
// one: the forms that need no parentheses and that the catalog prints.
func simpleDefault(e string) bool {
	inQuote := false
	depth := 0
	for i := 0; i < len(e); i++ {
		c := e[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
		case inQuote:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth > 0:
		case c == ' ':
			// "::character varying", "::timestamp with time zone" and
			// "::double precision" are casts, not operators.
			rest := e[i+1:]
			if strings.HasPrefix(rest, "varying") || strings.HasPrefix(rest, "with") || strings.HasPrefix(rest, "without") ||
				strings.HasPrefix(rest, "time zone") || strings.HasPrefix(rest, "zone") || strings.HasPrefix(rest, "precision") {
				continue
			}
			return false
		case strings.ContainsRune("+-*/<>=!|%^&~", rune(c)) && !(c == '-' && i == 0):
			return false
		}
	}
	return !inQuote && depth == 0
}
