package postgres

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// QuoteIdent implements dialects.Renderer: it always double-quotes, doubling
// embedded quotes, so that no identifier is ever read as a keyword or folded
// to lower case.
func (Dialect) QuoteIdent(name string) string { return quoteIdent(name) }

func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// qualified quotes a schema-qualified name.
func qualified(q schema.QName) string {
	if q.Schema == "" {
		return quoteIdent(q.Name)
	}
	return quoteIdent(q.Schema) + "." + quoteIdent(q.Name)
}

// quoteLiteral quotes a string literal (standard_conforming_strings on).
func quoteLiteral(s string) string {
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
