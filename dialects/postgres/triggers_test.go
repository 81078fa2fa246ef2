package postgres

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

func TestTriggerNames(t *testing.T) {
	long := strings.Repeat("t", 60)
	umlauts := strings.Repeat("ü", 40) // 80 bytes
	cases := []struct {
		name, got, want string
	}{
		{"sync", SyncTriggerName("orders", "amount__tide_new"), "orders__tide_sync_amount__tide_new"},
		{"rename", RenameTriggerName("orders", "full_name"), "orders__tide_rename_full_name"},
		{"long table", SyncTriggerName(long, "c"), strings.Repeat("t", 50) + "__tide_sync_c"},
		{"both long", SyncTriggerName(long, long), strings.Repeat("t", 26) + "__tide_sync_" + strings.Repeat("t", 25)},
		{"utf8 not split", SyncTriggerName(umlauts, "c"), strings.Repeat("ü", 25) + "__tide_sync_c"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
			if len(c.got) > maxIdentifierLength || !utf8.ValidString(c.got) {
				t.Errorf("%q is %d bytes or not valid UTF-8", c.got, len(c.got))
			}
		})
	}
}

func TestRenameSyncTriggerDefaultComparison(t *testing.T) {
	cases := []struct {
		name, def string
		compared  bool
	}{
		{"no default", "", false},
		{"constant", "'n/a'::text", true},
		{"stable now()", "now()", true},
		{"sequence", "nextval('s'::regclass)", false},
		{"uuid", "gen_random_uuid ()", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tbl := &schema.Table{Schema: "public", Name: "people", Columns: []*schema.Column{
				{Name: "name", Type: "text", Nullable: true}, {Name: "full_name", Type: "text", Nullable: true, Default: c.def}}}
			create, _ := RenameSyncTrigger(tbl, "name", "full_name")
			got := strings.Contains(create[0], `IS NOT DISTINCT FROM`)
			if got != c.compared {
				t.Errorf("default %q compared = %v, want %v:\n%s", c.def, got, c.compared, create[0])
			}
		})
	}
}

// syncTable is a table whose column names need quoting.
const syncTable = `CREATE TABLE "My Schema"."Order Items" (
	id int PRIMARY KEY,
	amount integer,
	note text,
	"Unit Price" numeric(8,2),
	qty int,
	"Mixed Case" text,
	amount__tide_new bigint,
	has_note boolean,
	"Line ""Total""" numeric,
	shout text)`

func syncSchemaTable() *schema.Table {
	return &schema.Table{Schema: "My Schema", Name: "Order Items"}
}

// triggerCount counts the tide triggers and trigger functions named name.
func triggerCount(t *testing.T, c *pgx.Conn, name string) int64 {
	t.Helper()
	return bfInt(t, c, `SELECT (SELECT count(*) FROM pg_trigger WHERE tgname = `+quoteLiteral(name)+`)
	                          + (SELECT count(*) FROM pg_proc WHERE proname = `+quoteLiteral(name)+`)`)
}

// TestSyncColumnTriggerLive installs one sync trigger per expression (twice,
// to prove the statements re-run), writes rows, adds a column, writes again
// on the same session, and drops the triggers (twice).
func TestSyncColumnTriggerLive(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	conn := bfConn(t, url, nil)
	bfExec(t, conn, `CREATE SCHEMA "My Schema"`, syncTable)
	tbl := syncSchemaTable()
	syncs := []struct{ target, expr, check string }{
		{"amount__tide_new", "amount::bigint", `amount__tide_new IS DISTINCT FROM amount::bigint`},
		{"has_note", "note IS NOT NULL", `has_note IS DISTINCT FROM (note IS NOT NULL)`},
		{`Line "Total"`, `"Unit Price" * qty`, `"Line ""Total""" IS DISTINCT FROM "Unit Price" * qty`},
		{"shout", `upper("Mixed Case") || '!'`, `shout IS DISTINCT FROM upper("Mixed Case") || '!'`},
	}
	var drops []string
	for _, s := range syncs {
		create, drop := SyncColumnTrigger(tbl, s.target, s.expr)
		bfExec(t, conn, create...)
		bfExec(t, conn, create...)
		drops = append(drops, drop...)
	}
	var wrong []string
	for _, s := range syncs {
		wrong = append(wrong, "("+s.check+")")
	}
	countWrong := `SELECT count(*) FROM "My Schema"."Order Items" WHERE ` + strings.Join(wrong, " OR ")

	bfExec(t, conn,
		`INSERT INTO "My Schema"."Order Items" (id, amount, note, "Unit Price", qty, "Mixed Case")
		   VALUES (1, 10, 'x', 2.50, 3, 'abc'), (2, NULL, NULL, 1, NULL, NULL), (3, -2147483648, '', 0.01, 7, 'Zz')`,
		// A writer that sets a synced column itself is overruled.
		`INSERT INTO "My Schema"."Order Items" (id, amount, amount__tide_new, has_note) VALUES (4, 5, 999, true)`,
		`UPDATE "My Schema"."Order Items" SET amount = amount + 1, note = NULL, qty = 2 WHERE id IN (1, 3)`,
		`UPDATE "My Schema"."Order Items" SET "Mixed Case" = 'later' WHERE id = 2`,
	)
	if n := bfInt(t, conn, countWrong); n != 0 {
		t.Fatalf("%d rows out of sync", n)
	}
	if n := bfInt(t, conn, `SELECT count(*) FROM "My Schema"."Order Items" WHERE id = 4 AND amount__tide_new = 5 AND NOT has_note`); n != 1 {
		t.Fatalf("the trigger did not overrule a writer setting the synced columns")
	}

	// Columns added (and an unrelated one dropped) later do not disturb the
	// triggers on this session, whose plans are already cached.
	bfExec(t, conn,
		`ALTER TABLE "My Schema"."Order Items" ADD COLUMN "added later" text DEFAULT 'd'`,
		`INSERT INTO "My Schema"."Order Items" (id, amount, note, "Unit Price", qty, "Mixed Case", "added later")
		   VALUES (5, 50, 'y', 3, 5, 'q', 'z')`,
		`ALTER TABLE "My Schema"."Order Items" DROP COLUMN id CASCADE`,
		`ALTER TABLE "My Schema"."Order Items" ADD COLUMN "also later" int`,
		`UPDATE "My Schema"."Order Items" SET amount = amount + 1, "also later" = 1`,
		`INSERT INTO "My Schema"."Order Items" (amount, note, "Unit Price", qty, "Mixed Case", "also later")
		   VALUES (70, NULL, 4, 6, 'r', 2)`,
	)
	if n := bfInt(t, conn, countWrong); n != 0 {
		t.Fatalf("%d rows out of sync after columns were added", n)
	}
	if n := bfInt(t, conn, `SELECT count(*) FROM "My Schema"."Order Items"
	    WHERE ("Line ""Total""", amount__tide_new, has_note, shout) IN ((15, 51, true, 'Q!'), (24, 70, false, 'R!'))`); n != 2 {
		t.Fatalf("rows written after the columns changed were not computed (%d of 2 right)", n)
	}

	bfExec(t, conn, drops...)
	bfExec(t, conn, drops...)
	for _, s := range syncs {
		if n := triggerCount(t, conn, SyncTriggerName(tbl.Name, s.target)); n != 0 {
			t.Errorf("trigger or function %s left behind after the drop statements", SyncTriggerName(tbl.Name, s.target))
		}
	}
}

