package postgres

import (
	"strings"

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
	if dt := r.env.Desired.Table(t.QName()); dt != nil && survives(dt) {
		return dialects.PhaseExpand
	}
	return dialects.PhaseContract
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
