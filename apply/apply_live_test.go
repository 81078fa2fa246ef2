package apply

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect"
	_ "github.com/tidedb/tide/inspect/postgres" // registers postgres:// URLs
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

// open connects to a test database.
func open(t *testing.T, url string) inspect.Database {
	t.Helper()
	db, err := inspect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// plan wraps steps into a plan, numbering them.
func plan(steps ...planner.Step) *planner.Plan {
	p := &planner.Plan{FormatVersion: planner.FormatVersion, Dialect: "postgres", Fingerprint: "sha256:test"}
	byPhase := map[dialects.Phase]int{}
	for i, st := range steps {
		st.ID = i + 1
		if st.LockTimeout == "" {
			st.LockTimeout = "2s"
		}
		if st.StatementTimeout == "" {
			st.StatementTimeout = "0s"
		}
		ph := dialects.PhaseExpand
		if st.Backfill != nil {
			ph = dialects.PhaseBackfill
		}
		if n, ok := byPhase[ph]; ok && n == len(p.Phases)-1 {
			p.Phases[n].Steps = append(p.Phases[n].Steps, st)
		} else {
			byPhase[ph] = len(p.Phases)
			p.Phases = append(p.Phases, planner.Phase{Name: ph, Steps: []planner.Step{st}})
		}
	}
	p.Summary.Steps = len(steps)
	return p
}

func ddl(object, stmt string, rollback ...string) planner.Step {
	return planner.Step{Object: object, Change: "test", Summary: stmt, Statements: []string{stmt}, Transactional: true, Rollback: rollback}
}

func queryInt(t *testing.T, url, q string) int64 {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	var n int64
	if err := c.QueryRow(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// holdLock opens a session that holds LOCK TABLE … ACCESS EXCLUSIVE on
// table until release is called; it returns the session's pid.
func holdLock(t *testing.T, url, table string) (pid int64, release func()) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "SET application_name = 'lock-holder-test'"); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "LOCK TABLE "+table+" IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release = func() { once.Do(func() { _ = tx.Rollback(ctx); c.Close(ctx) }) }
	t.Cleanup(release)
	return pid, release
}

func fast(o Options) Options {
	o.BackoffStart, o.BackoffMax = 10*time.Millisecond, 50*time.Millisecond
	return o
}

// TestTwoAppliesAtOnce: while one apply runs (held inside a backfill batch
// callback), a second one fails at once naming the first one's session, and
// touches nothing.
func TestTwoAppliesAtOnce(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t SELECT g, NULL FROM generate_series(1, 300) g")
	db := open(t, url)
	bf := planner.Step{Object: "public.t.v", Change: "backfill", Summary: "backfill v",
		Backfill: &dialects.Backfill{Table: schema.QName{Schema: "public", Name: "t"}, Key: []string{"id"}, Set: []dialects.Assignment{{Column: "v", Expr: "id"}}, BatchSize: 100}}
	inBatch, proceed := make(chan struct{}), make(chan struct{})
	var once sync.Once
	done := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), db, plan(bf), Options{TargetBatchTime: -1, OnBatch: func(BatchProgress) {
			once.Do(func() { close(inBatch); <-proceed })
		}})
		done <- err
	}()
	<-inBatch
	second := open(t, url)
	_, err := Run(context.Background(), second, plan(ddl("public.t", `ALTER TABLE t ADD COLUMN w int`)), Options{})
	close(proceed)
	var held *LockHeldError
	if !errors.As(err, &held) || len(held.Holders) != 1 || held.Holders[0].Application != "tide apply" {
		t.Fatalf("second apply: want a LockHeldError naming the first apply's session, got %v", err)
	}
	for _, want := range []string{"another apply is running", "pid ", "tide apply", ", since ", "nothing was changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("first apply: %v", err)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM information_schema.columns WHERE table_name = 't' AND column_name = 'w'"); n != 0 {
		t.Fatal("the refused apply added its column")
	}
	if n := queryInt(t, url, "SELECT count(*) FROM t WHERE v = id"); n != 300 {
		t.Fatalf("first apply backfilled %d of 300 rows", n)
	}
}

