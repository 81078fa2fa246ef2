package apply

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/schema"
)

// countPrefix starts the count query of a row check a sample can be
// derived from: "SELECT count(*) FROM <table> WHERE <condition>", the
// shape of the dialects' NOT NULL and CHECK pre-flights.
const countPrefix = "SELECT count(*) FROM "

// sampleRows is how many offending rows a pre-flight failure shows.
const sampleRows = 5

// derivedSample builds the sample query of a pre-flight that has none
// (pf.SampleSQL empty) from its count query when that has the shape of
// countPrefix on a table of the database: it selects the table's key
// columns (its primary key, else a unique key on NOT NULL columns) and the
// columns the condition reads (the offending values) of up to sampleRows
// rows that match the same condition. ok is false when the count query has
// another shape or names no table of the database. The table is matched
// by its name as the dialect quotes it, so no SQL is parsed.
func (r *runner) derivedSample(pf dialects.Preflight) (query string, cols []string, ok bool, err error) {
	rest, found := strings.CutPrefix(pf.SQL, countPrefix)
	if !found {
		return "", nil, false, nil
	}
	if r.sampleSchema == nil {
		if r.sampleSchema, err = r.db.Inspect(r.dbctx, inspect.Options{NoStats: true}); err != nil {
			return "", nil, false, fmt.Errorf("read the table's key to sample the offending rows: %w", err)
		}
	}
	q := r.eng.d.QuoteIdent
	for _, t := range r.sampleSchema.Tables {
		from := q(t.Schema) + "." + q(t.Name)
		cond, found := strings.CutPrefix(rest, from+" WHERE ")
		if !found {
			continue
		}
		key := rowKey(t)
		cols = append(cols, key...)
		for _, c := range t.Columns {
			if !contains(key, c.Name) && mentions(cond, c.Name, q(c.Name)) {
				cols = append(cols, c.Name)
			}
		}
		if len(cols) == 0 {
			return "", nil, false, nil
		}
		quoted := make([]string, len(cols))
		for i, c := range cols {
			quoted[i] = q(c)
		}
		return fmt.Sprintf("SELECT %s FROM %s WHERE %s LIMIT %d", strings.Join(quoted, ", "), from, cond, sampleRows), cols, true, nil
	}
	return "", nil, false, nil
}

// rowKey returns the columns that identify a row of t: its primary key,
// else the first unique constraint or plain unique index whose columns are
// all NOT NULL; nil when t has none.
func rowKey(t *schema.Table) []string {
	if t.PrimaryKey != nil && len(t.PrimaryKey.Columns) > 0 {
		return t.PrimaryKey.Columns
	}
	notNull := func(cols []string) bool {
		for _, name := range cols {
			if c := t.Column(name); c == nil || c.Nullable {
				return false
			}
		}
		return len(cols) > 0
	}
	for _, u := range t.Uniques {
		if notNull(u.Columns) {
			return u.Columns
		}
	}
	for _, i := range t.Indexes {
		if !i.Unique || i.Where != "" {
			continue
		}
		var cols []string
		for _, p := range i.Parts {
			if p.Column == "" {
				cols = nil
				break
			}
			cols = append(cols, p.Column)
		}
		if len(cols) == len(i.Parts) && notNull(cols) {
			return cols
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mentions reports whether the SQL condition cond reads the column name:
// its quoted form, or the bare name as a whole word (case-insensitive), in
// the condition without its string literals.
func mentions(cond, name, quoted string) bool {
	cond = withoutStringLiterals(cond)
	if strings.Contains(cond, quoted) {
		return true
	}
	lower, word := strings.ToLower(cond), strings.ToLower(name)
	for from := 0; ; {
		i := strings.Index(lower[from:], word)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(word)
		if (i == 0 || !identByte(lower[i-1])) && (end == len(lower) || !identByte(lower[end])) {
			return true
		}
		from = i + 1
	}
}

// withoutStringLiterals blanks the contents of single-quoted literals (a
// doubled quote inside one stands for a quote), so that words inside them
// are not taken for columns.
func withoutStringLiterals(s string) string {
	b := []byte(s)
	in := false
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\'' && in && i+1 < len(b) && b[i+1] == '\'':
			b[i], b[i+1] = ' ', ' '
			i++
		case b[i] == '\'':
			in = !in
		case in:
			b[i] = ' '
		}
	}
	return string(b)
}

func identByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
