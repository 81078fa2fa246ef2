package mysql

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/dialects"
)

// BackfillSQL implements planner/render.BackfillRenderer: the backfill as a
// script for the mysql (or mariadb) command-line client — the statements of
// BackfillStatements, the procedure's body between DELIMITER lines.
func (d Dialect) BackfillSQL(b dialects.Backfill) string {
	stmts := d.BackfillStatements(b)
	var sb strings.Builder
	sb.WriteString(stmts[0] + ";\n")
	sb.WriteString("DELIMITER //\n")
	sb.WriteString(stmts[1] + "//\n")
	sb.WriteString("DELIMITER ;\n")
	for _, s := range stmts[2:] {
		sb.WriteString(s + ";\n")
	}
	return sb.String()
}

// BackfillStatements returns the backfill as statements a person can run
// by hand, in order: drop a procedure left by an interrupted run, create
// the procedure, call it, drop it. The executor does not run them: it runs
// the same batches from Go (KeysetBatch, KeysetUpdate) with a checkpoint
// per batch. The procedure (MySQL 8 and MariaDB 10.2+):
//
//   - reads the largest key when it starts; rows inserted later are left
//     as they are (the recipes give new rows their value by themselves);
//   - walks the key in batches of b.BatchSize rows: finds the batch's last
//     key, then updates the rows of its key range that match b.Where;
//   - commits after every batch, so no row lock outlives its batch, and
//     sleeps 0.05 s;
//   - ends with one row saying how many batches and rows it did.
//
// Running it again recomputes the rows that still match b.Where, so it is
// safe to re-run after a failure. When b is not a valid backfill (see
// dialects.ValidateBackfill), or its key types are unknown (the procedure
// declares variables of the key's types), the procedure raises an error
// saying so.
func (d Dialect) BackfillStatements(b dialects.Backfill) []string {
	body := d.backfillBody(b)
	if err := dialects.ValidateBackfill(b); err != nil {
		body = "BEGIN\n    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = " + quoteLiteral(err.Error()) + ";\nEND"
	} else if len(b.KeyTypes) != len(b.Key) {
		body = "BEGIN\n    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = " +
			quoteLiteral(fmt.Sprintf("backfill of %s: the plan does not give the key's types; plan again", b.Table)) + ";\nEND"
	}
	return []string{
		"DROP PROCEDURE IF EXISTS " + backfillProcedure,
		"CREATE PROCEDURE " + backfillProcedure + "()\n" + body,
		"CALL " + backfillProcedure + "()",
		"DROP PROCEDURE " + backfillProcedure,
	}
}

// backfillBody is the procedure's body (valid only for a valid b with its
// key types).
func (d Dialect) backfillBody(b dialects.Backfill) string {
	if dialects.ValidateBackfill(b) != nil || len(b.KeyTypes) != len(b.Key) {
		return ""
	}
	n := len(b.Key)
	maxVars, lastVars, endVars := keysetVars("tide_max_", n), keysetVars("tide_last_", n), keysetVars("tide_end_", n)
	var sb strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&sb, format, args...) }
	w("BEGIN\n")
	w("    -- tide backfill of %s: keyset batches of %d rows over (%s), one commit per batch.\n",
		d.qualified(b.Table), keysetBatchSize(b), quoteIdents(b.Key))
	w("    -- Re-running it is safe.\n")
	codecs := keyCodecs(b.Key, b.KeyTypes)
	maxCols := make([]string, n)
	for i, typ := range b.KeyTypes {
		typ = codecs[i].procType(typ)
		w("    DECLARE %s %s;\n    DECLARE %s %s;\n    DECLARE %s %s;\n", maxVars[i], typ, lastVars[i], typ, endVars[i], typ)
		maxCols[i] = codecs[i].procRead(quoteIdent(b.Key[i]))
	}
	w("    DECLARE tide_batch_rows bigint;\n")
	w("    DECLARE tide_found int DEFAULT 1;\n")
	w("    DECLARE tide_batches bigint DEFAULT 0;\n")
	w("    DECLARE tide_rows bigint DEFAULT 0;\n")
	w("    DECLARE tide_updated bigint DEFAULT 0;\n")
	w("    DECLARE CONTINUE HANDLER FOR NOT FOUND SET tide_found = 0;\n")
	w("    SELECT %s INTO %s FROM %s ORDER BY %s LIMIT 1;\n",
		strings.Join(maxCols, ", "), strings.Join(maxVars, ", "), d.qualified(b.Table), keysetOrder(b.Key, " DESC"))
	w("    tide_loop: WHILE tide_found = 1 DO\n")
	into := " INTO " + strings.Join(endVars, ", ") + ", tide_batch_rows"
	w("        IF tide_batches = 0 THEN\n")
	w("            %s;\n", indentLines(d.batchFind(b, nil, maxVars, false, into), "            "))
	w("        ELSE\n")
	w("            %s;\n", indentLines(d.batchFind(b, lastVars, maxVars, false, into), "            "))
	w("        END IF;\n")
	w("        IF tide_found = 0 THEN\n            LEAVE tide_loop;\n        END IF;\n")
	w("        IF tide_batches = 0 THEN\n")
	w("            %s;\n", indentLines(d.batchUpdate(b, nil, endVars), "            "))
	w("        ELSE\n")
	w("            %s;\n", indentLines(d.batchUpdate(b, lastVars, endVars), "            "))
	w("        END IF;\n")
	w("        SET tide_updated = tide_updated + ROW_COUNT();\n")
	w("        COMMIT;\n")
	for i := range lastVars {
		w("        SET %s = %s;\n", lastVars[i], endVars[i])
	}
	w("        SET tide_batches = tide_batches + 1, tide_rows = tide_rows + tide_batch_rows;\n")
	w("        DO SLEEP(%s);\n", backfillPause)
	w("    END WHILE tide_loop;\n")
	w("    SELECT CONCAT('tide backfill of ', %s, ': ', tide_batches, ' batches, ', tide_rows, ' rows scanned, ', tide_updated, ' updated') AS tide_backfill;\n",
		quoteLiteral(b.Table.String()))
	w("END")
	return sb.String()
}

// indentLines indents every line after the first by prefix.
func indentLines(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}