// TestLockTimeoutRetries: a step blocked by another session's ACCESS
// EXCLUSIVE lock retries, and succeeds once the lock is released; when it
// never is, the step fails naming the blocking session.
func TestLockTimeoutRetries(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY)")
	db := open(t, url)
	step := ddl("public.t.c", `ALTER TABLE "public"."t" ADD COLUMN c int`, `ALTER TABLE "public"."t" DROP COLUMN c`)
	step.LockTimeout = "50ms"

	t.Run("released", func(t *testing.T) {
		_, release := holdLock(t, url, "t")
		time.AfterFunc(400*time.Millisecond, release)
		rep, err := Run(context.Background(), db, plan(step), fast(Options{LockRetries: 30}))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Steps[0].Attempts < 2 {
			t.Fatalf("the step took %d attempt(s); it should have retried while the table was locked", rep.Steps[0].Attempts)
		}
		if n := queryInt(t, url, "SELECT attempts FROM tide.steps ORDER BY apply_id DESC LIMIT 1"); n != int64(rep.Steps[0].Attempts) {
			t.Fatalf("history records %d attempts, report %d", n, rep.Steps[0].Attempts)
		}
	})
	t.Run("never released", func(t *testing.T) {
		drop := ddl("public.t.c", `ALTER TABLE "public"."t" DROP COLUMN c`)
		drop.LockTimeout = "50ms"
		pid, _ := holdLock(t, url, "t")
		_, err := Run(context.Background(), db, plan(drop), fast(Options{LockRetries: 2}))
		var blocked *BlockedError
		if !errors.As(err, &blocked) || blocked.Attempts != 3 {
			t.Fatalf("want a BlockedError after 3 attempts, got %v", err)
		}
		if len(blocked.Blockers) != 1 || blocked.Blockers[0].PID != pid || blocked.Blockers[0].Application != "lock-holder-test" {
			t.Fatalf("blockers %+v, want pid %d", blocked.Blockers, pid)
		}
		for _, want := range []string{"after 3 attempts", "public.t", "lock-holder-test", "AccessExclusiveLock", "LOCK TABLE t"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error lacks %q:\n%v", want, err)
			}
		}
	})
}

