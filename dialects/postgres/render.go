package postgres

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tidedb/tide/schema"
)

// CreateSQL implements dialects.Renderer: the statements that create s in an
// empty database, in dependency order — schemas, enum types, sequences,
// tables (with primary keys, uniques and checks inline), indexes, foreign
// keys (as ALTER TABLE, so that cycles work), sequence ownership, views
// (readers after what they read) and comments.
func (Dialect) CreateSQL(s *schema.Schema) ([]string, error) {
	if s == nil {
		return nil, fmt.Errorf("postgres: CreateSQL: no schema given")
	}
	var out []string
	for _, n := range namespacesToCreate(s) {
		out = append(out, "CREATE SCHEMA "+quoteIdent(n))
	}
	for _, e := range s.Enums {
		out = append(out, RenderEnum(e))
	}
	for _, q := range s.Sequences {
		if implicitSequence(s, q) {
			continue
		}
		out = append(out, RenderSequence(q))
	}
	for _, t := range s.Tables {
		stmt, err := renderCreateTable(t, s)
		if err != nil {
			return nil, err
		}
		out = append(out, stmt)
	}
	for _, t := range s.Tables {
		for _, i := range t.Indexes {
			out = append(out, RenderIndex(t, i, false))
		}
	}
	for _, t := range s.Tables {
		for _, fk := range t.ForeignKeys {
			out = append(out, "ALTER TABLE "+qualified(t.QName())+" ADD "+RenderForeignKey(t, fk))
		}
	}
	for _, q := range s.Sequences {
		if stmt := RenderSequenceOwnedBy(q); stmt != "" && !implicitSequence(s, q) {
			out = append(out, stmt)
		}
	}
	views, err := orderViews(s.Views)
	if err != nil {
		return nil, err
	}
	for _, v := range views {
		out = append(out, RenderView(v))
	}
	out = append(out, commentStatements(s)...)
	return out, nil
}

// namespacesToCreate lists the schemas to create: every namespace of s and
// every schema an object lives in, except "public", sorted.
func namespacesToCreate(s *schema.Schema) []string {
	seen := map[string]bool{"public": true, "": true}
	var names []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, n := range s.Namespaces {
		add(n.Name)
	}
	for _, e := range s.Enums {
		add(e.Schema)
	}
	for _, q := range s.Sequences {
		add(q.Schema)
	}
	for _, t := range s.Tables {
		add(t.Schema)
	}
	for _, v := range s.Views {
		add(v.Schema)
	}
	sort.Strings(names)
	return names
}

// serialTypes are the pseudo-types that create their own sequence.
var serialTypes = map[string]string{
	"smallserial": "smallint", "serial2": "smallint",
	"serial": "integer", "serial4": "integer",
	"bigserial": "bigint", "serial8": "bigint",
}

// isSerialType reports whether typ is a serial pseudo-type.
func isSerialType(typ string) bool {
	_, ok := serialTypes[strings.ToLower(strings.TrimSpace(typ))]
	return ok
}

// implicitSequence reports whether q is owned by a serial or identity column
// of s, which creates the sequence itself: rendering it too would collide.
func implicitSequence(s *schema.Schema, q *schema.Sequence) bool {
	i := strings.LastIndexByte(q.OwnedBy, '.')
	if i < 0 {
		return false
	}
	t := s.Table(schema.QName{Schema: q.Schema, Name: q.OwnedBy[:i]})
	if t == nil {
		return false
	}
	c := t.Column(q.OwnedBy[i+1:])
	return c != nil && (isSerialType(c.Type) || c.Identity != "")
}

// renderCreateTable writes CREATE TABLE with columns, primary key, uniques
// and checks inline. Foreign keys and indexes are separate statements.
func renderCreateTable(t *schema.Table, s *schema.Schema) (string, error) {
	if len(t.Attrs) > 0 {
		return "", fmt.Errorf("table %s: PostgreSQL has no table options, but %s are set; remove them", t.QName(), attrNames(t.Attrs))
	}
	var lines []string
	for _, c := range t.Columns {
		if len(c.Attrs) > 0 {
			return "", fmt.Errorf("column %s.%s: PostgreSQL has no column options, but %s are set; remove them", t.QName(), c.Name, attrNames(c.Attrs))
		}
		lines = append(lines, RenderColumn(t, c, s))
	}
	if t.PrimaryKey != nil {
		lines = append(lines, RenderPrimaryKey(t.PrimaryKey))
	}
	for _, u := range t.Uniques {
		lines = append(lines, RenderUnique(u))
	}
	for _, c := range t.Checks {
		lines = append(lines, RenderCheck(c))
	}
	if len(lines) == 0 {
		return "CREATE TABLE " + qualified(t.QName()) + " ()", nil
	}
	return "CREATE TABLE " + qualified(t.QName()) + " (\n  " + strings.Join(lines, ",\n  ") + "\n)", nil
}

func attrNames(m map[string]string) string {
	var names []string
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// commentStatements writes COMMENT ON for every commented schema, table,
// column and view of s.
func commentStatements(s *schema.Schema) []string {
	var out []string
	for _, n := range s.Namespaces {
		if n.Comment != "" {
			out = append(out, RenderComment("SCHEMA", quoteIdent(n.Name), n.Comment))
		}
	}
	for _, t := range s.Tables {
		if t.Comment != "" {
			out = append(out, RenderComment("TABLE", qualified(t.QName()), t.Comment))
		}
		for _, c := range t.Columns {
			if c.Comment != "" {
				out = append(out, RenderComment("COLUMN", columnTarget(t, c.Name), c.Comment))
			}
		}
	}
	for _, v := range s.Views {
		if v.Comment != "" {
			out = append(out, RenderComment("VIEW", qualified(v.QName()), v.Comment))
		}
	}
	return out
}
