package apply

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

// lineagePlan adds column v (expand), backfills it (backfill), adds
// column w (a second expand phase, as the plan helper groups steps) and,
// in the contract phase, drops column old (irreversible).
func lineagePlan() *planner.Plan {
	p := plan(
		ddl("public.t.v", `ALTER TABLE "public"."t" ADD COLUMN v int`, `ALTER TABLE "public"."t" DROP COLUMN v`),
		planner.Step{Object: "public.t.v", Change: "backfill", Summary: "backfill v", Estimate: planner.Estimate{Rows: 1000},
			Backfill: &dialects.Backfill{Table: schema.QName{Schema: "public", Name: "t"}, Key: []string{"id"},
				Set: []dialects.Assignment{{Column: "v", Expr: "id * 7"}}, Where: "v IS NULL", BatchSize: 100},
			Rollback: []string{"SELECT 1 /* nothing to undo: dropping v undoes it */"}},
		ddl("public.t.w", `ALTER TABLE "public"."t" ADD COLUMN w int`, `ALTER TABLE "public"."t" DROP COLUMN w`),
	)
	drop := ddl("public.t.old", `ALTER TABLE "public"."t" DROP COLUMN old`)
	drop.ID, drop.Irreversible, drop.LockTimeout, drop.StatementTimeout = 4, true, "2s", "0s"
	p.Phases = append(p.Phases, planner.Phase{Name: dialects.PhaseContract, Steps: []planner.Step{drop}})
	p.Summary.Steps++
	return p
}

// interruptAtBatch runs p's phase and cancels it after batch n of its
// backfill: the apply is recorded as interrupted.
func interruptAtBatch(t *testing.T, db inspect.Database, p *planner.Plan, phase string, n int, fp string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Run(ctx, db, p, Options{Phase: phase, TargetBatchTime: -1, DesiredFingerprint: fp, OnBatch: func(b BatchProgress) {
		if b.Batch == n {
			cancel()
		}
	}})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("want the apply interrupted, got %v", err)
	}
}

// resume finishes the unfinished last apply as tide apply does.
func resume(t *testing.T, db inspect.Database) *Report {
	t.Helper()
	u, err := FindUnfinished(context.Background(), db)
	if err != nil || u == nil {
		t.Fatalf("unfinished apply: %v %+v", err, u)
	}
	rep, err := Run(context.Background(), db, u.Plan, Options{Phase: u.Apply.Phase, Resumes: u.Apply.ID, TargetBatchTime: -1})
	if err != nil {
		t.Fatalf("resumed apply: %v", err)
	}
	return rep
}

