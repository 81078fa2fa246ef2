package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// phasesBefore is a table whose n changes type (int → bigint: a shadow
// column, a sync trigger and a backfill), whose note becomes NOT NULL (a
// helper check validated, then SET NOT NULL) and which gains a NOT NULL
// column filled by a backfill expression.
const phasesBefore = `CREATE TABLE t (id int PRIMARY KEY, n int, note text);
INSERT INTO t SELECT g, g * 10, 'note ' || g FROM generate_series(1, 3000) g;
ANALYZE t;`

const phasesAfter = `
database { dialect = "postgres" }
table "t" {
  column "id" { type = "int" }
  column "n" { type = "bigint" }
  column "note" {
    type = "text"
    null = false
  }
  column "score" {
    type     = "bigint"
    null     = false
    backfill = "id * 2"
  }
  primary_key { columns = ["id"] }
}
`

// TestExpandThenContract: 'tide apply --phase expand', rows written by the
// old application meanwhile, then 'tide apply --phase contract' in a
// process of its own: the contract runs the contract steps of the plan the
// expand stored (a fresh plan would misread the shadow column and its
// trigger), the database converges (a second plan is empty, drift exits
// 0), every row holds its value, and a second contract finds nothing
// pending. A --phase expand in between has nothing to do.
func TestExpandThenContract(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, phasesBefore)
	desired := writeFiles(t, map[string]string{"s.hcl": phasesAfter})

	code, out, errOut := run(t, "apply", "--url", url, "--to", desired, "--phase", "expand", "--auto-approve", "--batch-pause", "0")
	if code != exitOK || !strings.Contains(out, "Applied 7 steps") {
		t.Fatalf("expand: exit %d\n%s\n%s", code, out, errOut)
	}
	if !pgtest.QueryBool(t, url, `SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'n__tide_new')
  AND (SELECT attnotnull FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'note')
  AND format_type((SELECT atttypid FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'n'), NULL) = 'integer'`) {
		t.Fatal("the expand phase did not leave the shadow column beside the old int column, with note NOT NULL")
	}
	// The old application keeps writing between the phases; the new
	// version fills score itself.
	pgtest.Exec(t, url, `INSERT INTO t (id, n, note) VALUES (3001, 30010, 'late');
UPDATE t SET n = n + 1 WHERE id <= 10`)

	code, out, errOut = run(t, "apply", "--url", url, "--to", desired, "--phase", "expand", "--auto-approve")
	if code != exitOK || !strings.Contains(out, "Nothing to do: apply #1 already ran the expand phase") {
		t.Fatalf("a second expand: exit %d\n%s\n%s", code, out, errOut)
	}

	// Between the phases, plan shows the stored plan's contract steps, not
	// a fresh plan that would misread the shadow column and the trigger.
	code, out, errOut = run(t, "plan", "--url", url, "--to", desired)
	if code != exitOK || !strings.Contains(errOut, "apply #1 ran the expand phase of this plan") || !strings.Contains(out, "CONTRACT") || strings.Contains(out, "EXPAND") {
		t.Fatalf("plan between the phases: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run(t, "plan", "--url", url, "--to", writeFiles(t, map[string]string{"s.hcl": phasesAfter + "\n# another desired state\n" + `table "extra" {
  column "id" { type = "bigint" }
}
`}))
	if code != exitOK || !strings.Contains(errOut, "warning: apply #1 ran the expand phase of another plan") {
		t.Fatalf("plan of another desired state between the phases: exit %d\n%s\n%s", code, out, errOut)
	}

	child, childOut := tideProcess(t, "apply", "--url", url, "--to", desired, "--phase", "contract", "--auto-approve")
	if err := child.Wait(); err != nil {
		t.Fatalf("contract (a process of its own): %v\n%s", err, childOut)
	}
	for _, want := range []string{"Apply #1 ran the expand phase of this plan", "CONTRACT", "Applied the 3 contract steps of apply #1", "(apply #2;", "post-check: no drift"} {
		if !strings.Contains(childOut.String(), want) {
			t.Errorf("contract output lacks %q:\n%s", want, childOut)
		}
	}
	if strings.Contains(childOut.String(), "EXPAND") {
		t.Errorf("the contract run shows expand steps:\n%s", childOut)
	}

	if code, out, errOut := run(t, "plan", "--url", url, "--to", desired); code != exitOK || !strings.Contains(out, "No changes") {
		t.Fatalf("second plan: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "drift", "--url", url, "--to", desired); code != 0 {
		t.Fatalf("drift: exit %d\n%s\n%s", code, out, errOut)
	}
	if !pgtest.QueryBool(t, url, `SELECT count(*) = 3001
   AND count(*) FILTER (WHERE n = CASE WHEN id <= 10 THEN id * 10 + 1 ELSE id * 10 END) = 3001
   AND count(*) FILTER (WHERE score = id * 2) = 3001
   AND count(*) FILTER (WHERE note IS NOT NULL) = 3001
  FROM t`) {
		t.Fatal("after the contract some rows do not hold their values")
	}
	if !pgtest.QueryBool(t, url, `SELECT format_type(atttypid, NULL) = 'bigint' FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'n'`) {
		t.Fatal("n is not bigint after the contract")
	}

	code, _, errOut = run(t, "apply", "--url", url, "--to", desired, "--phase", "contract", "--auto-approve")
	if code != exitError || !strings.Contains(errOut, "no expanded plan is waiting for its contract phase") || !strings.Contains(errOut, "apply #2 already ran the contract phase of apply #1") {
		t.Fatalf("a second contract: exit %d\n%s", code, errOut)
	}
	code, out, errOut = run(t, "status", "--url", url)
	if code != 0 || !strings.Contains(out, "#2 apply  done  phase contract") || !strings.Contains(out, "#1 apply  done  phase expand") {
		t.Fatalf("status: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestContractRefusals: --phase contract refuses, changing nothing, when no
// expanded plan is pending, when no desired state is given to check, when
// the desired files differ from those the expand was planned from, and
// when the expand ran a saved plan but --to files are given; with the
// expand's own plan file it runs.
func TestContractRefusals(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, phasesBefore)
	desired := writeFiles(t, map[string]string{"s.hcl": phasesAfter})
	other := writeFiles(t, map[string]string{"s.hcl": strings.Replace(phasesAfter, `backfill = "id * 2"`, `backfill = "id * 3"`, 1)})

	code, _, errOut := run(t, "apply", "--url", url, "--to", desired, "--phase", "contract", "--auto-approve")
	if code != exitError || !strings.Contains(errOut, "no expanded plan is waiting") || !strings.Contains(errOut, "no apply is recorded") || !strings.Contains(errOut, "--phase expand") {
		t.Fatalf("contract without history: exit %d\n%s", code, errOut)
	}

	planFile := filepath.Join(t.TempDir(), "plan.json")
	if code, out, errOut := run(t, "plan", "--url", url, "--to", desired, "--out", planFile); code != exitOK {
		t.Fatalf("plan --out: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "apply", "--url", url, "--to", desired, "--phase", "expand", "--auto-approve", "--batch-pause", "0"); code != exitOK {
		t.Fatalf("expand: exit %d\n%s\n%s", code, out, errOut)
	}
	unchanged := `SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'n__tide_new' AND NOT attisdropped)
  AND format_type((SELECT atttypid FROM pg_attribute WHERE attrelid = 't'::regclass AND attname = 'n'), NULL) = 'integer'
  AND (SELECT count(*) FROM tide.applies) = 1`

	code, _, errOut = run(t, "apply", "--url", url, "--to", other, "--phase", "contract", "--auto-approve")
	if code != exitError || !strings.Contains(errOut, "the desired files given now differ from those its plan was made from") || !strings.Contains(errOut, "pass the same --to files") || !strings.Contains(errOut, "tide rollback") {
		t.Fatalf("contract with other desired files: exit %d\n%s", code, errOut)
	}
	// --phase all with other files must not plan afresh over the half-done
	// migration either.
	code, _, errOut = run(t, "apply", "--url", url, "--to", other, "--auto-approve")
	if code != exitError || !strings.Contains(errOut, "differ from those its plan was made from") {
		t.Fatalf("apply (all) with other desired files: exit %d\n%s", code, errOut)
	}
	code, _, errOut = run(t, "apply", "--url", url, "--phase", "contract", "--auto-approve")
	if code != exitError || !strings.Contains(errOut, "pass the desired files that plan was made from") {
		t.Fatalf("contract without desired files: exit %d\n%s", code, errOut)
	}
	if !pgtest.QueryBool(t, url, unchanged) {
		t.Fatal("a refused contract changed the database")
	}

	// A plan file that is not the expand's plan is refused; the expand's
	// own plan file would be accepted (its steps are those the expand ran).
	stale := filepath.Join(t.TempDir(), "other.json")
	if code, out, errOut := run(t, "plan", "--url", url, "--to", other, "--out", stale); code != exitOK {
		t.Fatalf("plan --out: exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut = run(t, "apply", "--url", url, "--phase", "contract", "--auto-approve", stale)
	if code != exitError || !strings.Contains(errOut, "is not the plan that apply expanded") {
		t.Fatalf("contract with another plan file: exit %d\n%s", code, errOut)
	}
	if !pgtest.QueryBool(t, url, unchanged) {
		t.Fatal("a refused contract changed the database")
	}
	code, out, errOut := run(t, "apply", "--url", url, "--phase", "contract", "--auto-approve", planFile)
	if code != exitOK || !strings.Contains(out, "Applied the 3 contract steps of apply #1") {
		t.Fatalf("contract with the expand's plan file: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "drift", "--url", url, "--to", desired); code != 0 {
		t.Fatalf("drift: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestContractAfterSavedPlanExpand: an expand run from a saved plan file
// records no desired-state fingerprint, so a contract given --to files is
// refused (tide cannot tell they are the same), and the plan file works.
func TestContractAfterSavedPlanExpand(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, phasesBefore)
	desired := writeFiles(t, map[string]string{"s.hcl": phasesAfter})
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if code, out, errOut := run(t, "plan", "--url", url, "--to", desired, "--out", planFile); code != exitOK {
		t.Fatalf("plan --out: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "apply", "--url", url, "--phase", "expand", "--auto-approve", "--batch-pause", "0", planFile); code != exitOK {
		t.Fatalf("expand from the plan file: exit %d\n%s\n%s", code, out, errOut)
	}
	code, _, errOut := run(t, "apply", "--url", url, "--to", desired, "--phase", "contract", "--auto-approve")
	if code != exitError || !strings.Contains(errOut, "it ran a saved plan file") || !strings.Contains(errOut, "pass that plan file") {
		t.Fatalf("contract with --to after a plan-file expand: exit %d\n%s", code, errOut)
	}
	code, out, errOut := run(t, "apply", "--url", url, "--phase", "contract", "--auto-approve", planFile)
	if code != exitOK || !strings.Contains(out, "Applied the 3 contract steps of apply #1") {
		t.Fatalf("contract from the plan file: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "drift", "--url", url, "--to", desired); code != 0 {
		t.Fatalf("drift: exit %d\n%s\n%s", code, out, errOut)
	}
}
