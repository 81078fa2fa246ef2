package schema

import (
	"fmt"
	"strings"
)

// Validate checks a schema's internal references and names: every column
// named by a key, index, foreign key or sequence exists; foreign keys point
// at existing tables and columns; columns, enum values and object names are
// not duplicated (names per the dialect's namespaces, see validate_names.go).
// It returns nil, an *Error or an ErrorList; each error is at the position
// of the object in question and names it, its table and the missing name.
func Validate(s *Schema) error {
	v := &validator{s: s, tables: s.TablesByName()}
	for _, t := range s.Tables {
		v.table(t)
	}
	for _, e := range s.Enums {
		v.enum(e)
	}
	for _, q := range s.Sequences {
		v.sequence(q)
	}
	for _, w := range s.Views {
		if strings.TrimSpace(w.Def) == "" {
			v.errs.errorf(w.Pos, "view %q has an empty definition; give its SELECT in `as`", w.QName())
		}
	}
	checkNames(s, &v.errs)
	return v.errs.Err()
}

// validator accumulates the errors of Validate.
type validator struct {
	s *Schema
	// tables indexes s.Tables by name (the first of duplicates, as
	// Schema.Table finds): a linear lookup per foreign key made Validate
	// quadratic.
	tables map[QName]*Table
	errs   ErrorList
}

// table checks one table's columns and everything that names them.
func (v *validator) table(t *Table) {
	tq := t.QName()
	cols := map[string]*Column{}
	for _, c := range t.Columns {
		if prev := cols[c.Name]; prev != nil {
			v.errs.errorf(c.Pos, "table %q: column %q defined twice: %s and %s", tq, c.Name, prev.Pos, c.Pos)
			continue
		}
		cols[c.Name] = c
		v.column(t, c)
	}
	if pk := t.PrimaryKey; pk != nil {
		what := objectName{kind: "primary key", name: pk.Name, table: tq}
		v.columns(t, what, pk.Pos, pk.Columns, true)
	}
	for _, u := range t.Uniques {
		what := objectName{kind: "unique", name: u.Name, table: tq}
		v.columns(t, what, u.Pos, u.Columns, true)
		v.deferral(what, u.Pos, u.Deferrable, u.InitiallyDeferred)
	}
	for _, c := range t.Checks {
		if strings.TrimSpace(c.Expr) == "" {
			v.errs.errorf(c.Pos, "check %q of table %q has an empty expr; give the boolean SQL expression", c.Name, tq)
		}
	}
	for _, ix := range t.Indexes {
		v.index(t, ix)
	}
	for _, fk := range t.ForeignKeys {
		v.foreignKey(t, fk)
	}
	v.attrs(t)
}

// column checks combinations that no engine accepts.
func (v *validator) column(t *Table, c *Column) {
	what := objectName{kind: "column", name: c.Name, table: t.QName()}
	switch {
	case strings.TrimSpace(c.Type) == "":
		v.errs.errorf(c.Pos, "%s has no type; set type = \"…\"", what)
	case c.Identity != "" && c.Default != "":
		v.errs.errorf(c.Pos, "%s has both identity and default; an identity column takes its values from its sequence, so drop one", what)
	case c.Generated != "" && c.Default != "":
		v.errs.errorf(c.Pos, "%s has both generated and default; a generated column cannot have a default, so drop one", what)
	case c.Generated != "" && c.Identity != "":
		v.errs.errorf(c.Pos, "%s has both generated and identity; drop one", what)
	}
}

// columns checks that a list of column names is not empty and that each
// names a column of t, once.
func (v *validator) columns(t *Table, what fmt.Stringer, pos Pos, names []string, required bool) {
	if required && len(names) == 0 {
		v.errs.errorf(pos, "%s has no columns; list at least one", what)
		return
	}
	seen := map[string]bool{}
	for _, n := range names {
		if t.Column(n) == nil {
			v.errs.errorf(pos, "%s: column %q does not exist in table %q%s", what, n, t.QName(), suggest(n, columnNames(t)))
			continue
		}
		if seen[n] {
			v.errs.errorf(pos, "%s lists column %q twice", what, n)
		}
		seen[n] = true
	}
}

// deferral checks that only a deferrable constraint is initially deferred.
func (v *validator) deferral(what fmt.Stringer, pos Pos, deferrable, initiallyDeferred bool) {
	if initiallyDeferred && !deferrable {
		v.errs.errorf(pos, "%s is initially_deferred but not deferrable; add deferrable = true", what)
	}
}

