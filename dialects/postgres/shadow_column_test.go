package postgres

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

func TestShadowColumnNames(t *testing.T) {
	long := strings.Repeat("c", 70)
	cases := []struct{ got, want string }{
		{ShadowColumnName("amount"), "amount__tide_new"},
		{OldColumnName("amount"), "amount__tide_old"},
		{ShadowColumnName(long), strings.Repeat("c", 53) + "__tide_new"},
		{OldColumnName(strings.Repeat("é", 40)), strings.Repeat("é", 26) + "__tide_old"},
	}
	for _, c := range cases {
		if c.got != c.want || len(c.got) > maxIdentifierLength {
			t.Errorf("got %q (%d bytes), want %q", c.got, len(c.got), c.want)
		}
	}
}

func TestSwapColumnsSQL(t *testing.T) {
	notNull := &schema.Table{Schema: "public", Name: "orders", Columns: []*schema.Column{{Name: "amount", Type: "integer", Default: "42"}}}
	nullable := &schema.Table{Schema: "public", Name: "orders", Columns: []*schema.Column{{Name: "amount", Type: "integer", Nullable: true}}}
	drops := []string{
		`DROP TRIGGER IF EXISTS "orders__tide_sync_amount__tide_new" ON "public"."orders"`,
		`DROP FUNCTION IF EXISTS "public"."orders__tide_sync_amount__tide_new"()`,
		`ALTER TABLE "public"."orders" RENAME COLUMN "amount" TO "amount__tide_old"`,
		`ALTER TABLE "public"."orders" RENAME COLUMN "amount__tide_new" TO "amount"`,
	}
	cases := []struct {
		name    string
		t       *schema.Table
		def     string
		wantEnd []string
	}{
		{"not null with default", notNull, "0", []string{
			`ALTER TABLE "public"."orders" ALTER COLUMN "amount__tide_old" DROP NOT NULL, ALTER COLUMN "amount__tide_old" DROP DEFAULT, ALTER COLUMN "amount" SET DEFAULT 0`}},
		{"nullable without default", nullable, "", nil},
		{"expression default", nullable, "1 + 1", []string{`ALTER TABLE "public"."orders" ALTER COLUMN "amount" SET DEFAULT (1 + 1)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := SwapColumnsSQL(c.t, "amount", "amount__tide_new", c.def)
			want := append(append([]string(nil), drops...), c.wantEnd...)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestTypeChangeRecipeLive composes the whole integer → bigint recipe by
// hand: shadow column, sync trigger, backfill outside a transaction while
// writers insert and update, swap in one transaction, drop the old column.
// Every row must end with its value, none missed, including rows written
// during the backfill; the rollback of the swap is exercised too.
func TestTypeChangeRecipeLive(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	admin := bfConn(t, url, nil)
	ctx := context.Background()
	const seeded = 5000
	bfExec(t, admin,
		`CREATE TABLE orders (id bigserial PRIMARY KEY, amount integer NOT NULL DEFAULT 0, note text)`,
		`INSERT INTO orders (amount, note) SELECT (g * 7919) % 2000000 - 1000000, 'seed' FROM generate_series(1, 5000) g`,
		`UPDATE orders SET amount = 2147483647 WHERE id = 1`,
		`UPDATE orders SET amount = -2147483648 WHERE id = 2`,
	)
	tbl := &schema.Table{Schema: "public", Name: "orders", Columns: []*schema.Column{
		{Name: "id", Type: "bigint"}, {Name: "amount", Type: "integer", Default: "0"}, {Name: "note", Type: "text", Nullable: true}}}
	shadow := ShadowColumnName("amount")

	// Expand: add the shadow column and the trigger that keeps it computed.
	create, _ := SyncColumnTrigger(tbl, shadow, "amount::bigint")
	inTx(t, admin, append([]string{`ALTER TABLE "public"."orders" ADD COLUMN ` + quoteIdent(shadow) + ` bigint`}, create...))

	// The "old app" keeps inserting and updating amount while the backfill runs.
	var stop atomic.Bool
	var inserted, updated atomic.Int64
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		conn := bfConn(t, url, nil)
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 1))
			for !stop.Load() {
				var err error
				if r.IntN(3) == 0 {
					_, err = conn.Exec(ctx, `INSERT INTO orders (amount, note) VALUES ($1, 'during')`, r.Int32N(1<<30)-(1<<29))
					if err == nil {
						inserted.Add(1)
					}
				} else {
					_, err = conn.Exec(ctx, `UPDATE orders SET amount = $1, note = 'updated' WHERE id = $2`,
						r.Int32N(1<<30)-(1<<29), 3+r.IntN(seeded-2))
					if err == nil {
						updated.Add(1)
					}
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}(uint64(w))
	}

	// Backfill: one DO block in autocommit, as the executor runs it.
	time.Sleep(50 * time.Millisecond)
	before := inserted.Load() + updated.Load()
	runner := bfConn(t, url, nil)
	b := dialects.Backfill{Table: tbl.QName(), Key: []string{"id"}, BatchSize: 250,
		Set: []dialects.Assignment{{Column: shadow, Expr: "amount::bigint"}}}
	if _, err := runner.Exec(ctx, BackfillStatements(b)[0]); err != nil {
		t.Fatalf("backfill: %v", err)
	}
	during := inserted.Load() + updated.Load() - before
	time.Sleep(50 * time.Millisecond)

	if n := bfInt(t, admin, `SELECT count(*) FROM orders WHERE `+quoteIdent(shadow)+` IS DISTINCT FROM amount::bigint`); n != 0 {
		t.Fatalf("%d rows differ before the swap", n)
	}

	// Contract: swap in one short transaction while the writers still run
	// (they write amount, which becomes the bigint column). Before it
	// commits, under the swap's lock, every row must carry its value in both.
	old := quoteIdent(OldColumnName("amount"))
	inTx(t, admin, SwapColumnsSQL(tbl, "amount", shadow, "0"),
		`SELECT count(*) FROM orders WHERE amount IS DISTINCT FROM `+old+`::bigint`)
	time.Sleep(100 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a writer failed: %v", err)
	}
	if during == 0 || inserted.Load() == 0 {
		t.Fatalf("writes during the backfill: %d, inserts in all: %d; the test proves nothing", during, inserted.Load())
	}
	t.Logf("%d inserts and %d updates, %d of them during the backfill", inserted.Load(), updated.Load(), during)

	if typ := bfString(t, admin, `SELECT format_type(atttypid, atttypmod) || ' ' || attnotnull || ' ' || pg_get_expr(adbin, adrelid)
	    FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum
	   WHERE attrelid = 'orders'::regclass AND attname = 'amount'`); typ != "bigint false 0" {
		t.Errorf("amount after the swap is %q, want bigint, nullable, default 0", typ)
	}
	// Rows inserted after the swap leave the old column NULL.
	if n := bfInt(t, admin, `SELECT count(*) FROM orders WHERE note = 'during' AND `+old+` IS NULL`); n == 0 {
		t.Errorf("no row was inserted after the swap; the test proves nothing about it")
	}
	total := bfInt(t, admin, `SELECT count(*) FROM orders`)
	if total != seeded+inserted.Load() {
		t.Errorf("%d rows, want %d seeded + %d inserted", total, seeded, inserted.Load())
	}
	if n := bfInt(t, admin, `SELECT count(*) FROM orders WHERE amount IS NULL`); n != 0 {
		t.Errorf("%d rows have no value in the new column: missed by both backfill and trigger", n)
	}
	if n := bfInt(t, admin, `SELECT count(*) FROM orders WHERE id IN (1, 2) AND amount IN (2147483647, -2147483648)`); n != 2 {
		t.Errorf("the integer extremes were not carried over")
	}
	if n := triggerCount(t, admin, SyncTriggerName("orders", shadow)); n != 0 {
		t.Errorf("the sync trigger or its function survived the swap")
	}
	bfExec(t, admin, `INSERT INTO orders (amount) VALUES (9000000000)`, `INSERT INTO orders DEFAULT VALUES`)

	// Rollback of the swap, then the swap again: both re-run cleanly.
	inTx(t, admin, UnswapColumnsSQL(tbl, "amount", shadow, "amount::bigint"))
	if n := triggerCount(t, admin, SyncTriggerName("orders", shadow)); n != 2 {
		t.Errorf("the rollback did not re-create the sync trigger and function (%d found)", n)
	}
	bfExec(t, admin, `UPDATE orders SET amount = amount WHERE amount IS NOT NULL`)
	inTx(t, admin, SwapColumnsSQL(tbl, "amount", shadow, "0"))

	// Contract, later: drop the old column (re-runnable).
	bfExec(t, admin, DropOldColumnSQL(tbl, "amount"), DropOldColumnSQL(tbl, "amount"))
	if n := bfInt(t, admin, `SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname LIKE '%tide%' AND NOT attisdropped`); n != 0 {
		t.Errorf("%d tide columns left on the table", n)
	}
	if n := bfInt(t, admin, `SELECT count(*) FROM orders WHERE amount = 9000000000`); n != 1 {
		t.Errorf("a bigint written after the swap is gone")
	}
}

// inTx runs statements in one transaction; then, before the commit, each
// check query must return 0.
func inTx(t *testing.T, c *pgx.Conn, stmts []string, checks ...string) {
	t.Helper()
	ctx := context.Background()
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s); err != nil {
			_ = tx.Rollback(ctx)
			t.Fatalf("%s\n  -> %v", s, err)
		}
	}
	for _, q := range checks {
		var n int64
		if err := tx.QueryRow(ctx, q).Scan(&n); err != nil || n != 0 {
			_ = tx.Rollback(ctx)
			t.Fatalf("%s\n  -> %d (want 0), %v", q, n, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
}

// bfString runs a query returning one text value.
func bfString(t *testing.T, c *pgx.Conn, query string) string {
	t.Helper()
	var s string
	if err := c.QueryRow(context.Background(), query).Scan(&s); err != nil {
		t.Fatalf("%s\n  -> %v", query, err)
	}
	return s
}
