package postgres

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// A type change that rewrites the table is done with a shadow column
// (safety rule 8): expand adds <col>__tide_new with the new type and a sync
// trigger computing it from the row (SyncColumnTrigger); backfill fills the
// existing rows (BackfillStatements); contract swaps the names in one short
// transaction (SwapColumnsSQL) and later drops <col>__tide_old.

// ShadowColumnName is the name of the column that holds col's new version
// while a type change runs: <col>__tide_new, col shortened as PostgreSQL
// shortens generated names so that the result fits in 63 bytes.
func ShadowColumnName(col string) string {
	return makeObjectName(col, "", "_tide_new")
}

// OldColumnName is the name col is moved aside to when its shadow column
// takes its place: <col>__tide_old, shortened to fit in 63 bytes.
func OldColumnName(col string) string {
	return makeObjectName(col, "", "_tide_old")
}

// SwapColumnsSQL returns the contract-phase statements that put shadow in
// col's place, for ONE short transaction (each statement takes a brief
// ACCESS EXCLUSIVE lock; run them with a lock_timeout):
//
//  1. drop the sync trigger that computes shadow (SyncTriggerName) and its
//     function, so that nothing writes the old column from now on;
//  2. rename col to OldColumnName(col), then shadow to col;
//  3. let the old column take NULLs when it was NOT NULL in t and drop its
//     default, so that rows written from now on leave it NULL (writers no
//     longer set it), and set the new column's default to newDefault when
//     it is not "" (the default as written in the desired schema).
//
// t is the table before the swap (it holds col). Indexes, constraints and
// views on col stay with the old column: build their copies on shadow before
// the swap (CONCURRENTLY / NOT VALID). Drop the old column in a later step
// with DropOldColumnSQL.
func SwapColumnsSQL(t *schema.Table, col, shadow, newDefault string) []string {
	table := qualified(t.QName())
	old := OldColumnName(col)
	stmts := DropTrigger(t, SyncTriggerName(t.Name, shadow))
	stmts = append(stmts,
		"ALTER TABLE "+table+" RENAME COLUMN "+quoteIdent(col)+" TO "+quoteIdent(old),
		"ALTER TABLE "+table+" RENAME COLUMN "+quoteIdent(shadow)+" TO "+quoteIdent(col),
	)
	var alter []string
	if c := t.Column(col); c != nil && !c.Nullable {
		alter = append(alter, "ALTER COLUMN "+quoteIdent(old)+" DROP NOT NULL")
	}
	if c := t.Column(col); c != nil && c.Default != "" {
		alter = append(alter, "ALTER COLUMN "+quoteIdent(old)+" DROP DEFAULT")
	}
	if newDefault != "" {
		alter = append(alter, "ALTER COLUMN "+quoteIdent(col)+" SET DEFAULT "+renderDefault(newDefault))
	}
	if len(alter) > 0 {
		stmts = append(stmts, "ALTER TABLE "+table+" "+strings.Join(alter, ", "))
	}
	return stmts
}

// UnswapColumnsSQL returns the rollback of SwapColumnsSQL, for one short
// transaction: col goes back to being shadow, the old column gets its name
// and its default in t back, and the sync trigger computing shadow from expr is re-created. The
// old column's values written before the swap are intact; rows written after
// it may have NULL there (SwapColumnsSQL dropped its NOT NULL, which this
// does not restore) until they are filled from shadow by hand.
func UnswapColumnsSQL(t *schema.Table, col, shadow, expr string) []string {
	table := qualified(t.QName())
	old := OldColumnName(col)
	stmts := []string{
		"ALTER TABLE " + table + " ALTER COLUMN " + quoteIdent(col) + " DROP DEFAULT",
		"ALTER TABLE " + table + " RENAME COLUMN " + quoteIdent(col) + " TO " + quoteIdent(shadow),
		"ALTER TABLE " + table + " RENAME COLUMN " + quoteIdent(old) + " TO " + quoteIdent(col),
	}
	if c := t.Column(col); c != nil && c.Default != "" {
		stmts = append(stmts, "ALTER TABLE "+table+" ALTER COLUMN "+quoteIdent(col)+" SET DEFAULT "+renderDefault(c.Default))
	}
	create, _ := SyncColumnTrigger(t, shadow, expr)
	return append(stmts, create...)
}

// DropOldColumnSQL returns the statement that drops the column col was moved
// aside to by SwapColumnsSQL (IF EXISTS, so it can be re-run). It deletes
// that column's data: run it once nothing reads it any more.
func DropOldColumnSQL(t *schema.Table, col string) string {
	return "ALTER TABLE " + qualified(t.QName()) + " DROP COLUMN IF EXISTS " + quoteIdent(OldColumnName(col))
}
