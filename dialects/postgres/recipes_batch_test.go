package postgres

import (
	"strconv"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

// TestRecipeBackfillBatchSize checks that every backfill a recipe writes
// uses the plan's batch size (Env.BatchSize), in its Backfill and in the
// batched loop of its statements (the plan's sql format prints them), and
// the dialect's default when the plan gives none.
func TestRecipeBackfillBatchSize(t *testing.T) {
	for _, size := range []int{0, 321} {
		want := size
		if want == 0 {
			want = DefaultBackfillBatchSize
		}
		found := 0
		for _, tc := range recipeCases() {
			env := recipeEnv(tc)
			env.BatchSize = size
			for _, c := range tc.changes() {
				actions, err := Dialect{}.Recipe(c, env)
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				for _, a := range actions {
					if a.Backfill == nil {
						continue
					}
					found++
					if a.Backfill.BatchSize != want {
						t.Errorf("%s: backfill batch size %d, want %d", tc.name, a.Backfill.BatchSize, want)
					}
					sql := strings.Join(a.Statements, "\n")
					if !strings.Contains(sql, "LIMIT "+strconv.Itoa(want)+"\n") || !strings.Contains(sql, "batches of "+strconv.Itoa(want)+" rows") {
						t.Errorf("%s: the batched loop does not use batches of %d rows:\n%s", tc.name, want, sql)
					}
				}
			}
		}
		if found < 5 {
			t.Fatalf("only %d backfills among the recipe cases; the test checks nothing", found)
		}
	}
}

// TestRecipeBackfillBatchSizeLive runs, by hand as the plan's sql format
// prints it, the batched loop of a backfill planned with a batch size of 7
// over 100 rows: it must take 15 batches (not one batch of the default
// size) and fill every row.
func TestRecipeBackfillBatchSizeLive(t *testing.T) {
	t.Parallel()
	cur := parsedSchema(t, `CREATE TABLE items (id integer PRIMARY KEY, price integer NOT NULL);`)
	des := parsedSchema(t, `CREATE TABLE items (id integer PRIMARY KEY, price integer NOT NULL, doubled integer);`)
	col := des.Tables[0].Column("doubled")
	col.Backfill = "price * 2"
	env := &dialects.Env{Version: dialects.Version{Flavor: "postgres", Major: 15}, Current: cur, Desired: des,
		NewTables: map[schema.QName]bool{}, BatchSize: 7}
	actions, err := Dialect{}.Recipe(schema.AddColumn{T: des.Tables[0], C: col}, env)
	if err != nil {
		t.Fatal(err)
	}
	url := pgtest.NewDB(t)
	notices := newNoticeLog()
	conn := bfConn(t, url, notices)
	bfExec(t, conn, `CREATE TABLE items (id integer PRIMARY KEY, price integer NOT NULL)`,
		`INSERT INTO items SELECT g, g FROM generate_series(1, 100) g`)
	fills := 0
	for _, a := range actions {
		if a.Backfill != nil {
			fills++
		}
		if err := runStep(conn, a.Statements, a.Transactional); err != nil {
			t.Fatalf("%s: %v", a.Summary, err)
		}
	}
	if fills != 1 {
		t.Fatalf("%d backfill actions, want 1", fills)
	}
	if n := countPrefix(notices.all(), ": batch "); n != 15 {
		t.Errorf("the loop ran %d batches, want 15 of 7 rows:\n%s", n, strings.Join(notices.all(), "\n"))
	}
	if n := bfInt(t, conn, `SELECT count(*) FROM items WHERE doubled IS DISTINCT FROM price * 2`); n != 0 {
		t.Errorf("%d rows not filled", n)
	}
}
