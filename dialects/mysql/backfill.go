package mysql

import (
	"strconv"
	"strings"

	"github.com/tidedb/tide/dialects"
)

// DefaultBackfillBatchSize is the batch size used when a Backfill gives none
// (gh-ost and pt-online-schema-change both default to 1000 rows).
const DefaultBackfillBatchSize = 1000

// backfillProcedure is the stored procedure a hand-run backfill creates,
// calls and drops; its name contains "__tide", so that one left behind by
// an interrupted run is reported by the post-checks (Leftovers).
const backfillProcedure = "`__tide_backfill`"

// backfillPause is the pause between two batches of the hand-run backfill,
// in seconds, so that replicas keep up.
const backfillPause = "0.05"

// KeysetUpperBound implements dialects.BatchSQL: the table's largest key,
// each column read as text by its type (see keyCodec), no row when the
// table is empty. Rows inserted after it is read are beyond the backfill's
// range: the recipes make new rows right by themselves (a column's
// default).
func (d Dialect) KeysetUpperBound(b dialects.Backfill) string {
	codecs := keyCodecs(b.Key, b.KeyTypes)
	cols := make([]string, len(b.Key))
	for i, k := range b.Key {
		cols[i] = codecs[i].read(quoteIdent(k))
	}
	return "SELECT " + strings.Join(cols, ", ") + " FROM " + d.qualified(b.Table) +
		" ORDER BY " + keysetOrder(b.Key, " DESC") + " LIMIT 1"
}

// KeysetFirstBatch implements dialects.BatchSQL and, with
// KeysetFirstUpdate, dialects.KeysetRangeUpdater: it finds the first batch
// ($1..$n the upper bound); see KeysetBatch for its result.
func (d Dialect) KeysetFirstBatch(b dialects.Backfill) string {
	codecs := keyCodecs(b.Key, b.KeyTypes)
	return d.batchFind(b, nil, boundParams(codecs, 1), true, "")
}

// KeysetBatch implements dialects.BatchSQL: it finds one later batch — the
// next b.BatchSize keys after the previous batch's last key $1..$n, up to
// the upper bound $n+1..$2n — without changing anything (MySQL cannot
// update and return a row in one statement; KeysetUpdate updates the
// batch). It returns no row when the range is done, else the batch's last
// key (tide_k1…, as text, see keyCodec) and its row count twice
// (tide_rows).
func (d Dialect) KeysetBatch(b dialects.Backfill) string {
	codecs := keyCodecs(b.Key, b.KeyTypes)
	n := len(b.Key)
	return d.batchFind(b, boundParams(codecs, 1), boundParams(codecs, n+1), true, "")
}

// KeysetFirstUpdate implements dialects.KeysetRangeUpdater: it updates the
// rows up to the first batch's last key $1..$n that match b.Where.
func (d Dialect) KeysetFirstUpdate(b dialects.Backfill) string {
	codecs := keyCodecs(b.Key, b.KeyTypes)
	return d.batchUpdate(b, nil, boundParams(codecs, 1))
}

// KeysetUpdate implements dialects.KeysetRangeUpdater: it updates the rows
// after the previous batch's last key $1..$n up to this batch's last key
// $n+1..$2n that match b.Where.
func (d Dialect) KeysetUpdate(b dialects.Backfill) string {
	codecs := keyCodecs(b.Key, b.KeyTypes)
	n := len(b.Key)
	return d.batchUpdate(b, boundParams(codecs, 1), boundParams(codecs, n+1))
}

// batchFind renders the query finding one batch: lower and upper are the
// bounds' values in key order (lower nil = none); read says to read the
// last key as text (see keyCodec), else as a stored procedure's variables
// hold it (keyCodec.procRead); into is an INTO clause of a stored
// procedure ("" outside one), which takes the last key and the row count. The batch's key columns are renamed tide_k1…
// and the row number tide_n, so that no column of the table can clash.
func (d Dialect) batchFind(b dialects.Backfill, lower, upper []string, read bool, into string) string {
	n := len(b.Key)
	batchKeys := keysetVars("tide_k", n)
	codecs := keyCodecs(b.Key, b.KeyTypes)
	sel := make([]string, n)
	out := make([]string, n)
	for i, k := range b.Key {
		sel[i] = quoteIdent(k) + " AS " + batchKeys[i]
		out[i] = codecs[i].procRead(batchKeys[i])
		if read {
			out[i] = codecs[i].read(batchKeys[i])
		}
	}
	var where []string
	if lower != nil {
		where = append(where, keysetBound(b.Key, ">", lower))
	}
	where = append(where, keysetBound(b.Key, "<=", upper))

	var sb strings.Builder
	count := ", tide_n, tide_n" // rows in the batch, and in place of the rows updated
	if into != "" {
		count = ", tide_n"
	}
	sb.WriteString("SELECT " + strings.Join(out, ", ") + count + into + "\n")
	sb.WriteString("  FROM (SELECT " + strings.Join(batchKeys, ", ") + ", ROW_NUMBER() OVER (ORDER BY " + strings.Join(batchKeys, ", ") + ") AS tide_n\n")
	sb.WriteString("          FROM (SELECT " + strings.Join(sel, ", ") + "\n")
	sb.WriteString("                  FROM " + d.qualified(b.Table) + "\n")
	sb.WriteString("                 WHERE " + strings.Join(where, "\n                   AND ") + "\n")
	sb.WriteString("                 ORDER BY " + keysetOrder(b.Key, "") + "\n")
	sb.WriteString("                 LIMIT " + strconv.Itoa(keysetBatchSize(b)) + ") AS tide_batch) AS tide_numbered\n")
	sb.WriteString(" ORDER BY tide_n DESC\n")
	sb.WriteString(" LIMIT 1")
	return sb.String()
}

// batchUpdate renders the UPDATE of one batch's key range: after lower
// (nil = from the start) up to and including upper, the rows matching
// b.Where. The expressions and the condition are the user's SQL on the
// table's columns, copied in parentheses.
func (d Dialect) batchUpdate(b dialects.Backfill, lower, upper []string) string {
	var set []string
	for _, a := range b.Set {
		set = append(set, quoteIdent(a.Column)+" = ("+a.Expr+")")
	}
	var where []string
	if lower != nil {
		where = append(where, keysetBound(b.Key, ">", lower))
	}
	where = append(where, keysetBound(b.Key, "<=", upper))
	if strings.TrimSpace(b.Where) != "" {
		where = append(where, "("+b.Where+")")
	}
	return "UPDATE " + d.qualified(b.Table) + "\n   SET " + strings.Join(set, ",\n       ") +
		"\n WHERE " + strings.Join(where, "\n   AND ")
}

// keysetBatchSize is b.BatchSize, or DefaultBackfillBatchSize when unset.
func keysetBatchSize(b dialects.Backfill) int {
	if b.BatchSize > 0 {
		return b.BatchSize
	}
	return DefaultBackfillBatchSize
}

// keysetOrder is an ORDER BY list over the quoted key, each column
// followed by dir.
func keysetOrder(key []string, dir string) string {
	out := make([]string, len(key))
	for i, k := range key {
		out[i] = quoteIdent(k) + dir
	}
	return strings.Join(out, ", ")
}

// keysetVars is name1..nameN.
func keysetVars(name string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = name + strconv.Itoa(i+1)
	}
	return out
}
