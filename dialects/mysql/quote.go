package mysql

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// QuoteIdent implements dialects.Renderer: it always backquotes, doubling
// embedded backquotes, so that no identifier is read as a keyword.
func (Dialect) QuoteIdent(name string) string { return quoteIdent(name) }

func quoteIdent(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// qualified quotes a table name, with its database unless the database is
// "" or the connection's own (d.Database).
func (d Dialect) qualified(q schema.QName) string {
	if q.Schema == "" || q.Schema == d.Database {
		return quoteIdent(q.Name)
	}
	return quoteIdent(q.Schema) + "." + quoteIdent(q.Name)
}

// quoteLiteral quotes a string literal. Backslashes are escaped too, so the
// literal means the same under the default sql_mode (backslash escapes on);
// sessions that run rendered DDL must not set NO_BACKSLASH_ESCAPES.
func quoteLiteral(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// quoteIdents quotes and comma-joins a list of identifiers.
func quoteIdents(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteIdent(n)
	}
	return strings.Join(q, ", ")
}
