package mysql

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	driver "github.com/go-sql-driver/mysql"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect/mysql/mytest"
)

// backfillRows is how many rows each live backfill case walks.
const backfillRows = 600

// liveDB opens a scratch database with the settings tide's inspector uses
// (parseTime), on one connection; it returns the pool and the database's
// name.
func liveDB(t *testing.T) (*sql.DB, string) {
	t.Helper()
	url := mytest.NewDB(t)
	cfg := mytest.Config(t, url)
	cfg.ParseTime = true
	c, err := driver.NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(c)
	t.Cleanup(func() { db.Close() })
	return db, cfg.DBName
}

// loadBackfillCase creates table t of case c with backfillRows rows, v
// NULL.
func loadBackfillCase(t *testing.T, db *sql.DB, c backfillKeyCase) {
	t.Helper()
	create := "CREATE TABLE t (" + strings.Join(c.columns, ", ") + ", `v` int NULL, PRIMARY KEY (" + quoteIdents(c.key) + "))"
	if _, err := db.Exec(create); err != nil {
		t.Fatalf("%s: %v", create, err)
	}
	var rows []string
	for n := 1; n <= backfillRows; n++ {
		rows = append(rows, "("+strings.Join(c.row(n), ", ")+")")
	}
	insert := "INSERT INTO t (" + quoteIdents(c.key) + ") VALUES " + strings.Join(rows, ", ")
	if _, err := db.Exec(insert); err != nil {
		t.Fatalf("insert: %v", err)
	}
}

// requireEachRowOnce fails unless every row of t has v = 1: the backfill
// updated each row exactly once.
func requireEachRowOnce(t *testing.T, db *sql.DB, how string) {
	t.Helper()
	var total, once int
	if err := db.QueryRow("SELECT COUNT(*), COALESCE(SUM(`v` = 1), 0) FROM t").Scan(&total, &once); err != nil {
		t.Fatal(err)
	}
	if total != backfillRows || once != total {
		t.Fatalf("%s: %d of %d rows were updated exactly once", how, once, total)
	}
}

// runKeysetBackfill runs b as the executor does (see apply.backfill): the
// upper bound, then per batch, in one transaction, the batch query and the
// range update, every statement through Bind, the last key passed between
// batches as the JSON text a checkpoint holds. It returns the batch row
// counts' sum.
func runKeysetBackfill(ctx context.Context, db *sql.DB, d Dialect, b dialects.Backfill) (int64, error) {
	n := len(b.Key)
	upper := make([]string, n)
	dest := make([]any, n)
	for i := range upper {
		dest[i] = &upper[i]
	}
	if err := db.QueryRowContext(ctx, d.KeysetUpperBound(b)).Scan(dest...); err != nil {
		return 0, fmt.Errorf("upper bound: %w", err)
	}
	var last []string
	var total int64
	for batch := 1; ; batch++ {
		find, args := d.KeysetFirstBatch(b), anyArgs(upper)
		update := d.KeysetFirstUpdate(b)
		if last != nil {
			find, args = d.KeysetBatch(b), append(anyArgs(last), anyArgs(upper)...)
			update = d.KeysetUpdate(b)
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return total, err
		}
		key := make([]string, n)
		dest := make([]any, 0, n+2)
		for i := range key {
			dest = append(dest, &key[i])
		}
		var rows, again int64
		dest = append(dest, &rows, &again)
		stmt, bound := d.Bind(find, args)
		err = tx.QueryRowContext(ctx, stmt, bound...).Scan(dest...)
		if errors.Is(err, sql.ErrNoRows) {
			return total, tx.Commit()
		}
		if err != nil {
			_ = tx.Rollback()
			return total, fmt.Errorf("batch %d: %w\n%s", batch, err, stmt)
		}
		uargs := anyArgs(key)
		if last != nil {
			uargs = append(anyArgs(last), uargs...)
		}
		stmt, bound = d.Bind(update, uargs)
		if _, err := tx.ExecContext(ctx, stmt, bound...); err != nil {
			_ = tx.Rollback()
			return total, fmt.Errorf("update %d: %w\n%s", batch, err, stmt)
		}
		if err := tx.Commit(); err != nil {
			return total, err
		}
		checkpoint, _ := json.Marshal(key)
		if err := json.Unmarshal(checkpoint, &last); err != nil {
			return total, err
		}
		total += rows
	}
}

