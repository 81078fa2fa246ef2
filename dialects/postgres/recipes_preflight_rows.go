package postgres

import (
	"strconv"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Every pre-flight check comes with its sample query (Preflight.SampleSQL):
// when the check counts offending rows, the executor shows up to
// sampleRows of them, each as the columns that identify the row (its key)
// and the columns holding the offending values, named by the query's
// result columns. Row checks (NOT NULL, CHECK, a conversion, an enum's
// removed values, a new key's NULLs) are built by rowCheck; the duplicate
// and foreign-key checks write their own samples.

// sampleRows is how many offending rows a pre-flight sample shows.
const sampleRows = 5

// rowCheck is the pre-flight check of kind that counts the rows of t
// matching cond (SQL on t's columns, as quoted identifiers), with its
// sample: key, then values (the columns cond reads that hold the offending
// values; a column already in key is not repeated). t's name is as the
// recipe names it (currentPreflights translates renames).
func rowCheck(t *schema.Table, key []string, kind, description, cond string, values []string) dialects.Preflight {
	from := qualified(t.QName()) + " WHERE " + cond
	return dialects.Preflight{
		Kind:        kind,
		Description: description,
		SQL:         "SELECT count(*) FROM " + from,
		SampleSQL:   sampleSQL(from, key, values),
	}
}

// sampleSQL selects key and values of up to sampleRows rows of from (a
// table and its WHERE clause); "" when there is no column to show.
func sampleSQL(from string, key, values []string) string {
	var cols []string
	for _, c := range append(append([]string{}, key...), values...) {
		if !contains(cols, c) {
			cols = append(cols, c)
		}
	}
	if len(cols) == 0 {
		return ""
	}
	return "SELECT " + quoteIdents(cols) + " FROM " + from + " LIMIT " + strconv.Itoa(sampleRows)
}

// sampleKey is the key that identifies the rows of table t (given under its
// desired name) in a pre-flight sample: the key of the table as it is
// before the plan, its columns spelled as the desired state names them
// (the names the recipes write; currentPreflights translates them back), or
// t's own key when the table does not exist yet.
func (r recipeContext) sampleKey(t *schema.Table) []string {
	cur := r.currentTable(t)
	if cur == nil {
		return rowKey(t)
	}
	key := rowKey(cur)
	renamed := r.columnRenames(t.QName()) // desired name → current name
	out := make([]string, len(key))
	for i, c := range key {
		out[i] = c
		for desired, current := range renamed {
			if current == c {
				out[i] = desired
			}
		}
	}
	return out
}

// rowKey is t.RowKey (nil-safe).
func rowKey(t *schema.Table) []string { return t.RowKey() }

// exprColumns lists the columns of t that the SQL expression expr reads,
// in order of first use, as PostgreSQL's parser sees them (a word inside a
// string literal is no column; an unquoted name folds to lower case); none
// when expr does not parse (the check itself then fails and says why).
func exprColumns(t *schema.Table, expr string) []string {
	node, err := parseExpr(expr)
	if err != nil {
		return nil
	}
	var out []string
	for _, name := range referencedColumns(node) {
		if t.Column(name) != nil {
			out = append(out, name)
		}
	}
	return out
}

// notNullPreflight counts the rows of t whose column col is NULL (and, when
// backfill is set, stay NULL after it: the expression that fills the NULLs
// first), showing key, col and the columns backfill reads.
func notNullPreflight(t *schema.Table, key []string, col, backfill string) dialects.Preflight {
	cond := quoteIdent(col) + " IS NULL"
	values := []string{col}
	if backfill != "" {
		cond += " AND (" + backfill + ") IS NULL"
		values = append(values, exprColumns(t, backfill)...)
	}
	return rowCheck(t, key, "not_null", "rows of "+t.QName().String()+" where "+col+" is NULL", cond, values)
}

// nullKeyPreflight counts the rows of t with a NULL in one of cols (the
// columns of the key called name that may hold NULLs).
func nullKeyPreflight(t *schema.Table, key []string, name string, cols []string) dialects.Preflight {
	conds := make([]string, len(cols))
	for n, c := range cols {
		conds[n] = quoteIdent(c) + " IS NULL"
	}
	return rowCheck(t, key, "not_null", "rows of "+t.QName().String()+" with a NULL in a column of "+name,
		strings.Join(conds, " OR "), cols)
}

// checkPreflight counts the rows of t that violate check c.
func checkPreflight(t *schema.Table, key []string, c *schema.Check) dialects.Preflight {
	return rowCheck(t, key, "check", "rows of "+t.QName().String()+" that violate "+c.Name,
		"NOT ("+c.Expr+")", exprColumns(t, c.Expr))
}