// TestRenameSyncTriggerLive plays an "old app" that knows only the old
// column and a "new app" that knows only the new one against the two-way
// trigger, with and without a default on the new column.
func TestRenameSyncTriggerLive(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	conn := bfConn(t, url, nil)
	for _, def := range []string{"", "'anonymous'::text"} {
		t.Run("new column default "+def, func(t *testing.T) {
			table := map[string]string{"": "people_plain", "'anonymous'::text": "people_default"}[def]
			ddl := `CREATE TABLE ` + quoteIdent(table) + ` (id int PRIMARY KEY, "user name" text, full_name text`
			if def != "" {
				ddl += ` DEFAULT ` + def
			}
			bfExec(t, conn, ddl+`)`)
			tbl := &schema.Table{Schema: "public", Name: table, Columns: []*schema.Column{
				{Name: "id", Type: "integer"}, {Name: "user name", Type: "text", Nullable: true},
				{Name: "full_name", Type: "text", Nullable: true, Default: def}}}
			create, drop := RenameSyncTrigger(tbl, "user name", "full_name")
			bfExec(t, conn, create...)
			bfExec(t, conn, create...)
			q := quoteIdent(table)
			steps := []struct {
				who, sql string
				id       int
				want     string // both columns; "NULL" for null
			}{
				{"old app inserts", `INSERT INTO ` + q + ` (id, "user name") VALUES (1, 'ada')`, 1, "ada"},
				{"new app inserts", `INSERT INTO ` + q + ` (id, full_name) VALUES (2, 'bob')`, 2, "bob"},
				{"old app inserts NULL", `INSERT INTO ` + q + ` (id, "user name") VALUES (3, NULL)`, 3, "NULL"},
				{"old app updates", `UPDATE ` + q + ` SET "user name" = 'ada l' WHERE id IN (1, 2)`, 2, "ada l"},
				{"new app updates", `UPDATE ` + q + ` SET full_name = 'grace' WHERE id = 1`, 1, "grace"},
				{"new app clears", `UPDATE ` + q + ` SET full_name = NULL WHERE id = 2`, 2, "NULL"},
				{"old app sets after clear", `UPDATE ` + q + ` SET "user name" = 'eve' WHERE id = 2`, 2, "eve"},
				{"unrelated update keeps both", `UPDATE ` + q + ` SET id = 20 WHERE id = 2`, 20, "eve"},
				{"dual writer, new wins", `INSERT INTO ` + q + ` (id, "user name", full_name) VALUES (4, 'old', 'new')`, 4, "new"},
			}
			for _, s := range steps {
				bfExec(t, conn, s.sql)
				var o, n *string
				if err := conn.QueryRow(context.Background(), `SELECT "user name", full_name FROM `+q+` WHERE id = $1`, s.id).Scan(&o, &n); err != nil {
					t.Fatalf("%s: %v", s.who, err)
				}
				str := func(p *string) string {
					if p == nil {
						return "NULL"
					}
					return *p
				}
				if str(o) != s.want || str(n) != s.want {
					t.Errorf("%s: old column %s, new column %s; want both %s", s.who, str(o), str(n), s.want)
				}
			}
			bfExec(t, conn, drop...)
			if n := triggerCount(t, conn, RenameTriggerName(table, "full_name")); n != 0 {
				t.Errorf("trigger or function left behind after the drop statements")
			}
		})
	}
}
