package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tidedb/tide/inspect/mysql/mytest"
)

// tide apply, status and rollback on MySQL and MariaDB, against the local
// MariaDB (TIDE_TEST_MYSQL_URL to use another server).

// mysqlTarget is a scratch database for an apply test: its URL, its name
// and a pool on it (mytest.NewDB drops it, and its rows in the server's
// tide history, when the test ends).
type mysqlTarget struct {
	url, name string
	db        *sql.DB
}

func newMySQLTarget(t *testing.T) mysqlTarget {
	t.Helper()
	url := mytest.NewDB(t)
	name := mytest.Config(t, url).DBName
	return mysqlTarget{url: url, name: name, db: mytest.Open(t, url)}
}

// exec runs a script on the target.
func (m mysqlTarget) exec(t *testing.T, script string) {
	t.Helper()
	if _, err := m.db.Exec(script); err != nil {
		t.Fatalf("%v\n%s", err, script)
	}
}

// int reads one integer.
func (m mysqlTarget) int(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	var n sql.NullInt64
	if err := m.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n.Int64
}

// itemsRows loads table items (id, qty) with n rows, qty = id % 50.
func (m mysqlTarget) itemsRows(t *testing.T, n int) {
	t.Helper()
	m.exec(t, "CREATE TABLE items (id bigint PRIMARY KEY, qty int NULL, note varchar(20) NULL)")
	var rows []string
	for i := 1; i <= n; i++ {
		rows = append(rows, fmt.Sprintf("(%d, %d)", i, i%50))
		if len(rows) == 5000 || i == n {
			m.exec(t, "INSERT INTO items (id, qty) VALUES "+strings.Join(rows, ", "))
			rows = rows[:0]
		}
	}
	m.exec(t, "ANALYZE TABLE items")
}

// scoreHCL is items with a NOT NULL column score filled by qty * 2 + 1.
const scoreHCL = `
database { dialect = "mysql" }
table "items" {
  column "id" { type = "bigint" }
  column "qty" {
    type = "int"
    null = true
  }
  column "note" {
    type = "varchar(40)"
    null = true
  }
  column "score" {
    type     = "bigint"
    default  = "0"
    backfill = "COALESCE(qty, 0) * 2 + 1"
  }
  index "items_qty" { columns = ["qty"] }
  primary_key { columns = ["id"] }
}
table "owners" {
  column "id" { type = "int" }
  column "name" { type = "varchar(50)" }
  primary_key { columns = ["id"] }
}
`