func anyArgs(vals []string) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = v
	}
	return out
}

// TestBackfillLive runs each case's backfill on the live server in batches
// of 53 rows, as the executor does and as the hand-run procedure does:
// every row is updated exactly once (a key read as text and bound back
// compares exactly, whatever its type), and the batches' row counts add up
// to the table.
func TestBackfillLive(t *testing.T) {
	ctx := context.Background()
	for _, c := range backfillKeyCases() {
		t.Run(c.name, func(t *testing.T) {
			db, name := liveDB(t)
			loadBackfillCase(t, db, c)
			d := Dialect{Database: name}
			b := c.backfill(name, 53)

			walked, err := runKeysetBackfill(ctx, db, d, b)
			if err != nil {
				t.Fatal(err)
			}
			if walked != backfillRows {
				t.Errorf("the batches counted %d rows, the table has %d", walked, backfillRows)
			}
			requireEachRowOnce(t, db, "keyset batches")

			if _, err := db.Exec("UPDATE t SET `v` = NULL"); err != nil {
				t.Fatal(err)
			}
			for _, s := range d.BackfillStatements(b) {
				if _, err := db.Exec(s); err != nil {
					t.Fatalf("%s\n  -> %v", s, err)
				}
			}
			requireEachRowOnce(t, db, "the hand-run procedure")
		})
	}
}

// TestBackfillEmptyTable: an empty table has no upper bound, and the
// hand-run procedure does nothing.
func TestBackfillEmptyTable(t *testing.T) {
	db, name := liveDB(t)
	c := backfillKeyCases()[0]
	if _, err := db.Exec("CREATE TABLE t (`id` int PRIMARY KEY, `v` int)"); err != nil {
		t.Fatal(err)
	}
	d := Dialect{Database: name}
	b := c.backfill(name, 10)
	var id string
	if err := db.QueryRow(d.KeysetUpperBound(b)).Scan(&id); !errors.Is(err, sql.ErrNoRows) {
		t.Fatalf("upper bound of an empty table: %q, %v", id, err)
	}
	for _, s := range d.BackfillStatements(b) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s\n  -> %v", s, err)
		}
	}
}

// TestBackfillReadsKeyRanges: on a composite key, the batch query and the
// update read a range of the primary key, not the whole table (MariaDB
// does not make a range of a row comparison alone).
func TestBackfillReadsKeyRanges(t *testing.T) {
	db, name := liveDB(t)
	c := backfillKeyCases()[2] // composite
	loadBackfillCase(t, db, c)
	if _, err := db.Exec("ANALYZE TABLE t"); err != nil {
		t.Fatal(err)
	}
	d := Dialect{Database: name}
	b := c.backfill(name, 50)
	lower, upper := c.row(100), c.row(500)
	var args []any
	for _, v := range append(lower, upper...) {
		var s string
		if err := db.QueryRow("SELECT " + v).Scan(&s); err != nil {
			t.Fatal(err)
		}
		args = append(args, s)
	}
	for _, q := range []string{d.KeysetBatch(b), d.KeysetUpdate(b)} {
		stmt, bound := d.Bind(q, args)
		rows, err := db.Query("EXPLAIN "+stmt, bound...)
		if err != nil {
			t.Fatalf("EXPLAIN %s: %v", stmt, err)
		}
		cols, _ := rows.Columns()
		found := false
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			dest := make([]any, len(cols))
			for i := range vals {
				dest[i] = &vals[i]
			}
			if err := rows.Scan(dest...); err != nil {
				t.Fatal(err)
			}
			row := map[string]string{}
			for i, col := range cols {
				row[col] = vals[i].String
			}
			if row["table"] == "t" {
				found = true
				if row["type"] != "range" || row["key"] != "PRIMARY" {
					t.Errorf("%s\nreads t by %s on key %q, want a range of PRIMARY", stmt, row["type"], row["key"])
				}
			}
		}
		rows.Close()
		if !found {
			t.Errorf("EXPLAIN shows no read of t:\n%s", stmt)
		}
	}
}
