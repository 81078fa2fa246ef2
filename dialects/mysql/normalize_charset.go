package mysql

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// Character sets, collations and engines are inherited: a column from its
// table, a table from its database, an engine from the server. The
// canonical form keeps only what differs from what is inherited, the way
// "public" is never named on PostgreSQL, so that a schema written with or
// without the inherited values, and the schema read back from the server,
// compare equal:
//
//   - a table has charset and collate attributes (both) when its collation
//     differs from the database's, else neither;
//   - a character column (char, varchar, text, enum, set) has a collation
//     when it differs from its table's, and a charset attribute when the
//     character set differs too;
//   - a table's engine is omitted when it is the server's default.
//
// A character set named without a collation means its default collation,
// as on the server (not the table's). This needs the server's defaults, so
// it is done only when the dialect knows its Server; offline, character
// sets and collations stay as written.

// tableCharsets puts the table's and its character columns' character sets
// and collations, and its engine, in the canonical form.
func (n *normalizer) tableCharsets(t *schema.Table) {
	srv := n.d.Server
	if srv == nil {
		return
	}
	if e := t.Attrs[schema.AttrEngine]; e != "" && srv.Engine != "" && strings.EqualFold(e, srv.Engine) {
		delete(t.Attrs, schema.AttrEngine)
	}
	cs, coll, ok := srv.resolve(t.Attrs[schema.AttrCharset], t.Attrs[schema.AttrCollate], srv.Charset, srv.Collation)
	if !ok {
		return // a character set the server does not know: the server will say so
	}
	if coll == srv.Collation {
		delete(t.Attrs, schema.AttrCharset)
		delete(t.Attrs, schema.AttrCollate)
	} else {
		setAttr(&t.Attrs, schema.AttrCharset, cs)
		setAttr(&t.Attrs, schema.AttrCollate, coll)
	}
	for _, c := range t.Columns {
		if IsCharacterType(c.Type) {
			columnCharset(srv, c, cs, coll)
		}
		if len(c.Attrs) == 0 {
			c.Attrs = nil
		}
	}
}

// columnCharset puts a character column's character set and collation in
// the canonical form for a table whose own are tcs and tcoll.
func columnCharset(srv *Server, c *schema.Column, tcs, tcoll string) {
	cs, coll, ok := srv.resolve(c.Attrs[schema.AttrCharset], c.Collation, tcs, tcoll)
	if !ok {
		return
	}
	if coll == tcoll {
		delete(c.Attrs, schema.AttrCharset)
		c.Collation = ""
		return
	}
	c.Collation = coll
	if cs == tcs {
		delete(c.Attrs, schema.AttrCharset)
	} else {
		setAttr(&c.Attrs, schema.AttrCharset, cs)
	}
}

// resolve returns the character set and collation an object declared with
// charset and collation (either may be "") has, given the ones it inherits
// otherwise; false when the character set is unknown to the server.
func (s *Server) resolve(charset, collation, inheritedCharset, inheritedCollation string) (string, string, bool) {
	switch {
	case collation != "":
		return s.charsetOf(collation), collation, true
	case charset != "":
		coll := s.defaultCollation(charset)
		return charset, coll, coll != ""
	}
	return inheritedCharset, inheritedCollation, true
}

// IsCharacterType reports whether a canonical column type holds text in a
// character set: char, varchar, the text types, enum and set.
func IsCharacterType(typ string) bool {
	base, _ := typeBase(typ)
	switch base {
	case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set":
		return true
	}
	return false
}