// TestMySQLApplyEndToEnd: apply runs a plan with a new table, a grown
// column, an index and a column filled by a batched backfill, then made
// NOT NULL; every row holds its value, drift finds nothing, status shows
// the apply and its backfill, and a second apply has nothing to do.
func TestMySQLApplyEndToEnd(t *testing.T) {
	m := newMySQLTarget(t)
	m.itemsRows(t, 3000)
	desired := writeFiles(t, map[string]string{"s.hcl": scoreHCL})
	code, out, errOut := run(t, "apply", "--url", m.url, "--to", desired, "--auto-approve", "--batch-size", "400", "--batch-pause", "0")
	if code != exitOK {
		t.Fatalf("apply: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"backfill of " + m.name + ".items done: 3000 rows", "post-check: no drift"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "Applied 6 steps") {
		t.Errorf("stdout:\n%s", out)
	}
	if n := m.int(t, "SELECT COUNT(*) FROM items WHERE score = qty * 2 + 1"); n != 3000 {
		t.Fatalf("%d of 3000 rows have their score", n)
	}
	if code, out, errOut := run(t, "drift", "--url", m.url, "--to", desired); code != 0 {
		t.Fatalf("drift: exit %d\n%s%s", code, out, errOut)
	}
	// Apply ids are the server's: one history serves all its databases.
	code, out, _ = run(t, "status", "--url", m.url)
	if code != 0 || !regexp.MustCompile(`(?m)^#\d+ apply  done  phase all  by \S+ from \S+ \(tide apply\)`).MatchString(out) ||
		!strings.Contains(out, "backfill 3000 rows of ~3000 (100%)") || strings.Count(out, " apply ") != 1 {
		t.Errorf("status (exit %d):\n%s", code, out)
	}
	if code, out, errOut := run(t, "apply", "--url", m.url, "--to", desired, "--auto-approve"); code != 0 || !strings.Contains(out, "Nothing to do") {
		t.Fatalf("second apply: exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestMySQLApplyConcurrentThenKilled: tide apply runs as a process of its
// own, backfilling 20,000 rows in small batches. A second apply meanwhile
// exits 1 at once, naming the first's session (its connection id, which
// IS_USED_LOCK confirms). Then the first is killed with SIGKILL once a
// checkpoint is recorded; apply again finishes it from its checkpoint:
// every row holds its value and the batches of both runs add up to the
// table exactly (none walked twice, none skipped).
func TestMySQLApplyConcurrentThenKilled(t *testing.T) {
	const rows = 20000
	m := newMySQLTarget(t)
	m.itemsRows(t, rows)
	desired := writeFiles(t, map[string]string{"s.hcl": scoreHCL})
	child, childOut := tideProcess(t, "apply", "--url", m.url, "--to", desired, "--auto-approve", "--batch-size", "200", "--batch-pause", "15ms")
	checkpoint := m.waitForCheckpoint(t, childOut)

	holder := m.int(t, "SELECT IS_USED_LOCK(?)", "tide_apply."+m.name)
	code, out, errOut := run(t, "apply", "--url", m.url, "--to", desired, "--auto-approve")
	if code != exitError {
		t.Fatalf("second apply while the first runs: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"another apply is running", fmt.Sprintf("pid %d", holder), "application tide", "nothing was changed"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the second apply's error lacks %q:\n%s", want, errOut)
		}
	}

	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := child.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("tide apply was not killed by SIGKILL (%v); its output:\n%s", err, childOut)
	}
	left := m.int(t, "SELECT COUNT(*) FROM items WHERE score IS NULL")
	if left == 0 || left == rows {
		t.Fatalf("the kill did not land in the middle of the backfill: %d of %d rows left; output:\n%s", left, rows, childOut)
	}

	code, out, errOut = run(t, "apply", "--url", m.url, "--to", desired, "--auto-approve", "--batch-pause", "0")
	if code != exitOK {
		t.Fatalf("apply after the kill: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"the tide process died", "Finished apply #"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	re := regexp.MustCompile(`resuming the backfill of ` + regexp.QuoteMeta(m.name) + `\.items interrupted in apply (\d+) after key \["?\d+"?\] \((\d+) rows done\)`)
	match := re.FindStringSubmatch(errOut)
	if match == nil {
		t.Fatalf("the backfill did not resume from its checkpoint:\n%s", errOut)
	}
	if done, _ := strconv.ParseInt(match[2], 10, 64); done < checkpoint {
		t.Fatalf("resumed after %d rows, but %d were checkpointed before the kill", done, checkpoint)
	}
	if n := m.int(t, "SELECT COUNT(*) FROM items WHERE score = qty * 2 + 1"); n != rows {
		t.Fatalf("%d of %d rows hold their score", n, rows)
	}
	walked := m.int(t, `SELECT s.backfill_rows FROM tide.steps s JOIN tide.applies a ON a.id = s.apply_id
 WHERE a.db_name = ? AND s.backfill_rows IS NOT NULL ORDER BY s.apply_id DESC LIMIT 1`, m.name)
	if walked != rows {
		t.Fatalf("the backfill walked %d rows over both runs, want exactly %d", walked, rows)
	}
	if outcome := m.int(t, `SELECT COUNT(*) FROM tide.applies WHERE db_name = ? AND id = ? AND outcome = 'interrupted'`, m.name, match[1]); outcome != 1 {
		t.Fatalf("the killed apply #%s is not recorded as interrupted", match[1])
	}
	if code, out, errOut := run(t, "drift", "--url", m.url, "--to", desired); code != 0 {
		t.Fatalf("drift after the resumed apply: exit %d\n%s%s", code, out, errOut)
	}
}

// waitForCheckpoint polls the history until the target's running backfill
// has checkpointed some rows, and returns how many.
func (m mysqlTarget) waitForCheckpoint(t *testing.T, out fmt.Stringer) int64 {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var n sql.NullInt64
		err := m.db.QueryRow(`SELECT MAX(s.backfill_rows) FROM tide.steps s JOIN tide.applies a ON a.id = s.apply_id
 WHERE a.db_name = ?`, m.name).Scan(&n)
		if err == nil && n.Int64 > 0 {
			return n.Int64
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no backfill checkpoint within 20s; tide's output:\n%s", out)
	return 0
}

// twoColumnsSQL adds a column to table a and one to table b.
const twoColumnsSQL = "CREATE TABLE a (id int PRIMARY KEY, v varchar(10), w int);\nCREATE TABLE b (id int PRIMARY KEY, w int);\n"

// TestMySQLApplyRetriesThenNamesBlocker: a table held by LOCK TABLES …
// WRITE in another session makes the step hit lock_wait_timeout and retry
// until the session unlocks it, then apply succeeds; a table held by an
// open transaction that never ends makes apply give up after its retries
// (exit 1), naming that session by its connection id and its transaction;
// LOCK TABLES never released, with no metadata_lock_info plugin to name its
// holder, makes apply give up saying the table is locked and how to learn
// by whom.
func TestMySQLApplyRetriesThenNamesBlocker(t *testing.T) {
	ctx := context.Background()
	mytest.MetadataLockInfo(t, false)
	m := newMySQLTarget(t)
	m.exec(t, "CREATE TABLE a (id int PRIMARY KEY, v varchar(10)); CREATE TABLE b (id int PRIMARY KEY); INSERT INTO b VALUES (7)")
	after := writeFiles(t, map[string]string{"s.sql": twoColumnsSQL})

	locker, err := m.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	if _, err := locker.ExecContext(ctx, "LOCK TABLES a WRITE"); err != nil {
		t.Fatal(err)
	}
	unlocked := make(chan error, 1)
	go func() {
		time.Sleep(2500 * time.Millisecond)
		_, err := locker.ExecContext(ctx, "UNLOCK TABLES")
		unlocked <- err
	}()
	code, out, errOut := run(t, "apply", "--url", m.url, "--to", after, "--auto-approve", "--lock-timeout", "1s", "--lock-retries", "10")
	if err := <-unlocked; err != nil {
		t.Fatal(err)
	}
	if code != exitOK || !strings.Contains(errOut, "Lock wait timeout exceeded") || !strings.Contains(errOut, "retrying in") {
		t.Fatalf("apply while a is locked for 2.5s: exit %d\n%s\n%s", code, out, errOut)
	}

	m.exec(t, "ALTER TABLE a DROP COLUMN w; ALTER TABLE b DROP COLUMN w")
	holder, err := m.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	var holderID int64
	if err := holder.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&holderID); err != nil {
		t.Fatal(err)
	}
	tx, err := holder.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE b SET id = id WHERE id = 7"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, "apply", "--url", m.url, "--to", after, "--auto-approve", "--lock-timeout", "1s", "--lock-retries", "1")
	if code != exitError {
		t.Fatalf("apply while b is held: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"could not get the lock for step", "after 2 attempts", fmt.Sprintf("pid %d", holderID), "open transaction", m.name + ".b", "steps 1 completed"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}

	// LOCK TABLES outside a transaction: no query names its holder.
	if _, err := locker.ExecContext(ctx, "LOCK TABLES b WRITE"); err != nil {
		t.Fatal(err)
	}
	defer locker.ExecContext(ctx, "UNLOCK TABLES") //nolint:errcheck
	code, out, errOut = run(t, "apply", "--url", m.url, "--to", after, "--auto-approve", "--lock-timeout", "1s", "--lock-retries", "1")
	if code != exitError {
		t.Fatalf("apply while b is held by LOCK TABLES: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"no session could be named as holding a lock on " + m.name + ".b", m.name + ".b is locked: SHOW OPEN TABLES counts", "INSTALL SONAME 'metadata_lock_info'"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

// TestMySQLApplyPreflightRefusal: NULLs where a column becomes NOT NULL and
// duplicates where a unique index comes refuse the apply before anything
// runs (exit 1), with sample rows by key; nothing is changed or recorded.
func TestMySQLApplyPreflightRefusal(t *testing.T) {
	m := newMySQLTarget(t)
	m.exec(t, `CREATE TABLE items (id int PRIMARY KEY, qty int NULL, code varchar(10) NULL);
INSERT INTO items VALUES (1, 5, 'a'), (2, NULL, 'b'), (3, 7, 'dup'), (4, NULL, 'dup')`)
	after := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE items (id int PRIMARY KEY, qty int NOT NULL, code varchar(10) NULL, UNIQUE KEY items_code (code));\n"})
	code, out, errOut := run(t, "apply", "--url", m.url, "--to", after, "--auto-approve")
	if code != exitError {
		t.Fatalf("apply: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"refusing to apply", "nothing was changed", "2 rows of " + m.name + ".items where qty is NULL", "e.g. (", "dup"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if !regexp.MustCompile(`e\.g\. \((id=)?2\b`).MatchString(errOut) || !regexp.MustCompile(`e\.g\. \((id=)?4\b`).MatchString(errOut) {
		t.Errorf("the NULL sample does not name rows 2 and 4:\n%s", errOut)
	}
	if n := m.int(t, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND INDEX_NAME = 'items_code'", m.name); n != 0 {
		t.Fatal("the refused apply created the index")
	}
	if code, out, _ := run(t, "status", "--url", m.url); code != 0 || !strings.Contains(out, "No apply recorded") {
		t.Fatalf("status after the refusal: exit %d\n%s", code, out)
	}
}

// TestMySQLStaleSavedPlan: a saved plan is refused once the schema changed
// after it was planned, and runs once the schema is back.
func TestMySQLStaleSavedPlan(t *testing.T) {
	m := newMySQLTarget(t)
	m.exec(t, "CREATE TABLE a (id int PRIMARY KEY, v varchar(10)); CREATE TABLE b (id int PRIMARY KEY)")
	after := writeFiles(t, map[string]string{"s.sql": twoColumnsSQL})
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if code, _, errOut := run(t, "plan", "--url", m.url, "--to", after, "--out", planFile); code != 0 {
		t.Fatal(errOut)
	}
	m.exec(t, "CREATE TABLE intruder (id int)")
	if code, out, errOut := run(t, "apply", "--url", m.url, planFile, "--auto-approve"); code != exitError || !strings.Contains(errOut, "stale") {
		t.Fatalf("stale plan: exit %d\n%s\n%s", code, out, errOut)
	}
	m.exec(t, "DROP TABLE intruder")
	if code, out, errOut := run(t, "apply", "--url", m.url, planFile, "--auto-approve"); code != exitOK {
		t.Fatalf("fresh saved plan: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "drift", "--url", m.url, "--to", after); code != 0 {
		t.Fatalf("drift after the saved plan: exit %d\n%s%s", code, out, errOut)
	}
}

// TestMySQLFailedStepThenRollback: the second step of an apply fails (a
// type change whose copy meets a value the new type cannot hold, of a
// conversion no pre-flight check can foresee: text to a number); the
// first stays done, status shows the failure, and rollback undoes the
// first: the database matches where it started, with its data. The user
// has a password, which no output shows.
func TestMySQLFailedStepThenRollback(t *testing.T) {
	m := newMySQLTarget(t)
	start := "CREATE TABLE a (id int PRIMARY KEY, v varchar(10));\nCREATE TABLE b (id int PRIMARY KEY, n varchar(10));\n"
	m.exec(t, start+"INSERT INTO a VALUES (1, 'kept'); INSERT INTO b VALUES (7, 'x7')")
	before := writeFiles(t, map[string]string{"s.sql": start})
	after := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE a (id int PRIMARY KEY, v varchar(10), w int);\nCREATE TABLE b (id int PRIMARY KEY, n int);\n"})
	url := m.userWithPassword(t, "Pw-9f3kq7Zx")

	var outputs []string
	tide := func(args ...string) (int, string, string) {
		code, out, errOut := run(t, args...)
		outputs = append(outputs, out, errOut)
		return code, out, errOut
	}
	code, out, errOut := tide("apply", "--url", url, "--to", after, "--auto-approve")
	if code != exitError || !strings.Contains(errOut, "step 2") || !strings.Contains(errOut, "steps 1 completed") {
		t.Fatalf("apply: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = tide("status", "--url", url)
	if code != 0 || !regexp.MustCompile(`(?m)^#\d+ apply  failed`).MatchString(out) || !regexp.MustCompile(`Truncated incorrect INTEGER value|Incorrect integer value`).MatchString(out) {
		t.Fatalf("status: exit %d\n%s", code, out)
	}
	code, out, errOut = tide("rollback", "--url", url, "--auto-approve")
	if code != exitOK || !regexp.MustCompile(`Rolled back 1 steps of apply #\d+`).MatchString(out) || !strings.Contains(out, "DROP COLUMN `w`") {
		t.Fatalf("rollback: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := tide("drift", "--url", url, "--to", before); code != 0 {
		t.Fatalf("after rollback the database differs from where it started: exit %d\n%s%s", code, out, errOut)
	}
	if n := m.int(t, "SELECT (SELECT COUNT(*) FROM a WHERE id = 1 AND v = 'kept') + (SELECT COUNT(*) FROM b WHERE id = 7 AND n = 'x7')"); n != 2 {
		t.Fatal("rollback lost data")
	}
	if code, _, errOut := tide("rollback", "--url", url, "--auto-approve"); code != exitError || !strings.Contains(errOut, "already rolled back") {
		t.Fatalf("second rollback: exit %d %s", code, errOut)
	}
	for _, o := range outputs {
		if strings.Contains(o, "Pw-9f3kq7Zx") {
			t.Fatalf("the password was printed:\n%s", o)
		}
	}
}

// userWithPassword creates a user with a password allowed on the target,
// the history database and tide's shadow databases, dropped when the test
// ends, and returns the target's URL for it.
func (m mysqlTarget) userWithPassword(t *testing.T, password string) string {
	t.Helper()
	user := "tide_u_" + m.name[len(m.name)-8:]
	admin := mytest.Open(t, mytest.ServerURL())
	for _, host := range []string{"%", "localhost"} {
		account := fmt.Sprintf("'%s'@'%s'", user, host)
		for _, s := range []string{
			"CREATE USER " + account + " IDENTIFIED BY '" + password + "'",
			"GRANT ALL ON `" + m.name + "`.* TO " + account,
			"GRANT ALL ON tide.* TO " + account,
			"GRANT ALL ON `tide\\_shadow\\_%`.* TO " + account,
		} {
			if _, err := admin.Exec(s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		t.Cleanup(func() { _, _ = admin.Exec("DROP USER IF EXISTS " + account) })
	}
	cfg := mytest.Config(t, m.url)
	return "mysql://" + user + ":" + password + "@" + cfg.Addr + "/" + m.name
}