// TestRollbackAfterResume: an apply interrupted in its backfill (step 1
// done) and resumed by a second apply (steps 2 and 3) is rolled back as a
// whole: rollback undoes step 3, 2 and 1 — not only the resuming apply's —
// the schema is back where it started with its data, both applies are
// marked rolled back, and nothing is left to roll back or resume.
func TestRollbackAfterResume(t *testing.T) {
	url := pgtest.NewDB(t)
	start := "CREATE TABLE t (id int PRIMARY KEY, note text, old int); INSERT INTO t SELECT g, 'n' || g, g FROM generate_series(1, 1000) g"
	pgtest.Exec(t, url, start)
	db := open(t, url)
	p := lineagePlan()
	interruptAtBatch(t, db, p, PhaseExpand, 3, "")
	if rep := resume(t, db); rep.ApplyID != 2 || rep.Done() != 2 {
		t.Fatalf("resumed apply: %+v", rep)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM t WHERE v = id * 7"); n != 1000 {
		t.Fatalf("%d rows backfilled over both applies, want 1000", n)
	}

	rp, err := PlanRollback(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, st := range rp.Steps {
		ids = append(ids, st.ID)
	}
	if len(ids) != 3 || ids[0] != 3 || ids[1] != 2 || ids[2] != 1 || len(rp.Applies) != 2 || rp.Applies[1].ID != 1 {
		t.Fatalf("rollback plan: steps %v of applies %+v; want 3, 2, 1 of #2 and #1", ids, rp.Applies)
	}
	if got := rp.AppliesList(); got != "#2 and the applies it resumed (#1)" {
		t.Fatalf("AppliesList = %q", got)
	}
	rep, err := Rollback(context.Background(), db, rp, Options{})
	if err != nil || rep.Done() != 3 {
		t.Fatalf("rollback: %v %+v", err, rep)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('id', 'note', 'old')"); n != 0 {
		t.Fatal("rollback left a column of the plan")
	}
	if n := queryInt(t, url, "SELECT count(*) FROM t WHERE note = 'n' || id AND old = id"); n != 1000 {
		t.Fatalf("%d of 1000 rows intact after the rollback", n)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM tide.applies WHERE kind = 'apply' AND rolled_back_by = 3"); n != 2 {
		t.Fatalf("%d applies marked rolled back by #3, want both", n)
	}
	if _, err := PlanRollback(context.Background(), db); !errors.Is(err, ErrNothingToRollBack) {
		t.Fatalf("a second rollback: %v", err)
	}
	if u, err := FindUnfinished(context.Background(), db); err != nil || u != nil {
		t.Fatalf("after the rollback something is still unfinished: %v %+v", err, u)
	}
	// Status links the three records.
	recs, err := History(context.Background(), db, 10)
	if err != nil || len(recs) != 3 {
		t.Fatalf("history: %v %+v", err, recs)
	}
	if recs[0].Kind != "rollback" || len(recs[0].Undoes) != 2 || recs[0].Undoes[0] != 2 || recs[0].Undoes[1] != 1 || recs[1].Resumes != 1 || recs[2].Resumes != 0 {
		t.Fatalf("links: rollback #%d undoes %v, #%d resumes #%d, #%d resumes #%d", recs[0].ID, recs[0].Undoes, recs[1].ID, recs[1].Resumes, recs[2].ID, recs[2].Resumes)
	}
	var out strings.Builder
	WriteStatus(&out, db.Target(), recs)
	for _, want := range []string{"#3 rollback  done", "undoes #2, #1", "resumes #1 (runs the rest of its plan)", "resumed by #2", "rolled back by #3"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, out.String())
		}
	}
}

// TestPendingAfterResumedExpand: an expand interrupted and resumed leaves
// its plan pending for the contract phase with the desired fingerprint
// recorded by the first run; the contract runs only the contract steps,
// linked to the expand; a rollback then undoes the contract apply alone,
// after which the expand is pending again.
func TestPendingAfterResumedExpand(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY, note text, old int); INSERT INTO t SELECT g, 'n' || g, g FROM generate_series(1, 1000) g")
	db := open(t, url)
	ctx := context.Background()
	var none *NoPendingError
	if _, err := FindPending(ctx, db); !errors.As(err, &none) || !strings.Contains(err.Error(), "no apply is recorded") {
		t.Fatalf("no history: %v", err)
	}
	p := lineagePlan()
	interruptAtBatch(t, db, p, PhaseExpand, 2, "sha256:desired")
	if _, err := FindPending(ctx, db); !errors.As(err, &none) || !strings.Contains(err.Error(), "did not finish (interrupted)") {
		t.Fatalf("interrupted expand: %v", err)
	}
	resume(t, db)
	pend, err := FindPending(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if pend.Apply.ID != 2 || pend.Applies != "#2, #1" || pend.DesiredFingerprint != "sha256:desired" || pend.Contract.Summary.Steps != 1 || pend.Contract.Steps()[0].ID != 4 || pend.Plan.Summary.Steps != 4 {
		t.Fatalf("pending: apply #%d (%s), fingerprint %q, contract %+v, plan of %d steps", pend.Apply.ID, pend.Applies, pend.DesiredFingerprint, pend.Contract.Steps(), pend.Plan.Summary.Steps)
	}
	if err := pend.CheckDesired("db", "sha256:desired"); err != nil {
		t.Fatal(err)
	}
	if err := pend.CheckDesired("db", "sha256:other"); err == nil || !strings.Contains(err.Error(), "differ from those its plan was made from") {
		t.Fatalf("another desired state: %v", err)
	}
	if err := pend.CheckPlan("db", "p.json", p); err != nil {
		t.Fatalf("the expand's own plan: %v", err)
	}
	other := lineagePlan()
	other.Phases[0].Steps[0].Statements = []string{`ALTER TABLE "public"."t" ADD COLUMN v bigint`}
	if err := pend.CheckPlan("db", "p.json", other); err == nil || !strings.Contains(err.Error(), "is not the plan that apply expanded") {
		t.Fatalf("another plan: %v", err)
	}

	// A contract run for an apply that no longer waits is refused under the lock.
	if _, err := Run(ctx, db, pend.Contract, Options{Phase: PhaseContract, Continues: 1}); err == nil || !strings.Contains(err.Error(), "apply #2, not #1, now waits") {
		t.Fatalf("contract of the wrong apply: %v", err)
	}
	rep, err := Run(ctx, db, pend.Contract, Options{Phase: PhaseContract, Continues: pend.Apply.ID})
	if err != nil || rep.Done() != 1 || rep.ApplyID != 3 {
		t.Fatalf("contract: %v %+v", err, rep)
	}
	if n := queryInt(t, url, "SELECT count(*) FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'old' AND NOT attisdropped"); n != 0 {
		t.Fatal("the contract did not drop old")
	}
	_, n, err := readStored(ctx, mustEngine(t, db), 3)
	if err != nil || n.Continues != 2 || n.DesiredFingerprint != "sha256:desired" || n.Resumes != 0 {
		t.Fatalf("notes of the contract apply: %+v %v", n, err)
	}
	if _, err := FindPending(ctx, db); !errors.As(err, &none) || !strings.Contains(err.Error(), "apply #3 already ran the contract phase of apply #2") {
		t.Fatalf("after the contract: %v", err)
	}
	var status strings.Builder
	recs, err := History(ctx, db, 10)
	if err != nil {
		t.Fatal(err)
	}
	WriteStatus(&status, db.Target(), recs)
	for _, want := range []string{"continues #2 (runs the contract phase of its plan)", "contract phase run by #3", "resumes #1", "resumed by #2"} {
		if !strings.Contains(status.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, status.String())
		}
	}
	// The contract's only step is irreversible: rollback refuses it.
	var irr *IrreversibleError
	if _, err := PlanRollback(ctx, db); !errors.As(err, &irr) || irr.ApplyID != 3 || irr.Step.ID != 4 {
		t.Fatalf("rollback of the contract: %v", err)
	}
}

