package apply

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestPreflightSamples: the refusal shows each failing check's sample rows
// as the dialect's SampleSQL selects them, every value named by its result
// column (NULL spelled out), at most 5 rows whatever the query returns. A
// check without a sample shows its count alone; a sample query that fails
// is a warning in the log, not an error: the count still refuses the apply.
func TestPreflightSamples(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE t (id int PRIMARY KEY, email text, price int);
INSERT INTO t SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'u' || g END, CASE WHEN g IN (4, 9) THEN -g ELSE g END FROM generate_series(1, 30) g`)
	db := open(t, url)
	check := func(kind, desc, count, sample string) dialects.Preflight {
		return dialects.Preflight{Kind: kind, Description: desc, SQL: count, SampleSQL: sample}
	}
	st := ddl("public.t.email", `ALTER TABLE t ALTER COLUMN email SET NOT NULL`)
	st.Preflight = []dialects.Preflight{
		// The query asks for 10 rows: 5 are shown.
		check("not_null", "rows of public.t where email is NULL", `SELECT count(*) FROM t WHERE email IS NULL`,
			`SELECT "id", "email" FROM t WHERE email IS NULL ORDER BY id LIMIT 10`),
		check("check", "rows of public.t with a negative price", `SELECT count(*) FROM t WHERE price < 0`,
			`SELECT "id", "price" AS "Price" FROM t WHERE price < 0 ORDER BY id LIMIT 5`),
		check("check", "rows of public.t over 25", `SELECT count(*) FROM t WHERE id > 25`, ""),
		check("check", "rows of public.t over 28", `SELECT count(*) FROM t WHERE id > 28`, `SELECT nosuch FROM t LIMIT 5`),
	}
	var log bytes.Buffer
	_, err := Run(context.Background(), db, plan(st), Options{Log: &log})
	var pf *PreflightError
	if !errors.As(err, &pf) || len(pf.Failures) != 4 {
		t.Fatalf("want 4 pre-flight failures, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"10 rows of public.t where email is NULL",
		"e.g. (id=3, email=NULL)", "e.g. (id=15, email=NULL)",
		"2 rows of public.t with a negative price", "e.g. (id=4, Price=-4)", "e.g. (id=9, Price=-9)",
		"5 rows of public.t over 25", "2 rows of public.t over 28",
		"nothing was changed",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "id=18,") || strings.Count(msg, "e.g.") != 7 {
		t.Errorf("want 5 + 2 sample rows, no more:\n%s", msg)
	}
	if got := pf.Failures[0].SampleColumns; strings.Join(got, ",") != "id,email" {
		t.Errorf("sample columns %q", got)
	}
	if pf.Failures[2].Sample != nil || pf.Failures[3].Sample != nil {
		t.Errorf("samples of checks without a (working) sample query: %v, %v", pf.Failures[2].Sample, pf.Failures[3].Sample)
	}
	if !strings.Contains(log.String(), "warning: step 1: no sample of the offending rows") || !strings.Contains(log.String(), "nosuch") {
		t.Errorf("the failed sample is not logged:\n%s", log.String())
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_namespace WHERE nspname = 'tide'"); n != 0 {
		t.Fatal("a refused apply touched the database")
	}
}
