package postgres

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

// The package's -update flag may be declared by another test file first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
}

// backfillGolden compares got with testdata/backfill/<name>, rewriting it
// under -update.
func backfillGolden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", "backfill", name)
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden file %s: %v (run go test -update to create it)", file, err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test -update to accept):\n--- want\n%s\n--- got\n%s", file, want, got)
	}
}

// bfConn connects to the database at url, collecting the server's notices
// into *notices when it is not nil; the connection closes when the test ends.
func bfConn(t *testing.T, url string, notices *noticeLog) *pgx.Conn {
	t.Helper()
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatalf("parse %s: %v", url, err)
	}
	if notices != nil {
		cfg.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) { notices.add(n.Message) }
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("connect to the test database: %v", err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

// bfExec runs statements one by one and fails the test naming the one that failed.
func bfExec(t *testing.T, c *pgx.Conn, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := c.Exec(context.Background(), s); err != nil {
			t.Fatalf("%s\n  -> %v", s, err)
		}
	}
}

// bfInt runs a query returning one integer.
func bfInt(t *testing.T, c *pgx.Conn, query string) int64 {
	t.Helper()
	var n int64
	if err := c.QueryRow(context.Background(), query).Scan(&n); err != nil {
		t.Fatalf("%s\n  -> %v", query, err)
	}
	return n
}

// noticeLog records notices; first is closed when the first one arrives.
type noticeLog struct {
	mu    sync.Mutex
	msgs  []string
	first chan struct{}
}

func newNoticeLog() *noticeLog { return &noticeLog{first: make(chan struct{})} }

func (l *noticeLog) add(m string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.msgs) == 0 {
		close(l.first)
	}
	l.msgs = append(l.msgs, m)
}

func (l *noticeLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.msgs...)
}

func countPrefix(msgs []string, sub string) int {
	n := 0
	for _, m := range msgs {
		if strings.Contains(m, sub) {
			n++
		}
	}
	return n
}

var (
	ordersQName = schema.QName{Schema: "public", Name: "orders"}
	linesQName  = schema.QName{Schema: "Sales Data", Name: "Order Lines"}
)

// ordersBackfill sets amount__tide_new from amount over the primary key id.
func ordersBackfill(batch int) dialects.Backfill {
	return dialects.Backfill{Table: ordersQName, Key: []string{"id"}, BatchSize: batch,
		Set: []dialects.Assignment{{Column: "amount__tide_new", Expr: "amount::bigint"}}}
}

// linesBackfill has a composite key, names that need quoting, two
// assignments, a condition and an expression containing the dollar-quote tag.
func linesBackfill(batch int) dialects.Backfill {
	return dialects.Backfill{Table: linesQName, Key: []string{"Region", "line no"}, BatchSize: batch,
		Set: []dialects.Assignment{
			{Column: `Total "cents"`, Expr: `"Unit Price" * qty * 100`},
			{Column: "note", Expr: `'$tide$ ' || "Region" || '/' || "line no"`},
		},
		Where: `qty > 0`}
}

func TestBackfillSQLGolden(t *testing.T) {
	cases := map[string]dialects.Backfill{
		"single_key.sql":             ordersBackfill(500),
		"composite_key_where.sql":    linesBackfill(100),
		"default_batch_size.sql":     {Table: ordersQName, Key: []string{"id"}, Set: ordersBackfill(0).Set},
		"no_key_raises.sql":          {Table: ordersQName, Set: ordersBackfill(0).Set},
		"keyset_first_batch.sql":     {},
		"keyset_batch.sql":           {},
		"keyset_batch_composite.sql": {},
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			var got string
			switch name {
			case "keyset_first_batch.sql":
				got = KeysetUpperBound(ordersBackfill(500)) + ";\n\n" + KeysetFirstBatch(ordersBackfill(500))
			case "keyset_batch.sql":
				got = KeysetBatch(ordersBackfill(500))
			case "keyset_batch_composite.sql":
				got = KeysetUpperBound(linesBackfill(100)) + ";\n\n" + KeysetBatch(linesBackfill(100))
			default:
				stmts := BackfillStatements(b)
				if len(stmts) != 1 {
					t.Fatalf("BackfillStatements returned %d statements, want 1", len(stmts))
				}
				if stmts[0] != (Dialect{}).BackfillSQL(b) {
					t.Fatalf("BackfillSQL and BackfillStatements differ")
				}
				got = stmts[0]
			}
			backfillGolden(t, name, got+";\n")
		})
	}
}

