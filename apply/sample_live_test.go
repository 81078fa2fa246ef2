package apply

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestPreflightSamplesDerived: NOT NULL and CHECK pre-flights come without
// a sample query; the refusal still shows up to 5 offending rows each, as
// key columns and the offending value named: the primary key (composite
// too), else a unique key on NOT NULL columns, else the value alone. A word
// inside a string literal is not taken for a column.
func TestPreflightSamplesDerived(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE t (id int PRIMARY KEY, email text, price int, "Status" text);
INSERT INTO t SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'u' || g END, CASE WHEN g IN (4, 9) THEN -g ELSE g END, 'ok' FROM generate_series(1, 30) g;
CREATE TABLE pair (a int, b text, qty int, PRIMARY KEY (a, b));
INSERT INTO pair VALUES (1, 'x', 5), (1, 'y', NULL), (2, 'x', NULL);
CREATE TABLE coded (code text NOT NULL UNIQUE, note text);
INSERT INTO coded VALUES ('c1', 'fine'), ('c2', NULL);
CREATE TABLE heap (v int);
INSERT INTO heap VALUES (1), (NULL)`)
	db := open(t, url)
	check := func(kind, desc, sql string) dialects.Preflight {
		return dialects.Preflight{Kind: kind, Description: desc, SQL: sql}
	}
	st := ddl("public.t.email", `ALTER TABLE t ALTER COLUMN email SET NOT NULL`)
	st.Preflight = []dialects.Preflight{
		check("not_null", "rows of public.t where email is NULL", `SELECT count(*) FROM "public"."t" WHERE "email" IS NULL`),
		check("check", "rows of public.t that violate t_price_check", `SELECT count(*) FROM "public"."t" WHERE NOT (price > 0 AND "Status" <> 'id email')`),
	}
	pair := ddl("public.pair.qty", `ALTER TABLE pair ALTER COLUMN qty SET NOT NULL`)
	pair.Preflight = []dialects.Preflight{check("not_null", "rows of public.pair where qty is NULL", `SELECT count(*) FROM "public"."pair" WHERE "qty" IS NULL`)}
	coded := ddl("public.coded.note", `ALTER TABLE coded ALTER COLUMN note SET NOT NULL`)
	coded.Preflight = []dialects.Preflight{check("not_null", "rows of public.coded where note is NULL", `SELECT count(*) FROM "public"."coded" WHERE ("note") IS NULL`)}
	heap := ddl("public.heap.v", `ALTER TABLE heap ALTER COLUMN v SET NOT NULL`)
	heap.Preflight = []dialects.Preflight{check("not_null", "rows of public.heap where v is NULL", `SELECT count(*) FROM "public"."heap" WHERE "v" IS NULL`)}

	_, err := Run(context.Background(), db, plan(st, pair, coded, heap), Options{})
	var pf *PreflightError
	if !errors.As(err, &pf) || len(pf.Failures) != 5 {
		t.Fatalf("want 5 pre-flight failures, got %v", err)
	}
	msg := err.Error()
	emails := regexp.MustCompile(`e\.g\. \(id=(\d+), email=NULL\)`).FindAllStringSubmatch(msg, -1)
	if len(emails) != 5 {
		t.Fatalf("want 5 samples of the 10 rows without email:\n%s", msg)
	}
	for _, m := range emails {
		if !pgtest.QueryBool(t, url, "SELECT email IS NULL FROM t WHERE id = "+m[1]) {
			t.Fatalf("sampled row id=%s has an email:\n%s", m[1], msg)
		}
	}
	for _, want := range []string{
		"10 rows of public.t where email is NULL",
		// email, inside the literal 'id email', is not sampled.
		`e.g. (id=4, price=-4, Status=ok)`, `e.g. (id=9, price=-9, Status=ok)`,
		"e.g. (a=1, b=y, qty=NULL)", "e.g. (a=2, b=x, qty=NULL)",
		"e.g. (code=c2, note=NULL)",
		"e.g. (v=NULL)",
		"nothing was changed",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal lacks %q:\n%s", want, msg)
		}
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_namespace WHERE nspname = 'tide'"); n != 0 {
		t.Fatal("a refused apply touched the database")
	}
}