// TestBackfillInterruptedAndResumed: a backfill cancelled after 3 batches
// records "interrupted" with a checkpoint; the next apply resumes after the
// checkpointed key, and every row is updated exactly once.
func TestBackfillInterruptedAndResumed(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE t (a int, b text, n int NOT NULL DEFAULT 0, PRIMARY KEY (a, b));
INSERT INTO t (a, b) SELECT g % 7, 'k' || g FROM generate_series(1, 1000) g`)
	db := open(t, url)
	bf := planner.Step{Object: "public.t.n", Change: "backfill", Summary: "count n", Estimate: planner.Estimate{Rows: 1000},
		// n = n + 1 is deliberately not idempotent: a row done twice shows.
		Backfill: &dialects.Backfill{Table: schema.QName{Schema: "public", Name: "t"}, Key: []string{"a", "b"},
			Set: []dialects.Assignment{{Column: "n", Expr: "n + 1"}}, BatchSize: 100}}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var log bytes.Buffer
	_, err := Run(ctx, db, plan(bf), Options{TargetBatchTime: -1, Log: &log, OnBatch: func(p BatchProgress) {
		if p.Batch == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("want ErrInterrupted, got %v", err)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM t WHERE n = 1"); n != 300 {
		t.Fatalf("after 3 batches %d rows are done, want 300", n)
	}
	if n := queryInt(t, url, "SELECT backfill_rows FROM tide.steps WHERE outcome = 'interrupted'"); n != 300 {
		t.Fatalf("checkpoint says %d rows", n)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM tide.applies WHERE outcome = 'interrupted'"); n != 1 {
		t.Fatal("the apply is not recorded as interrupted")
	}

	var first *BatchProgress
	var last BatchProgress
	rep, err := Run(context.Background(), db, plan(bf), Options{OnBatch: func(p BatchProgress) {
		if first == nil {
			first = &p
		}
		last = p
	}})
	if err != nil {
		t.Fatalf("resumed apply: %v\n%s", err, log.String())
	}
	if first == nil || !first.Resumed || first.Rows-int64(first.BatchRows) != 300 {
		t.Fatalf("the second apply did not resume after the checkpoint: %+v", first)
	}
	if last.Rows != 1000 {
		t.Fatalf("rows done %d, want 1000", last.Rows)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM t WHERE n <> 1"); n != 0 {
		t.Fatalf("%d rows were updated twice or never", n)
	}
	if rep.Done() != 1 {
		t.Fatalf("report: %+v", rep)
	}
	// A third apply of the same step starts afresh: the backfill finished.
	if n := queryInt(t, url, "SELECT count(*) FROM tide.steps WHERE outcome = 'done' AND backfill_rows = 1000"); n != 1 {
		t.Fatal("the finished backfill is not recorded with 1000 rows")
	}
}

// TestPreflightRefuses: a count > 0 refuses the apply with a sample of the
// offending keys, before anything (not even the history) is touched.
func TestPreflightRefuses(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY, email text); INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, NULL)")
	db := open(t, url)
	st := ddl("public.t.email", `ALTER TABLE t ALTER COLUMN email SET NOT NULL`)
	st.Preflight = []dialects.Preflight{{Kind: "not_null", Description: "rows of public.t where email is NULL",
		SQL: "SELECT count(*) FROM t WHERE email IS NULL", SampleSQL: "SELECT id FROM t WHERE email IS NULL ORDER BY id LIMIT 5"}}
	// A check on a table the plan creates cannot run yet: it is deferred.
	later := ddl("public.u", `CREATE TABLE u (id int)`)
	later.Preflight = []dialects.Preflight{{Kind: "check", Description: "x", SQL: "SELECT count(*) FROM u"}}
	_, err := Run(context.Background(), db, plan(later, st), Options{})
	var pf *PreflightError
	if !errors.As(err, &pf) || len(pf.Failures) != 1 || pf.Failures[0].Count != 2 || pf.Before != 0 {
		t.Fatalf("want a pre-flight refusal of 2 rows, got %v", err)
	}
	for _, want := range []string{"nothing was changed", "step 2", "2 rows of public.t where email is NULL", "e.g. (id=2)", "e.g. (id=3)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('tide') OR EXISTS (SELECT FROM pg_class WHERE relname = 'u')"); n != 0 {
		t.Fatal("a refused apply touched the database")
	}
}

// TestInvalidIndexDropped: a CREATE UNIQUE INDEX CONCURRENTLY that fails on
// duplicates leaves an INVALID index; apply drops it and tries again, three
// builds in all, and leaves no index behind.
func TestInvalidIndexDropped(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 5), (2, 5)")
	db := open(t, url)
	st := planner.Step{Object: "public.t_v_key", Change: "add_index", Summary: "unique index",
		Statements: []string{`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "t_v_key" ON "public"."t" ("v")`}}
	var log bytes.Buffer
	_, err := Run(context.Background(), db, plan(st), Options{Log: &log})
	if err == nil || !strings.Contains(err.Error(), "INVALID after 3 builds") {
		t.Fatalf("want the build to give up after 3 builds, got %v", err)
	}
	if c := strings.Count(log.String(), "is INVALID after build"); c != 3 {
		t.Fatalf("%d invalid builds logged, want 3:\n%s", c, log.String())
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_class WHERE relname = 't_v_key'"); n != 0 {
		t.Fatal("the invalid index was left behind")
	}
	// An invalid index left by an earlier run is found even though
	// IF NOT EXISTS makes the statement succeed, and is rebuilt.
	pgtest.Exec(t, url, "UPDATE t SET v = 6 WHERE id = 2")
	pgtest.Exec(t, url, "CREATE INDEX t_v_key ON t (v); UPDATE pg_index SET indisvalid = false WHERE indexrelid = 't_v_key'::regclass")
	if _, err := Run(context.Background(), db, plan(st), Options{}); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_index WHERE indexrelid = 't_v_key'::regclass AND indisvalid AND indisunique"); n != 1 {
		t.Fatal("the index was not rebuilt valid and unique")
	}
}

// TestFailedStepHistoryAndRollback: a plan whose third step fails records
// the apply and its steps; Rollback undoes the two completed steps in
// reverse (the index outside a transaction) and leaves the data intact.
func TestFailedStepHistoryAndRollback(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'one'), (2, 'two')")
	db := open(t, url)
	idx := planner.Step{Object: "public.t_v_idx", Change: "add_index", Summary: "index v",
		Statements: []string{`CREATE INDEX CONCURRENTLY IF NOT EXISTS "t_v_idx" ON "public"."t" ("v")`},
		Rollback:   []string{`DROP INDEX CONCURRENTLY IF EXISTS "public"."t_v_idx"`}}
	p := plan(
		ddl("public.t.w", `ALTER TABLE "public"."t" ADD COLUMN w int`, `ALTER TABLE "public"."t" DROP COLUMN w`),
		idx,
		ddl("public.t.x", `ALTER TABLE "public"."t" ADD COLUMN x int REFERENCES nosuch (id)`, `ALTER TABLE "public"."t" DROP COLUMN x`),
	)
	_, err := Run(context.Background(), db, p, Options{TideVersion: "9.9.9"})
	var se *StepError
	if !errors.As(err, &se) || se.Step.ID != 3 || len(se.Applied) != 2 {
		t.Fatalf("want step 3 to fail after 2 steps, got %v", err)
	}
	recs, err := History(context.Background(), db, 10)
	if err != nil || len(recs) != 1 {
		t.Fatalf("history: %v %+v", err, recs)
	}
	a := recs[0]
	if a.Kind != "apply" || a.Outcome != StatusFailed || a.TideVersion != "9.9.9" || a.User != "postgres" || a.Application != "tide apply" || a.Fingerprint != "sha256:test" || a.Ended.IsZero() {
		t.Fatalf("apply record: %+v", a)
	}
	var outcomes []string
	for _, s := range a.Steps {
		outcomes = append(outcomes, s.Outcome)
	}
	if strings.Join(outcomes, ",") != "done,done,failed" || !strings.Contains(a.Steps[2].Error, "nosuch") {
		t.Fatalf("step records: %+v", a.Steps)
	}

	rp, err := PlanRollback(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if len(rp.Steps) != 2 || rp.Steps[0].ID != 2 || rp.Steps[1].ID != 1 {
		t.Fatalf("rollback plan: %+v", rp.Steps)
	}
	if _, err := Rollback(context.Background(), db, rp, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname IN ('w', 'x') AND NOT attisdropped"); n != 0 {
		t.Fatal("rollback left a column")
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_class WHERE relname = 't_v_idx'"); n != 0 {
		t.Fatal("rollback left the index")
	}
	if n := queryInt(t, url, "SELECT count(*) FROM t WHERE (id, v) IN ((1, 'one'), (2, 'two'))"); n != 2 {
		t.Fatal("rollback lost data")
	}
	if _, err := PlanRollback(context.Background(), db); !errors.Is(err, ErrNothingToRollBack) || !strings.Contains(err.Error(), "already rolled back") {
		t.Fatalf("a second rollback: %v", err)
	}
	var out bytes.Buffer
	recs, _ = History(context.Background(), db, 10)
	WriteStatus(&out, db.Target(), recs)
	for _, want := range []string{"#2 rollback  done", "#1 apply  failed", "rolled back by #2", "undo: index v", "step 3   failed", "nosuch"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, out.String())
		}
	}
}

// TestRollbackRefusesIrreversible: a completed irreversible step makes
// rollback refuse before anything runs.
func TestRollbackRefusesIrreversible(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY, v int)")
	db := open(t, url)
	drop := ddl("public.t.v", `ALTER TABLE t DROP COLUMN v`)
	drop.Irreversible = true
	if _, err := Run(context.Background(), db, plan(ddl("public.t.w", `ALTER TABLE t ADD COLUMN w int`, `ALTER TABLE t DROP COLUMN w`), drop), Options{}); err != nil {
		t.Fatal(err)
	}
	_, err := PlanRollback(context.Background(), db)
	var irr *IrreversibleError
	if !errors.As(err, &irr) || irr.Step.ID != 2 {
		t.Fatalf("want an IrreversibleError for step 2, got %v", err)
	}
}

// TestPostChecks: a leftover __tide column and a NOT VALID constraint fail
// the post-checks; a drift callback reporting differences fails them too.
func TestPostChecks(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY, v int)")
	db := open(t, url)
	p := plan(ddl("public.t", `ALTER TABLE t ADD COLUMN v__tide_new int, ADD CONSTRAINT t_v_chk CHECK (v > 0) NOT VALID`))
	_, err := Run(context.Background(), db, p, Options{DriftCheck: func(context.Context) ([]string, error) { return []string{"add_index public.x"}, nil }})
	var pc *PostCheckError
	if !errors.As(err, &pc) {
		t.Fatalf("want a PostCheckError, got %v", err)
	}
	for _, want := range []string{"column public.t.v__tide_new", "constraint not validated public.t.t_v_chk", "add_index public.x"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	// With --phase expand the temporary column is expected; the NOT VALID
	// constraint is not.
	p2 := plan(ddl("public.t", `ALTER TABLE t ADD COLUMN w int`))
	p2.Phases[0].Name = dialects.PhaseExpand
	_, err = Run(context.Background(), db, p2, Options{Phase: PhaseExpand})
	if !errors.As(err, &pc) || len(pc.Leftovers) != 1 || pc.Leftovers[0].Kind != "constraint not validated" {
		t.Fatalf("expand post-checks: %v", err)
	}
	pgtest.Exec(t, url, "ALTER TABLE t VALIDATE CONSTRAINT t_v_chk; ALTER TABLE t DROP COLUMN v__tide_new")
	if _, err := Run(context.Background(), db, plan(ddl("public.t", `ALTER TABLE t ADD COLUMN z int`)), Options{DriftCheck: func(context.Context) ([]string, error) { return nil, nil }}); err != nil {
		t.Fatalf("clean post-checks: %v", err)
	}
}