// TestValidateBackfill: the statements of a backfill that cannot run in
// keyset batches raise the reason instead of running.
func TestValidateBackfill(t *testing.T) {
	set := []dialects.Assignment{{Column: "c", Expr: "1"}}
	cases := []struct {
		name string
		b    dialects.Backfill
		want string // substring of the error; "" = valid
	}{
		{"valid", dialects.Backfill{Table: ordersQName, Key: []string{"id"}, Set: set}, ""},
		{"no table", dialects.Backfill{Key: []string{"id"}, Set: set}, "no table"},
		{"no key", dialects.Backfill{Table: ordersQName, Set: set}, "add a primary key first"},
		{"no assignment", dialects.Backfill{Table: ordersQName, Key: []string{"id"}}, "no column to set"},
		{"empty expression", dialects.Backfill{Table: ordersQName, Key: []string{"id"},
			Set: []dialects.Assignment{{Column: "c", Expr: " "}}}, "needs both a column and an expression"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := dialects.ValidateBackfill(c.b)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("error = %v, want one containing %q", err, c.want)
			}
			// The hand-run loop of an invalid backfill raises its error.
			loop := strings.Join(BackfillStatements(c.b), "\n")
			if raises := strings.Contains(loop, "RAISE EXCEPTION"); raises != (c.want != "") {
				t.Fatalf("the loop raises an exception: %v, want %v:\n%s", raises, c.want != "", loop)
			}
		})
	}
}

func TestTideDollarQuoteAvoidsTheBody(t *testing.T) {
	cases := []struct{ body, wantTag string }{
		{"SELECT 1", "$tide$"},
		{"SELECT '$tide$'", "$tide1$"},
		{"SELECT '$tide$ $tide1$'", "$tide2$"},
	}
	for _, c := range cases {
		got := tideDollarQuote(c.body)
		if !strings.HasPrefix(got, c.wantTag+"\n") || !strings.HasSuffix(got, "\n"+c.wantTag) {
			t.Errorf("tideDollarQuote(%q) = %q, want tag %s", c.body, got, c.wantTag)
		}
	}
}

// createBackfillFixtures creates orders (n rows) and "Sales Data"."Order
// Lines" (regions × lines rows, some with qty 0).
func createBackfillFixtures(t *testing.T, c *pgx.Conn, orders int) {
	t.Helper()
	bfExec(t, c,
		`CREATE TABLE orders (id bigint PRIMARY KEY, amount integer NOT NULL DEFAULT 0, amount__tide_new bigint)`,
		`INSERT INTO orders SELECT g, g * 7 - 1000 FROM generate_series(1, `+strconv.Itoa(orders)+`) g`,
		`CREATE SCHEMA "Sales Data"`,
		`CREATE TABLE "Sales Data"."Order Lines" ("Region" text, "line no" integer, qty integer NOT NULL,
		   "Unit Price" numeric(10,2) NOT NULL, "Total ""cents""" numeric, note text, PRIMARY KEY ("Region", "line no"))`,
		`INSERT INTO "Sales Data"."Order Lines" ("Region", "line no", qty, "Unit Price")
		   SELECT r, l, l % 4, 1.25 FROM unnest(ARRAY['east', 'north', 'south west', 'ümlaut']) r, generate_series(1, 60) l`,
	)
}

