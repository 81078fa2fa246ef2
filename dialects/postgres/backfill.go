package postgres

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tidedb/tide/dialects"
)

// DefaultBackfillBatchSize is the batch size used when a Backfill gives none
// (pgroll, reshape and gh-ost all default to 1000 rows).
const DefaultBackfillBatchSize = 1000

// backfillPause is the pause between two batches of the DO-block backfill,
// in seconds, so that replicas and autovacuum keep up.
const backfillPause = "0.05"

// BackfillSQL implements planner/render.BackfillRenderer: the whole backfill
// as one DO block (see BackfillStatements).
func (Dialect) BackfillSQL(b dialects.Backfill) string {
	return BackfillStatements(b)[0]
}

// BackfillStatements returns the backfill as a single DO statement that a
// person can run by hand with psql in autocommit mode, and that the executor
// runs as a non-transactional step. The loop:
//
//   - reads the largest key when it starts; rows inserted later with a larger
//     key are left to the sync triggers;
//   - walks the key in keyset batches of b.BatchSize rows, composite keys
//     compared as rows ((k1, k2) > (v1, v2)), locking each batch's rows with
//     FOR NO KEY UPDATE, and sets b.Set on the rows that match b.Where;
//   - commits after every batch (allowed in a DO block run outside a
//     transaction block since PostgreSQL 11), so no lock outlives its batch;
//   - raises a NOTICE with its progress after every batch and sleeps 0.05 s.
//
// Expressions and the condition are the user's SQL, written against the
// table's columns unqualified; they are copied verbatim in parentheses.
// Running the statement again recomputes every row, so it is safe to re-run
// after a failure. The session's statement_timeout bounds the whole loop.
//
// When b has no key or no assignment, the statement raises an error saying
// so (dialects.ValidateBackfill reports the same thing earlier).
func BackfillStatements(b dialects.Backfill) []string {
	if err := dialects.ValidateBackfill(b); err != nil {
		return []string{tideDoBlock("BEGIN\n    RAISE EXCEPTION '%', " + quoteLiteral(err.Error()) + ";\nEND")}
	}
	return []string{tideDoBlock(backfillBody(b))}
}

// KeysetUpperBound returns the query a Go-side executor runs once before the
// first batch: it selects the table's largest key (one column per key
// column, in b.Key order), or no row when the table is empty. That key is
// the upper bound passed to KeysetFirstBatch and KeysetBatch.
func KeysetUpperBound(b dialects.Backfill) string {
	return "SELECT " + quoteIdents(b.Key) + " FROM " + qualified(b.Table) +
		" ORDER BY " + keysetOrder(b.Key, " DESC") + " LIMIT 1"
}

// KeysetFirstBatch returns the first batch of a Go-side backfill: like
// KeysetBatch but with no lower bound. Parameters: $1..$n are the upper
// bound (the key KeysetUpperBound returned), n = len(b.Key). It returns
// the same row as KeysetBatch.
func KeysetFirstBatch(b dialects.Backfill) string {
	return batchSQL(b, nil, keysetParams(1, len(b.Key)), "")
}

// KeysetBatch returns one batch of a Go-side backfill as a single statement
// (a CTE that locks the batch with FOR NO KEY UPDATE and updates it). Run it
// in its own transaction (autocommit is fine), one call per batch.
//
// Parameters, n = len(b.Key), values in b.Key order:
//
//	$1..$n     the last key of the previous batch (exclusive lower bound)
//	$n+1..$2n  the upper bound: the key KeysetUpperBound returned before the
//	           first batch (inclusive); rows inserted later are the sync
//	           triggers' job
//
// For the first batch use KeysetFirstBatch, which has no lower bound (an
// "IS NULL OR" lower bound would defeat the key index in a generic plan).
//
// Result: no row when the key range is exhausted (the backfill is done);
// otherwise one row with n columns tide_k1..tide_kn, the batch's last key
// (pass it as $1..$n of the next batch and persist it to resume), then
// tide_batch_rows (rows in the batch) and tide_updated_rows (rows that
// matched b.Where and were updated).
func KeysetBatch(b dialects.Backfill) string {
	n := len(b.Key)
	return batchSQL(b, keysetParams(1, n), keysetParams(n+1, n), "")
}

