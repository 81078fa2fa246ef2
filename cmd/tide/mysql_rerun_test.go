package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/planner"
)

// A MySQL step whose statement committed on the server after tide was
// killed, or that stopped between two of its statements, is run again
// from the plan stored with the killed apply: its done probes skip what
// already ran (dialects/mysql/rerun.go, apply's alreadyDone).

// rerunRows is the size of the tables whose ALTER … ALGORITHM=COPY runs
// long enough (seconds) for a test to kill tide while it runs.
const rerunRows = 1 << 19

// bigTable creates table name with the given columns (the first an id
// bigint primary key) and rerunRows rows, filling the others by fill, an
// expression on id.
func (m mysqlTarget) bigTable(t *testing.T, name, columns, fill string) {
	t.Helper()
	m.exec(t, "CREATE TABLE "+name+" ("+columns+")")
	m.exec(t, "INSERT INTO "+name+" SELECT 1, "+strings.ReplaceAll(fill, "id", "1"))
	for n := 1; n < rerunRows; n *= 2 {
		m.exec(t, fmt.Sprintf("INSERT INTO %s SELECT id + %d, %s FROM %s", name, n, strings.ReplaceAll(fill, "id", fmt.Sprintf("(id + %d)", n)), name))
	}
}

// waitForStatement polls the server's process list until a statement of
// the target's database matching like runs, and returns its connection id.
func (m mysqlTarget) waitForStatement(t *testing.T, like string, out fmt.Stringer) int64 {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		var id int64
		err := m.db.QueryRow("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE ? LIMIT 1", m.name, like).Scan(&id)
		if err == nil {
			return id
		}
		if !errors.Is(err, sql.ErrNoRows) {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no statement like %q ran within 60s; tide's output:\n%s", like, out)
	return 0
}

// waitGone polls the process list until connection id has no statement
// running any more.
func (m mysqlTarget) waitGone(t *testing.T, id int64) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if m.int(t, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND COMMAND = 'Query'", id) == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the statement of connection %d still runs after 2 minutes", id)
}

// killTide sends SIGKILL to a tide process and waits for it.
func killTide(t *testing.T, child *exec.Cmd, out fmt.Stringer) {
	t.Helper()
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := child.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("tide apply was not killed by SIGKILL (%v); its output:\n%s", err, out)
	}
}

// lastApply returns the id and outcome of the target's last apply, and the
// outcome of its step stepID.
func (m mysqlTarget) lastApply(t *testing.T, stepID int) (id int64, outcome, step string) {
	t.Helper()
	err := m.db.QueryRow(`SELECT a.id, a.outcome, COALESCE(s.outcome, '')
  FROM tide.applies a LEFT JOIN tide.steps s ON s.apply_id = a.id AND s.step_id = ?
 WHERE a.db_name = ? ORDER BY a.id DESC LIMIT 1`, stepID, m.name).Scan(&id, &outcome, &step)
	if err != nil {
		t.Fatal(err)
	}
	return id, outcome, step
}