// TestBackfillSQLLive runs the DO block in autocommit mode, through both
// wire protocols, and checks every targeted row and the progress notices.
func TestBackfillSQLLive(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	setup := bfConn(t, url, nil)
	createBackfillFixtures(t, setup, 95)

	cases := []struct {
		name        string
		b           dialects.Backfill
		mode        pgx.QueryExecMode
		wrong       string // counts rows whose target is wrong
		wantBatches int
		wantUpdated int64
	}{
		{"single key, simple protocol", ordersBackfill(10), pgx.QueryExecModeSimpleProtocol,
			`SELECT count(*) FROM orders WHERE amount__tide_new IS DISTINCT FROM amount`, 10, 95},
		{"single key, extended protocol", dialects.Backfill{Table: ordersQName, Key: []string{"id"}, BatchSize: 50,
			Set: []dialects.Assignment{{Column: "amount__tide_new", Expr: "id * 2 + amount"}}}, pgx.QueryExecModeExec,
			`SELECT count(*) FROM orders WHERE amount__tide_new IS DISTINCT FROM id * 2 + amount`, 2, 95},
		{"composite quoted key with condition", linesBackfill(17), pgx.QueryExecModeSimpleProtocol,
			`SELECT count(*) FROM "Sales Data"."Order Lines"
			  WHERE CASE WHEN qty > 0
			             THEN "Total ""cents""" IS DISTINCT FROM "Unit Price" * qty * 100
			                  OR note IS DISTINCT FROM '$tide$ ' || "Region" || '/' || "line no"
			             ELSE "Total ""cents""" IS NOT NULL OR note IS NOT NULL END`, 15, 180},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			notices := newNoticeLog()
			conn := bfConn(t, url, notices)
			if _, err := conn.Exec(context.Background(), (Dialect{}).BackfillSQL(c.b), c.mode); err != nil {
				t.Fatalf("backfill: %v\n%s", err, (Dialect{}).BackfillSQL(c.b))
			}
			if n := bfInt(t, setup, c.wrong); n != 0 {
				t.Errorf("%d rows have a wrong value after the backfill", n)
			}
			msgs := notices.all()
			if got := countPrefix(msgs, ": batch "); got != c.wantBatches {
				t.Errorf("%d batch notices, want %d:\n%s", got, c.wantBatches, strings.Join(msgs, "\n"))
			}
			done := "done, " + strconv.Itoa(c.wantBatches) + " batches"
			if len(msgs) == 0 || !strings.Contains(msgs[len(msgs)-1], done) ||
				!strings.Contains(msgs[len(msgs)-1], " "+strconv.Itoa(int(c.wantUpdated))+" updated") {
				t.Errorf("last notice should say %q and %d updated; notices:\n%s", done, c.wantUpdated, strings.Join(msgs, "\n"))
			}
		})
	}

	t.Run("empty table", func(t *testing.T) {
		bfExec(t, setup, `CREATE TABLE empty_t (id int PRIMARY KEY, v int)`)
		notices := newNoticeLog()
		conn := bfConn(t, url, notices)
		b := dialects.Backfill{Table: schema.QName{Schema: "public", Name: "empty_t"}, Key: []string{"id"},
			Set: []dialects.Assignment{{Column: "v", Expr: "1"}}}
		bfExec(t, conn, BackfillStatements(b)...)
		if msgs := notices.all(); len(msgs) != 1 || !strings.Contains(msgs[0], "nothing to do") {
			t.Errorf("notices = %q, want one saying there is nothing to do", msgs)
		}
	})

	t.Run("no key raises", func(t *testing.T) {
		conn := bfConn(t, url, nil)
		_, err := conn.Exec(context.Background(), BackfillStatements(dialects.Backfill{Table: ordersQName, Set: ordersBackfill(1).Set})[0])
		if err == nil || !strings.Contains(err.Error(), "add a primary key first") {
			t.Fatalf("error = %v, want the ValidateBackfill message", err)
		}
	})

	t.Run("inside a transaction block it refuses to commit", func(t *testing.T) {
		conn := bfConn(t, url, nil)
		tx, err := conn.Begin(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(context.Background())
		_, err = tx.Exec(context.Background(), (Dialect{}).BackfillSQL(ordersBackfill(10)))
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "2D000" {
			t.Fatalf("error = %v, want invalid_transaction_termination (2D000)", err)
		}
	})
}