// backfillBody is the PL/pgSQL body of the DO block.
func backfillBody(b dialects.Backfill) string {
	n := len(b.Key)
	table := qualified(b.Table)
	name := quoteLiteral(b.Table.String())
	var sb strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&sb, format, args...) }

	w("-- tide backfill of %s: keyset batches of %d rows over (%s), one commit per batch.\n",
		table, keysetBatchSize(b), quoteIdents(b.Key))
	w("-- Run it outside a transaction block (psql autocommit). Re-running it is safe.\n")
	w("DECLARE\n")
	for i, k := range b.Key {
		typ := table + "." + quoteIdent(k) + "%TYPE"
		w("    tide_max_%d %s;\n    tide_last_%d %s;\n", i+1, typ, i+1, typ)
	}
	w("    tide_batch_rows bigint;\n")
	w("    tide_updated_rows bigint;\n")
	w("    tide_batches bigint := 0;\n")
	w("    tide_scanned bigint := 0;\n")
	w("    tide_updated bigint := 0;\n")
	w("    tide_estimate text;\n")
	w("BEGIN\n")
	w("    SELECT CASE WHEN reltuples > 0 THEN 'about ' || reltuples::bigint ELSE 'an unknown number of' END\n")
	w("      INTO tide_estimate FROM pg_class WHERE oid = %s::regclass;\n",
		quoteLiteral(table))
	w("    %s INTO %s;\n", KeysetUpperBound(b), strings.Join(keysetVars("tide_max_", n), ", "))
	w("    IF NOT FOUND THEN\n")
	w("        RAISE NOTICE 'tide backfill %%: the table is empty, nothing to do', %s;\n", name)
	w("        RETURN;\n")
	w("    END IF;\n")
	w("    LOOP\n")
	into := "\n  INTO " + strings.Join(append(keysetVars("tide_last_", n), "tide_batch_rows", "tide_updated_rows"), ", ")
	w("        IF tide_batches = 0 THEN\n")
	w("            %s;\n", keysetIndent(batchSQL(b, nil, keysetVars("tide_max_", n), into), "            "))
	w("        ELSE\n")
	w("            %s;\n", keysetIndent(batchSQL(b, keysetVars("tide_last_", n), keysetVars("tide_max_", n), into), "            "))
	w("        END IF;\n")
	w("        EXIT WHEN NOT FOUND;\n")
	w("        COMMIT;\n")
	w("        tide_batches := tide_batches + 1;\n")
	w("        tide_scanned := tide_scanned + tide_batch_rows;\n")
	w("        tide_updated := tide_updated + tide_updated_rows;\n")
	w("        RAISE NOTICE 'tide backfill %%: batch %%, %% of %% rows scanned, %% updated, last key (%s) of (%s)',\n",
		strings.Repeat("%, ", n-1)+"%", strings.Repeat("%, ", n-1)+"%")
	w("            %s, tide_batches, tide_scanned, tide_estimate, tide_updated, %s, %s;\n",
		name, strings.Join(keysetVars("tide_last_", n), ", "), strings.Join(keysetVars("tide_max_", n), ", "))
	w("        PERFORM pg_sleep(%s);\n", backfillPause)
	w("    END LOOP;\n")
	w("    RAISE NOTICE 'tide backfill %%: done, %% batches, %% rows scanned, %% updated', %s, tide_batches, tide_scanned, tide_updated;\n", name)
	w("END")
	return sb.String()
}

