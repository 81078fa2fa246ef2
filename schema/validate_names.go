package schema

import "fmt"

// Object kinds whose names live in an engine namespace.
const (
	kindTable    = "table"
	kindView     = "view"
	kindSequence = "sequence"
	kindEnum     = "enum"
	kindIndex    = "index"
	kindUnique   = "unique"
	kindPK       = "primary key"
	kindFK       = "foreign key"
	kindCheck    = "check"
)

// nameScope is one namespace of an engine: schema-wide or per table.
type nameScope struct {
	id       string // "relation", "type", "constraint", …
	perTable bool
	// explains is said in the error: which objects share the namespace.
	explains string
}

var (
	pgRelations   = nameScope{id: "relation", explains: "on postgres, tables, views, sequences, indexes and unique and primary key constraints share one namespace per schema"}
	pgTypes       = nameScope{id: "type", explains: "on postgres, enums, tables and views share the type namespace of a schema"}
	pgConstraints = nameScope{id: "constraint", perTable: true, explains: "constraint names must be unique within a table"}

	myTables  = nameScope{id: "table", explains: "on mysql, tables, views and sequences share one namespace per database"}
	myIndexes = nameScope{id: "index", perTable: true, explains: "on mysql, index and unique names must be unique within a table"}
	myFKs     = nameScope{id: "foreign key", explains: "on mysql, foreign key names must be unique within a database"}
	myChecks  = nameScope{id: "check", perTable: true, explains: "on mysql, check names must be unique within a table (MySQL 8, unlike MariaDB, also wants them unique within the database)"}

	msObjects = nameScope{id: "object", explains: "on mssql, tables, views, sequences and constraints share one namespace per schema"}
	msIndexes = nameScope{id: "index", perTable: true, explains: "on mssql, index and unique names must be unique within a table"}
	msTypes   = nameScope{id: "type", explains: "on mssql, type names must be unique within a schema"}
)

// nameRules maps a dialect to the namespaces each kind of object joins.
// Dialects not listed use postgres's rules.
var nameRules = map[string]map[string][]nameScope{
	"postgres": {
		kindTable: {pgRelations, pgTypes}, kindView: {pgRelations, pgTypes}, kindSequence: {pgRelations},
		kindEnum: {pgTypes}, kindIndex: {pgRelations}, kindUnique: {pgRelations, pgConstraints},
		kindPK: {pgRelations, pgConstraints}, kindFK: {pgConstraints}, kindCheck: {pgConstraints},
	},
	"mysql": {
		kindTable: {myTables}, kindView: {myTables}, kindSequence: {myTables},
		kindIndex: {myIndexes}, kindUnique: {myIndexes}, kindFK: {myFKs}, kindCheck: {myChecks},
	},
	"mssql": {
		kindTable: {msObjects}, kindView: {msObjects}, kindSequence: {msObjects}, kindEnum: {msTypes},
		kindIndex: {msIndexes}, kindUnique: {msObjects, msIndexes}, kindPK: {msObjects},
		kindFK: {msObjects}, kindCheck: {msObjects},
	},
}

// nameUse is the first object seen with a name in a scope.
type nameUse struct {
	what string
	pos  Pos
}

// nameChecker finds names used twice within a scope.
type nameChecker struct {
	rules map[string][]nameScope
	seen  map[string]nameUse
	errs  *ErrorList
}

// checkNames reports object names used twice within one of the dialect's
// namespaces, naming both objects and places.
func checkNames(s *Schema, errs *ErrorList) {
	rules, ok := nameRules[s.Dialect]
	if !ok {
		rules = nameRules["postgres"]
	}
	c := &nameChecker{rules: rules, seen: map[string]nameUse{}, errs: errs}
	for _, t := range s.Tables {
		c.add(kindTable, t.Schema, "", t.Name, fmt.Sprintf("table %q", t.QName()), t.Pos)
	}
	for _, w := range s.Views {
		c.add(kindView, w.Schema, "", w.Name, fmt.Sprintf("view %q", w.QName()), w.Pos)
	}
	for _, q := range s.Sequences {
		c.add(kindSequence, q.Schema, "", q.Name, fmt.Sprintf("sequence %q", q.QName()), q.Pos)
	}
	for _, e := range s.Enums {
		c.add(kindEnum, e.Schema, "", e.Name, fmt.Sprintf("enum %q", e.QName()), e.Pos)
	}
	for _, t := range s.Tables {
		tq := t.QName().String()
		of := fmt.Sprintf(" of table %q", tq)
		if pk := t.PrimaryKey; pk != nil && pk.Name != "" {
			c.add(kindPK, t.Schema, tq, pk.Name, fmt.Sprintf("primary key %q", pk.Name)+of, pk.Pos)
		}
		for _, u := range t.Uniques {
			c.add(kindUnique, t.Schema, tq, u.Name, fmt.Sprintf("unique %q", u.Name)+of, u.Pos)
		}
		for _, ix := range t.Indexes {
			c.add(kindIndex, t.Schema, tq, ix.Name, fmt.Sprintf("index %q", ix.Name)+of, ix.Pos)
		}
		for _, fk := range t.ForeignKeys {
			c.add(kindFK, t.Schema, tq, fk.Name, fmt.Sprintf("foreign key %q", fk.Name)+of, fk.Pos)
		}
		for _, k := range t.Checks {
			c.add(kindCheck, t.Schema, tq, k.Name, fmt.Sprintf("check %q", k.Name)+of, k.Pos)
		}
	}
}

// add records a name in every scope its kind joins.
func (c *nameChecker) add(kind, schema, table, name, what string, pos Pos) {
	for _, sc := range c.rules[kind] {
		key := sc.id + "\x00" + schema + "\x00"
		if sc.perTable {
			key += table
		}
		key += "\x00" + name
		prev, dup := c.seen[key]
		if !dup {
			c.seen[key] = nameUse{what: what, pos: pos}
			continue
		}
		c.errs.errorf(pos, "%s: name %q is already used by %s%s; %s", what, name, prev.what, at(prev.pos), sc.explains)
		return // one error per object
	}
}

// at is " at file:line:col", or "" for an unknown position.
func at(p Pos) string {
	if s := p.String(); s != "" {
		return " at " + s
	}
	return ""
}