// TestMySQLApplyKilledAfterAlterResumes: tide apply is killed with SIGKILL
// while the server copies a 500k-row table for its first step's ALTER
// TABLE … ADD COLUMN; the server goes on and commits the ALTER without
// tide, whose history still says the step runs. Running apply again resumes
// the killed apply: the step's probe finds the column, so the ALTER is not
// run again (it would fail: duplicate column, 1060), the next step runs,
// the history and status note it, and drift finds nothing.
func TestMySQLApplyKilledAfterAlterResumes(t *testing.T) {
	m := newMySQLTarget(t)
	m.bigTable(t, "items", "id bigint PRIMARY KEY, qty int NULL", "id % 50")
	desired := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE items (\n  id bigint PRIMARY KEY,\n  qty int NULL,\n" +
		"  twice bigint AS (qty * 2) STORED,\n  KEY items_qty (qty)\n);\n"})

	child, out := tideProcess(t, "apply", "--url", m.url, "--to", desired, "--auto-approve")
	alter := m.waitForStatement(t, "ALTER TABLE%ADD COLUMN `twice`%", out)
	killTide(t, child, out)
	m.waitGone(t, alter)
	if n := m.int(t, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'items' AND COLUMN_NAME = 'twice'", m.name); n != 1 {
		t.Fatal("the server did not finish the ALTER after tide was killed")
	}
	killed, outcome, step := m.lastApply(t, 1)
	if outcome != "running" || step != "running" {
		t.Fatalf("the kill did not land during the ALTER: apply #%d is %q, its step 1 %q; output:\n%s", killed, outcome, step, out)
	}

	code, stdout, stderr := run(t, "apply", "--url", m.url, "--to", desired, "--auto-approve")
	if code != exitOK {
		t.Fatalf("apply after the kill: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"the tide process died", fmt.Sprintf("Finished apply #%d", killed)} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	note := fmt.Sprintf("all 1 statements were already done (apply #%d started this step and stopped before recording it done); nothing was run", killed)
	if !strings.Contains(stderr, "step 1: "+note) {
		t.Errorf("stderr lacks the note %q:\n%s", note, stderr)
	}
	if n := m.int(t, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND INDEX_NAME = 'items_qty'", m.name); n != 1 {
		t.Error("the step after the killed one did not run")
	}
	if n := m.int(t, "SELECT COUNT(*) FROM items WHERE twice = qty * 2"); n != rerunRows {
		t.Errorf("%d of %d rows hold twice", n, rerunRows)
	}
	if code, out, errOut := run(t, "drift", "--url", m.url, "--to", desired); code != 0 {
		t.Fatalf("drift after the resumed apply: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "status", "--url", m.url); code != 0 || !strings.Contains(out, "note: "+note) ||
		!regexp.MustCompile(fmt.Sprintf(`(?m)^#%d apply  interrupted`, killed)).MatchString(out) {
		t.Errorf("status (exit %d) does not show the killed apply interrupted and the note:\n%s", code, out)
	}
}

// TestMySQLApplyForeignKeyReplaceKilledBetweenDropAndAdd: a foreign key
// replaced by one with ON DELETE CASCADE is a step of two statements, DROP
// FOREIGN KEY then ADD CONSTRAINT (a table copy). The plan is rendered for
// MySQL 8 — no DROP FOREIGN KEY IF EXISTS — and run by tide apply from a
// saved plan; tide is killed with SIGKILL during the ADD, which the server
// then abandons (KILL QUERY, as a lost connection or a restart would), so
// the key is dropped and not added back. Running apply again resumes the
// killed apply: the first probe finds the key gone, so the DROP is not run
// again (it would fail: 1091), the ADD runs, and drift finds nothing.
func TestMySQLApplyForeignKeyReplaceKilledBetweenDropAndAdd(t *testing.T) {
	ctx := context.Background()
	m := newMySQLTarget(t)
	m.exec(t, "CREATE TABLE owners (id int PRIMARY KEY)")
	m.exec(t, "INSERT INTO owners VALUES (0), (1), (2), (3), (4), (5), (6)")
	m.bigTable(t, "items", "id bigint PRIMARY KEY, owner_id int NULL", "id % 7")
	m.exec(t, "ALTER TABLE items ADD CONSTRAINT items_owner FOREIGN KEY (owner_id) REFERENCES owners (id)")
	desired := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE owners (id int PRIMARY KEY);\n" +
		"CREATE TABLE items (\n  id bigint PRIMARY KEY,\n  owner_id int NULL,\n" +
		"  CONSTRAINT items_owner FOREIGN KEY (owner_id) REFERENCES owners (id) ON DELETE CASCADE\n);\n"})

	o := &options{url: m.url, to: multiFlag{desired}}
	tgt, err := openTarget(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := buildPlan(tgt.current, tgt.desired, tgt.d, o, dialects.Version{Flavor: "mysql", Major: 8, Minor: 0, Patch: 36}, tgt.db.Target())
	tgt.db.Close()
	if err != nil {
		t.Fatal(err)
	}
	steps := p.Steps()
	wantDrop := "ALTER TABLE `items` DROP FOREIGN KEY `items_owner`, ALGORITHM=INPLACE, LOCK=NONE"
	if len(steps) != 1 || len(steps[0].Statements) != 2 || steps[0].Statements[0] != wantDrop || len(steps[0].DoneProbes) != 2 {
		t.Fatalf("want one step: %s, then the ADD, with a probe each; the plan has %+v", wantDrop, steps)
	}
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if err := writePlanFile(planFile, p); err != nil {
		t.Fatal(err)
	}
	if _, err := planner.ReadJSON(strings.NewReader(readFile(t, planFile))); err != nil {
		t.Fatal(err)
	}

	child, out := tideProcess(t, "apply", "--url", m.url, planFile, "--auto-approve")
	add := m.waitForStatement(t, "ALTER TABLE%ADD CONSTRAINT `items_owner`%", out)
	killTide(t, child, out)
	m.exec(t, fmt.Sprintf("KILL QUERY %d", add))
	m.waitGone(t, add)
	if n := m.int(t, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND CONSTRAINT_NAME = 'items_owner'", m.name); n != 0 {
		t.Fatal("the foreign key is still there: the stop did not land between the DROP and the ADD")
	}
	killed, outcome, step := m.lastApply(t, 1)
	if outcome != "running" || step != "running" {
		t.Fatalf("apply #%d is %q, its step 1 %q; want both running (killed); output:\n%s", killed, outcome, step, out)
	}

	code, stdout, stderr := run(t, "apply", "--url", m.url, "--to", desired, "--auto-approve")
	if code != exitOK {
		t.Fatalf("apply after the kill: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, fmt.Sprintf("Finished apply #%d", killed)) {
		t.Errorf("stdout:\n%s", stdout)
	}
	note := fmt.Sprintf("step 1: statements 1-1 of 2 were already done (apply #%d started this step and stopped before recording it done); ran the rest", killed)
	if !strings.Contains(stderr, note) {
		t.Errorf("stderr lacks %q:\n%s", note, stderr)
	}
	if n := m.int(t, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND CONSTRAINT_NAME = 'items_owner' AND DELETE_RULE = 'CASCADE'", m.name); n != 1 {
		t.Error("the foreign key was not added back with ON DELETE CASCADE")
	}
	if code, out, errOut := run(t, "drift", "--url", m.url, "--to", desired); code != 0 {
		t.Fatalf("drift after the resumed apply: exit %d\n%s%s", code, out, errOut)
	}
}