// index checks an index's keys and covering columns.
func (v *validator) index(t *Table, ix *Index) {
	what := objectName{kind: "index", name: ix.Name, table: t.QName()}
	if len(ix.Parts) == 0 {
		v.errs.errorf(ix.Pos, "%s has no keys; give columns, on or part blocks", what)
	}
	var keyCols []string
	for _, p := range ix.Parts {
		switch {
		case p.Column != "" && p.Expr != "":
			v.errs.errorf(ix.Pos, "%s: a key has both column %q and expr %q; keep one", what, p.Column, p.Expr)
		case p.Column == "" && strings.TrimSpace(p.Expr) == "":
			v.errs.errorf(ix.Pos, "%s: a key has neither a column nor an expression", what)
		case p.Column != "":
			keyCols = append(keyCols, p.Column)
		}
	}
	for _, n := range keyCols {
		if t.Column(n) == nil {
			v.errs.errorf(ix.Pos, "%s: column %q does not exist in table %q%s", what, n, t.QName(), suggest(n, columnNames(t)))
		}
	}
	include := what
	include.suffix = " (include)"
	v.columns(t, include, ix.Pos, ix.Include, false)
}

// foreignKey checks an FK's own columns and its target.
func (v *validator) foreignKey(t *Table, fk *ForeignKey) {
	what := objectName{kind: "foreign key", name: fk.Name, table: t.QName()}
	v.columns(t, what, fk.Pos, fk.Columns, true)
	v.deferral(what, fk.Pos, fk.Deferrable, fk.InitiallyDeferred)
	if len(fk.RefColumns) != len(fk.Columns) {
		v.errs.errorf(fk.Pos, "%s has %d columns but %d ref_columns; they must pair up", what, len(fk.Columns), len(fk.RefColumns))
	}
	ref := v.tables[fk.RefQName()]
	if ref == nil {
		v.errs.errorf(fk.Pos, "%s: referenced table %q does not exist; define it or fix ref_table", what, fk.RefQName())
		return
	}
	for _, n := range fk.RefColumns {
		if ref.Column(n) == nil {
			v.errs.errorf(fk.Pos, "%s: referenced column %q does not exist in table %q%s", what, n, ref.QName(), suggest(n, columnNames(ref)))
		}
	}
}

// enum checks that an enum's labels are distinct and not empty.
func (v *validator) enum(e *Enum) {
	seen := map[string]bool{}
	for _, l := range e.Values {
		if l == "" {
			v.errs.errorf(e.Pos, "enum %q has an empty label", e.QName())
		}
		if seen[l] {
			v.errs.errorf(e.Pos, "enum %q lists value %q twice", e.QName(), l)
		}
		seen[l] = true
	}
}

// sequence checks owned_by ("table.column" in the sequence's schema).
func (v *validator) sequence(q *Sequence) {
	if q.OwnedBy == "" {
		return
	}
	what := fmt.Sprintf("sequence %q", q.QName())
	i := strings.LastIndexByte(q.OwnedBy, '.')
	if i <= 0 || i == len(q.OwnedBy)-1 {
		v.errs.errorf(q.Pos, "%s: owned_by %q must be \"table.column\"", what, q.OwnedBy)
		return
	}
	tq := QName{Schema: q.Schema, Name: q.OwnedBy[:i]}
	col := q.OwnedBy[i+1:]
	t := v.tables[tq]
	switch {
	case t == nil:
		v.errs.errorf(q.Pos, "%s: owned_by names table %q, which does not exist", what, tq)
	case t.Column(col) == nil:
		v.errs.errorf(q.Pos, "%s: owned_by names column %q, which does not exist in table %q%s", what, col, tq, suggest(col, columnNames(t)))
	}
}

func columnNames(t *Table) []string {
	out := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = c.Name
	}
	return out
}

// suggest returns "; did you mean \"x\"?" for the closest candidate, when
// one is close enough to be a likely typo (at most 2 edits, and fewer than
// half the name's length).
func suggest(name string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if d < bestDist && 2*d < len(name) {
			best, bestDist = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// editDistance is the Levenshtein distance between a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// objectName describes an object of a table in an error (`index "i" of
// table "s.t"`). It is formatted only when an error prints it: Validate
// checks every object of schemas with tens of thousands of them.
type objectName struct {
	kind  string // "column", "primary key", "index", …
	name  string // "" for an unnamed primary key
	table QName
	// suffix qualifies the object (" (include)": an index's INCLUDE list).
	suffix string
}

// String is the description.
func (o objectName) String() string {
	if o.name == "" {
		return fmt.Sprintf("%s of table %q%s", o.kind, o.table, o.suffix)
	}
	return fmt.Sprintf("%s %q of table %q%s", o.kind, o.name, o.table, o.suffix)
}