// batchSQL renders one batch: lower and upper are the bound's values in key
// order (lower nil = no lower bound); into is a PL/pgSQL INTO clause placed
// after the select list ("" outside PL/pgSQL).
//
// The batch's key columns are renamed tide_k1.. so that the user's
// expressions, which name the table's columns unqualified, can never be
// ambiguous with them.
func batchSQL(b dialects.Backfill, lower, upper []string, into string) string {
	n := len(b.Key)
	table := qualified(b.Table)
	keys := keysetTuple(b.Key)
	batchKeys := keysetVars("tide_k", n)

	var sel []string
	for i, k := range b.Key {
		sel = append(sel, quoteIdent(k)+" AS "+batchKeys[i])
	}
	var where []string
	if lower != nil {
		where = append(where, keys+" > ("+strings.Join(lower, ", ")+")")
	}
	where = append(where, keys+" <= ("+strings.Join(upper, ", ")+")")

	var set, join []string
	for _, a := range b.Set {
		set = append(set, quoteIdent(a.Column)+" = ("+a.Expr+")")
	}
	for i, k := range b.Key {
		join = append(join, "tide_target."+quoteIdent(k)+" = tide_batch."+batchKeys[i])
	}
	if strings.TrimSpace(b.Where) != "" {
		join = append(join, "("+b.Where+")")
	}

	var sb strings.Builder
	sb.WriteString("WITH tide_batch AS (\n")
	sb.WriteString("    SELECT " + strings.Join(sel, ", ") + "\n")
	sb.WriteString("      FROM " + table + "\n")
	sb.WriteString("     WHERE " + strings.Join(where, "\n       AND ") + "\n")
	sb.WriteString("     ORDER BY " + keysetOrder(b.Key, "") + "\n")
	sb.WriteString("     LIMIT " + strconv.Itoa(keysetBatchSize(b)) + "\n")
	sb.WriteString("       FOR NO KEY UPDATE\n")
	sb.WriteString("), tide_updated AS (\n")
	sb.WriteString("    UPDATE " + table + " AS tide_target\n")
	sb.WriteString("       SET " + strings.Join(set, ",\n           ") + "\n")
	sb.WriteString("      FROM tide_batch\n")
	sb.WriteString("     WHERE " + strings.Join(join, "\n       AND ") + "\n")
	sb.WriteString("    RETURNING 1\n")
	sb.WriteString(")\n")
	sb.WriteString("SELECT " + strings.Join(keysetPrefixed("tide_last.", batchKeys), ", ") + ",\n")
	sb.WriteString("       (SELECT count(*) FROM tide_batch) AS tide_batch_rows,\n")
	sb.WriteString("       (SELECT count(*) FROM tide_updated) AS tide_updated_rows")
	sb.WriteString(into + "\n")
	sb.WriteString("  FROM (SELECT " + strings.Join(batchKeys, ", ") + " FROM tide_batch ORDER BY " +
		strings.Join(keysetSuffixed(batchKeys, " DESC"), ", ") + " LIMIT 1) AS tide_last")
	return sb.String()
}

// keysetBatchSize is b.BatchSize, or DefaultBackfillBatchSize when unset.
func keysetBatchSize(b dialects.Backfill) int {
	if b.BatchSize > 0 {
		return b.BatchSize
	}
	return DefaultBackfillBatchSize
}

// keysetTuple is the quoted key columns as a row: ("a", "b").
func keysetTuple(key []string) string {
	return "(" + strings.Join(keysetQuoted(key), ", ") + ")"
}

// keysetOrder is an ORDER BY list over the key, each column followed by dir.
func keysetOrder(key []string, dir string) string {
	return strings.Join(keysetSuffixed(keysetQuoted(key), dir), ", ")
}

// keysetParams is $from..$from+n-1.
func keysetParams(from, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "$" + strconv.Itoa(from+i)
	}
	return out
}

// keysetVars is name1..nameN.
func keysetVars(name string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = name + strconv.Itoa(i+1)
	}
	return out
}

func keysetQuoted(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = quoteIdent(n)
	}
	return out
}

func keysetPrefixed(prefix string, s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = prefix + x
	}
	return out
}

func keysetSuffixed(s []string, suffix string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x + suffix
	}
	return out
}

// keysetIndent indents every line after the first by prefix.
func keysetIndent(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// tideDoBlock wraps a PL/pgSQL body in DO with a dollar quote that does not
// occur in the body ($tide$, or $tide1$, $tide2$, … if it does).
func tideDoBlock(body string) string {
	return "DO " + tideDollarQuote(body)
}

// tideDollarQuote quotes s as a dollar-quoted string whose tag does not occur
// in s.
func tideDollarQuote(s string) string {
	tag := "$tide$"
	for i := 1; strings.Contains(s, tag); i++ {
		tag = "$tide" + strconv.Itoa(i) + "$"
	}
	return tag + "\n" + s + "\n" + tag
}