// TestBackfillCommitsEveryBatch watches the backfill from another session:
// with a commit per batch, partial progress becomes visible before the end.
func TestBackfillCommitsEveryBatch(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	setup := bfConn(t, url, nil)
	createBackfillFixtures(t, setup, 300)
	watcher := bfConn(t, url, nil)
	runner := bfConn(t, url, nil)

	done := make(chan error, 1)
	go func() {
		_, err := runner.Exec(context.Background(), (Dialect{}).BackfillSQL(ordersBackfill(10)))
		done <- err
	}()
	var partial []int64
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("backfill: %v", err)
			}
			running = false
		case <-time.After(20 * time.Millisecond):
			n := bfInt(t, watcher, `SELECT count(*) FROM orders WHERE amount__tide_new IS NOT NULL`)
			if n > 0 && n < 300 {
				partial = append(partial, n)
			}
		}
	}
	if len(partial) < 2 {
		t.Fatalf("saw %d partial states (%v) during a 30-batch backfill; batches are not committed one by one", len(partial), partial)
	}
	if n := bfInt(t, watcher, `SELECT count(*) FROM orders WHERE amount__tide_new IS DISTINCT FROM amount`); n != 0 {
		t.Fatalf("%d rows not backfilled", n)
	}
}

// TestBackfillStopsAtTheKeyReadAtStart inserts rows with larger keys once
// the backfill has started: they are left alone (the triggers' job), while
// every row that existed at the start is filled.
func TestBackfillStopsAtTheKeyReadAtStart(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	setup := bfConn(t, url, nil)
	createBackfillFixtures(t, setup, 200)
	notices := newNoticeLog()
	runner := bfConn(t, url, notices)
	writer := bfConn(t, url, nil)

	done := make(chan error, 1)
	go func() {
		_, err := runner.Exec(context.Background(), (Dialect{}).BackfillSQL(ordersBackfill(10)))
		done <- err
	}()
	select {
	case <-notices.first:
	case err := <-done:
		t.Fatalf("backfill ended before its first notice arrived: %v", err)
	}
	bfExec(t, writer, `INSERT INTO orders (id, amount) SELECT g, 5 FROM generate_series(201, 260) g`)
	select {
	case err := <-done:
		t.Fatalf("backfill finished (err %v) before the late rows were inserted; the test proves nothing", err)
	default:
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("backfill: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("backfill did not finish in 30s")
	}
	if n := bfInt(t, setup, `SELECT count(*) FROM orders WHERE id <= 200 AND amount__tide_new IS DISTINCT FROM amount`); n != 0 {
		t.Errorf("%d rows that existed at the start were not filled", n)
	}
	if n := bfInt(t, setup, `SELECT count(*) FROM orders WHERE id > 200 AND amount__tide_new IS NOT NULL`); n != 0 {
		t.Errorf("%d rows inserted after the start were touched; the upper bound is not applied", n)
	}
}

// TestKeysetBatchLive drives the Go-side batch statements by hand, stops
// after two batches, and resumes from the persisted last key.
func TestKeysetBatchLive(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	conn := bfConn(t, url, nil)
	createBackfillFixtures(t, conn, 10)
	ctx := context.Background()
	b := linesBackfill(25)

	var upper [2]any
	if err := conn.QueryRow(ctx, KeysetUpperBound(b)).Scan(&upper[0], &upper[1]); err != nil {
		t.Fatalf("upper bound: %v", err)
	}
	if upper[0] != "ümlaut" || upper[1] != int32(60) {
		t.Fatalf("upper bound = %v, want [ümlaut 60]", upper)
	}
	// Rows added after the upper bound was read must not be touched.
	bfExec(t, conn, `INSERT INTO "Sales Data"."Order Lines" ("Region", "line no", qty, "Unit Price") VALUES ('ümlaut', 61, 3, 2)`)

	type result struct {
		last             [2]any
		scanned, updated int64
	}
	runBatch := func(sql string, args ...any) (result, bool) {
		t.Helper()
		var r result
		err := conn.QueryRow(ctx, sql, args...).Scan(&r.last[0], &r.last[1], &r.scanned, &r.updated)
		if errors.Is(err, pgx.ErrNoRows) {
			return r, false
		}
		if err != nil {
			t.Fatalf("batch: %v\n%s", err, sql)
		}
		return r, true
	}

	first, ok := runBatch(KeysetFirstBatch(b), upper[0], upper[1])
	if !ok || first.scanned != 25 || first.last[0] != "east" || first.last[1] != int32(25) {
		t.Fatalf("first batch = %+v (ok %v), want 25 rows ending at (east, 25)", first, ok)
	}
	second, ok := runBatch(KeysetBatch(b), first.last[0], first.last[1], upper[0], upper[1])
	if !ok || second.scanned != 25 || second.last[0] != "east" || second.last[1] != int32(50) {
		t.Fatalf("second batch = %+v, want 25 rows ending at (east, 50)", second)
	}
	// Resume from the persisted key on a fresh connection's worth of state.
	last, scanned, updated, batches := second.last, first.scanned+second.scanned, first.updated+second.updated, 2
	for {
		r, ok := runBatch(KeysetBatch(b), last[0], last[1], upper[0], upper[1])
		if !ok {
			break
		}
		last, scanned, updated, batches = r.last, scanned+r.scanned, updated+r.updated, batches+1
	}
	if scanned != 240 || updated != 180 || batches != 10 {
		t.Errorf("scanned %d, updated %d in %d batches; want 240, 180 in 10", scanned, updated, batches)
	}
	wrong := bfInt(t, conn, `SELECT count(*) FROM "Sales Data"."Order Lines"
	  WHERE ("Region", "line no") <> ('ümlaut', 61) AND qty > 0 AND "Total ""cents""" IS DISTINCT FROM "Unit Price" * qty * 100`)
	late := bfInt(t, conn, `SELECT count(*) FROM "Sales Data"."Order Lines" WHERE ("Region", "line no") = ('ümlaut', 61) AND "Total ""cents""" IS NOT NULL`)
	if wrong != 0 || late != 0 {
		t.Errorf("%d rows wrong, %d rows past the upper bound touched", wrong, late)
	}
}

// TestBackfillUnderConcurrentWrites is a smoke test of the locking: writers
// updating random rows while the backfill runs never fail.
func TestBackfillUnderConcurrentWrites(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	setup := bfConn(t, url, nil)
	createBackfillFixtures(t, setup, 2000)
	bfExec(t, setup, `ALTER TABLE orders ADD COLUMN touched int NOT NULL DEFAULT 0`)
	runner := bfConn(t, url, nil)

	var stop atomic.Bool
	var writes atomic.Int64
	errs := make(chan error, 2)
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		conn := bfConn(t, url, nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				if _, err := conn.Exec(context.Background(),
					`UPDATE orders SET touched = touched + 1 WHERE id = 1 + floor(random() * 2000)::int`); err != nil {
					errs <- err
					return
				}
				writes.Add(1)
			}
		}()
	}
	b := dialects.Backfill{Table: ordersQName, Key: []string{"id"}, BatchSize: 100,
		Set: []dialects.Assignment{{Column: "amount__tide_new", Expr: "amount::bigint"}}}
	_, err := runner.Exec(context.Background(), (Dialect{}).BackfillSQL(b))
	stop.Store(true)
	wg.Wait()
	close(errs)
	if err != nil {
		t.Fatalf("backfill: %v", err)
	}
	for e := range errs {
		t.Errorf("a concurrent writer failed: %v", e)
	}
	if writes.Load() == 0 {
		t.Fatal("no concurrent write ran during the backfill; the test proves nothing")
	}
	if n := bfInt(t, setup, `SELECT count(*) FROM orders WHERE amount__tide_new IS DISTINCT FROM amount`); n != 0 {
		t.Errorf("%d rows not backfilled", n)
	}
}
