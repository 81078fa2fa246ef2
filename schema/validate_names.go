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

// nameUse is an object whose name joins a scope: the first one seen with a
// name is remembered, to be named when a second one uses it.
type nameUse struct {
	kind string // kindTable, kindIndex, …
	// name is the object's name, qualified for schema-level objects.
	name string
	// table is the qualified name of the object's table ("" for
	// schema-level objects).
	table string
	pos   Pos
}

// what describes the object in an error: `index "i" of table "s.t"`. It is
// built only when an error needs it.
func (u nameUse) what() string {
	if u.table == "" {
		return fmt.Sprintf("%s %q", u.kind, u.name)
	}
	return fmt.Sprintf("%s %q of table %q", u.kind, u.name, u.table)
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
	// A table, its key and a few indexes and constraints each join one or
	// two scopes: size the map once rather than grow it step by step.
	c := &nameChecker{rules: rules, seen: make(map[string]nameUse, 8*len(s.Tables)), errs: errs}
	for _, t := range s.Tables {
		c.add(nameUse{kind: kindTable, name: t.QName().String(), pos: t.Pos}, t.Schema, "", t.Name)
	}
	for _, w := range s.Views {
		c.add(nameUse{kind: kindView, name: w.QName().String(), pos: w.Pos}, w.Schema, "", w.Name)
	}
	for _, q := range s.Sequences {
		c.add(nameUse{kind: kindSequence, name: q.QName().String(), pos: q.Pos}, q.Schema, "", q.Name)
	}
	for _, e := range s.Enums {
		c.add(nameUse{kind: kindEnum, name: e.QName().String(), pos: e.Pos}, e.Schema, "", e.Name)
	}
	for _, t := range s.Tables {
		tq := t.QName().String()
		if pk := t.PrimaryKey; pk != nil && pk.Name != "" {
			c.add(nameUse{kind: kindPK, name: pk.Name, table: tq, pos: pk.Pos}, t.Schema, tq, pk.Name)
		}
		for _, u := range t.Uniques {
			c.add(nameUse{kind: kindUnique, name: u.Name, table: tq, pos: u.Pos}, t.Schema, tq, u.Name)
		}
		for _, ix := range t.Indexes {
			c.add(nameUse{kind: kindIndex, name: ix.Name, table: tq, pos: ix.Pos}, t.Schema, tq, ix.Name)
		}
		for _, fk := range t.ForeignKeys {
			c.add(nameUse{kind: kindFK, name: fk.Name, table: tq, pos: fk.Pos}, t.Schema, tq, fk.Name)
		}
		for _, k := range t.Checks {
			c.add(nameUse{kind: kindCheck, name: k.Name, table: tq, pos: k.Pos}, t.Schema, tq, k.Name)
		}
	}
}

// add records a name in every scope its kind joins.
func (c *nameChecker) add(use nameUse, schema, table, name string) {
	for _, sc := range c.rules[use.kind] {
		key := sc.id + "\x00" + schema + "\x00"
		if sc.perTable {
			key += table
		}
		key += "\x00" + name
		prev, dup := c.seen[key]
		if !dup {
			c.seen[key] = use
			continue
		}
		c.errs.errorf(use.pos, "%s: name %q is already used by %s%s; %s", use.what(), name, prev.what(), at(prev.pos), sc.explains)
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
