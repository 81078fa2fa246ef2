package apply

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

func backfillStep(table string, key ...string) planner.Step {
	return planner.Step{Object: "public." + table + ".v", Change: "backfill", Summary: "backfill " + table, Estimate: planner.Estimate{Rows: 500},
		Backfill: &dialects.Backfill{Table: schema.QName{Schema: "public", Name: table}, Key: key,
			Set: []dialects.Assignment{{Column: "v", Expr: "length(coalesce(note, '')) + 1"}}, Where: "v IS NULL", BatchSize: 100}}
}

// TestBackfillKeyChecked: a backfill over a table without a key that
// identifies one row is refused before anything runs — not even the DDL
// step before it, nor the history — with a message naming the table and
// the two ways on; tables with a primary key, a composite one, or a unique
// index on NOT NULL columns pass.
func TestBackfillKeyChecked(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE heap (note text, v int);
CREATE TABLE nullable (code text UNIQUE, note text, v int);
CREATE TABLE partial (code text NOT NULL, note text, v int);
CREATE UNIQUE INDEX partial_code ON partial (code) WHERE note IS NOT NULL;
CREATE TABLE pk (id int PRIMARY KEY, note text, v int);
CREATE TABLE pk2 (a int, b text, note text, v int, PRIMARY KEY (a, b));
CREATE TABLE uniq (code text NOT NULL, note text, v int);
CREATE UNIQUE INDEX uniq_code ON uniq (code);
CREATE TABLE later (id int);
INSERT INTO heap SELECT 'n' || g, NULL FROM generate_series(1, 50) g;
INSERT INTO pk SELECT g, 'n' || g FROM generate_series(1, 250) g;
INSERT INTO pk2 SELECT g % 3, 'k' || g, 'n' FROM generate_series(1, 250) g;
INSERT INTO uniq SELECT 'c' || g, NULL FROM generate_series(1, 250) g`)
	db := open(t, url)
	first := ddl("public.later.w", `ALTER TABLE later ADD COLUMN w int`)
	refused := []struct {
		step planner.Step
		want string
	}{
		{backfillStep("heap"), "public.heap has no primary key or unique NOT NULL key"},
		{backfillStep("heap", "note"), "its key (note) has a column that is missing or allows NULL"},
		{backfillStep("nullable", "code"), "its key (code) has a column that is missing or allows NULL"},
		{backfillStep("partial", "code"), "no unique index covers its key (code)"},
		{backfillStep("pk", "id", "nosuch"), "has a column that is missing"},
	}
	for _, c := range refused {
		_, err := Run(context.Background(), db, plan(first, c.step), Options{})
		var uk *UnusableKeyError
		if !errors.As(err, &uk) || uk.Step.ID != 2 {
			t.Fatalf("%s: want an UnusableKeyError for step 2, got %v", c.want, err)
		}
		for _, want := range []string{c.want, "nothing was changed", "add a primary key", "do this step by hand", "v = length(coalesce(note, '')) + 1", "the rows where v IS NULL"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error lacks %q:\n%v", want, err)
			}
		}
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_namespace WHERE nspname = 'tide'") + queryInt(t, url, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'later'::regclass AND attname = 'w'"); n != 0 {
		t.Fatal("a refused apply touched the database")
	}
	if _, err := Run(context.Background(), db, plan(backfillStep("pk", "id"), backfillStep("pk2", "a", "b"), backfillStep("uniq", "code")), Options{}); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, url, "SELECT (SELECT count(*) FROM pk WHERE v IS NULL) + (SELECT count(*) FROM pk2 WHERE v IS NULL) + (SELECT count(*) FROM uniq WHERE v IS NULL)"); n != 0 {
		t.Fatalf("%d rows left unfilled", n)
	}
}

// TestBackfillNoReplicasNeverPauses: with --max-replica-lag set and no
// replica (the test server has none), every batch runs without waiting and
// the log says no replica reports a lag.
func TestBackfillNoReplicasNeverPauses(t *testing.T) {
	url := pgtest.NewDB(t)
	if n := queryInt(t, url, "SELECT count(*) FROM pg_stat_replication"); n != 0 {
		t.Fatalf("the test server has %d replicas; this test needs a server without any", n)
	}
	pgtest.Exec(t, url, "CREATE TABLE pk (id int PRIMARY KEY, note text, v int); INSERT INTO pk SELECT g, 'x' FROM generate_series(1, 500) g")
	db := open(t, url)
	var log bytes.Buffer
	batches := 0
	_, err := Run(context.Background(), db, plan(backfillStep("pk", "id")), Options{MaxReplicaLag: 1, TargetBatchTime: -1, Log: &log,
		OnBatch: func(p BatchProgress) {
			batches++
			if p.ReplicaWait != 0 {
				t.Errorf("batch %d waited %s for replicas", p.Batch, p.ReplicaWait)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if batches != 5 {
		t.Fatalf("%d batches, want 5", batches)
	}
	if !strings.Contains(log.String(), "replicas: none reports a replay lag") || strings.Contains(log.String(), "pauses until") || strings.Contains(log.String(), "warning") {
		t.Fatalf("log:\n%s", log.String())
	}
}

// TestBackfillProgressBar: with ProgressBar the backfill draws a bar redrawn
// in place (carriage returns, erase-line codes) and leaves its final state
// on a line of its own; log lines never run into it.
func TestBackfillProgressBar(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE pk (id int PRIMARY KEY, note text, v int); INSERT INTO pk SELECT g, 'x' FROM generate_series(1, 500) g")
	db := open(t, url)
	var log bytes.Buffer
	if _, err := Run(context.Background(), db, plan(backfillStep("pk", "id")), Options{ProgressBar: true, TargetBatchTime: -1, Log: &log}); err != nil {
		t.Fatal(err)
	}
	out := log.String()
	for _, want := range []string{"\rbackfill public.pk [", "100%  500/~500 rows", "rows/s\x1b[K\n", "step 1: backfill of public.pk done: 500 rows"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%q", want, out)
		}
	}
	if i, j := strings.LastIndex(out, "100%"), strings.Index(out, "backfill of public.pk done"); i > j {
		t.Errorf("the final bar comes after the done line:\n%q", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if k := strings.LastIndex(line, "\r"); k > 0 && !strings.HasPrefix(line[k:], "\r\x1b[K") && !strings.HasPrefix(line[k:], "\rbackfill") {
			t.Errorf("a line overwrites the bar without erasing it: %q", line)
		}
	}
	// Without ProgressBar no control character reaches the log.
	log.Reset()
	pgtest.Exec(t, url, "UPDATE pk SET v = NULL")
	if _, err := Run(context.Background(), db, plan(backfillStep("pk", "id")), Options{TargetBatchTime: -1, Log: &log}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(log.String(), "\r\x1b") {
		t.Fatalf("control characters without a terminal:\n%q", log.String())
	}
}
