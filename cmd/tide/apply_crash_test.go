package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// asTideEnv makes the test binary behave as the tide command (see
// TestMain), so that a test can run tide as a process of its own and kill
// it.
const asTideEnv = "TIDE_TEST_RUN_AS_TIDE"

// TestMain runs tide's main instead of the tests when asTideEnv is set: the
// os.Args[0] re-exec pattern, which needs no separate build of the binary.
func TestMain(m *testing.M) {
	if os.Getenv(asTideEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// tideProcess starts tide with args as a child process.
func tideProcess(t *testing.T, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), asTideEnv+"=1")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd, &out
}

const crashRows = 200000

// TestApplyKilledMidBackfillResumes: tide apply runs as a process of its own
// and is killed with SIGKILL in the middle of a 200k-row backfill, once a
// checkpoint is recorded. Running apply again finishes the killed apply
// from its stored plan: the backfill continues after its checkpoint (the
// rows it walks before and after add up to the table exactly: none walked
// twice, none skipped), every row holds its expected value, the killed
// apply is recorded as interrupted, and drift exits 0.
func TestApplyKilledMidBackfillResumes(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE items (id bigint PRIMARY KEY, note text);
INSERT INTO items SELECT g, 'note ' || g FROM generate_series(1, `+strconv.Itoa(crashRows)+`) g;
ANALYZE items`)
	desired := writeFiles(t, map[string]string{"s.hcl": `
database { dialect = "postgres" }
table "items" {
  column "id" { type = "bigint" }
  column "note" { type = "text" }
  column "score" {
    type     = "bigint"
    null     = false
    default  = "0"
    backfill = "id * 3 + length(note)"
  }
  primary_key { columns = ["id"] }
}
`})
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)

	child, out := tideProcess(t, "apply", "--url", url, "--to", desired, "--auto-approve", "--batch-size", "1000", "--batch-pause", "5ms")
	checkpoint := waitForCheckpoint(t, conn, out)
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = child.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("tide apply was not killed by SIGKILL (%v); its output:\n%s", err, out)
	}
	var left int64
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM items WHERE score IS NULL").Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left == 0 || left == crashRows {
		t.Fatalf("the kill did not land in the middle of the backfill: %d of %d rows left; output:\n%s", left, crashRows, out)
	}

	code, stdout, stderr := run(t, "apply", "--url", url, "--to", desired, "--auto-approve", "--batch-pause", "0")
	if code != exitOK {
		t.Fatalf("apply after the kill: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"The last apply #1", "the tide process died", "Finished apply #1", "Nothing to do"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	m := regexp.MustCompile(`resuming the backfill of public\.items interrupted in apply 1 after key \["?(\d+)"?\] \((\d+) rows done\)`).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("the backfill did not resume from the checkpoint:\n%s", stderr)
	}
	resumedFrom, _ := strconv.ParseInt(m[2], 10, 64)
	if resumedFrom < checkpoint {
		t.Fatalf("resumed after %d rows, but %d were checkpointed before the kill", resumedFrom, checkpoint)
	}

	var total, correct, walked int64
	if err := conn.QueryRow(ctx, "SELECT count(*), count(*) FILTER (WHERE score = id * 3 + length(note)) FROM items").Scan(&total, &correct); err != nil {
		t.Fatal(err)
	}
	if total != crashRows || correct != crashRows {
		t.Fatalf("%d rows, %d of them correct; want %d and %d", total, correct, crashRows, crashRows)
	}
	// The resumed step's row count continues from the checkpoint: had a
	// batch been walked twice or skipped, it would not end at the table's size.
	if err := conn.QueryRow(ctx, "SELECT backfill_rows FROM tide.steps WHERE apply_id = 2 AND backfill_rows IS NOT NULL").Scan(&walked); err != nil {
		t.Fatal(err)
	}
	if walked != crashRows {
		t.Fatalf("the backfill walked %d rows over both runs, want exactly %d", walked, crashRows)
	}
	var outcome string
	if err := conn.QueryRow(ctx, "SELECT outcome FROM tide.applies WHERE id = 1").Scan(&outcome); err != nil || outcome != "interrupted" {
		t.Fatalf("the killed apply is recorded as %q (%v), want interrupted", outcome, err)
	}
	if code, out, errOut := run(t, "drift", "--url", url, "--to", desired); code != 0 {
		t.Fatalf("drift after the resumed apply: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "apply", "--url", url, "--to", desired, "--auto-approve"); code != 0 || !strings.Contains(out, "Nothing to do") || strings.Contains(out, "Resuming") {
		t.Fatalf("a third apply: exit %d\n%s\n%s", code, out, errOut)
	}
}

// waitForCheckpoint polls the history until the running backfill has
// checkpointed some rows, and returns how many.
func waitForCheckpoint(t *testing.T, conn *pgx.Conn, out *strings.Builder) int64 {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var rows int64
		err := conn.QueryRow(context.Background(), "SELECT coalesce(max(backfill_rows), 0) FROM tide.steps").Scan(&rows)
		if err == nil && rows > 0 {
			return rows
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no backfill checkpoint within 20s; tide's output:\n%s", out)
	return 0
}