// TestPendingSkipsRolledBack: applies undone by a finished rollback do not
// count: the expand before them is pending again; an expand whose plan has
// no contract step is not pending.
func TestPendingSkipsRolledBack(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY, note text, old int)")
	db := open(t, url)
	ctx := context.Background()
	p := lineagePlan()
	if _, err := Run(ctx, db, p, Options{Phase: PhaseExpand, DesiredFingerprint: "sha256:d"}); err != nil {
		t.Fatal(err)
	}
	later := plan(ddl("public.t.z", `ALTER TABLE "public"."t" ADD COLUMN z int`, `ALTER TABLE "public"."t" DROP COLUMN z`))
	if _, err := Run(ctx, db, later, Options{}); err != nil {
		t.Fatal(err)
	}
	var none *NoPendingError
	if _, err := FindPending(ctx, db); !errors.As(err, &none) || !strings.Contains(err.Error(), "the last apply #2 ran phase all") {
		t.Fatalf("after another apply: %v", err)
	}
	rp, err := PlanRollback(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Rollback(ctx, db, rp, Options{}); err != nil {
		t.Fatal(err)
	}
	if pend, err := FindPending(ctx, db); err != nil || pend.Apply.ID != 1 {
		t.Fatalf("after rolling back #2, #1 should be pending: %v %+v", err, pend)
	}
	// An expand-only plan leaves nothing pending.
	url2 := pgtest.NewDB(t)
	pgtest.Exec(t, url2, "CREATE TABLE t (id int PRIMARY KEY)")
	db2 := open(t, url2)
	if _, err := Run(ctx, db2, later, Options{Phase: PhaseExpand}); err != nil {
		t.Fatal(err)
	}
	if _, err := FindPending(ctx, db2); !errors.As(err, &none) || !strings.Contains(err.Error(), "has no contract step left") {
		t.Fatalf("expand-only plan: %v", err)
	}
}

func mustEngine(t *testing.T, db inspect.Database) *engine {
	t.Helper()
	eng, err := newEngine(db)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}
