package main

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestStatusShowsLineage: an apply that stops at a locked table, the apply
// that finishes it and the rollback that undoes both are listed by tide
// status with their links: the second resumes the first (which says it was
// resumed by it), the rollback undoes both (each says it was rolled back
// by it).
func TestStatusShowsLineage(t *testing.T) {
	url := pgtest.NewDB(t)
	start := "CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY);\n"
	pgtest.Exec(t, url, start)
	after := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE a (id int PRIMARY KEY, w int);\nCREATE TABLE b (id int PRIMARY KEY, w int);\n"})
	ctx := context.Background()
	holder, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, "LOCK TABLE b IN SHARE MODE"); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "apply", "--url", url, "--to", after, "--auto-approve", "--lock-timeout", "50ms", "--lock-retries", "0"); code != exitError {
		t.Fatalf("blocked apply: exit %d\n%s\n%s", code, out, errOut)
	}
	_ = tx.Rollback(ctx)
	if code, out, errOut := run(t, "apply", "--url", url, "--to", after, "--auto-approve"); code != exitOK || !strings.Contains(out, "Finished apply #1") {
		t.Fatalf("resuming apply: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "rollback", "--url", url, "--auto-approve"); code != exitOK {
		t.Fatalf("rollback: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut := run(t, "status", "--url", url)
	if code != exitOK {
		t.Fatalf("status: exit %d\n%s\n%s", code, out, errOut)
	}
	// Each record's lines, latest first.
	blocks := strings.Split(out, "\n#")
	if len(blocks) != 4 {
		t.Fatalf("want 3 records:\n%s", out)
	}
	for i, want := range [][]string{
		{"3 rollback  done", "undoes #2, #1"},
		{"2 apply  done", "resumes #1 (runs the rest of its plan)", "rolled back by #3"},
		{"1 apply  failed", "resumed by #2", "rolled back by #3"},
	} {
		for _, w := range want {
			if !strings.Contains(blocks[i+1], w) {
				t.Errorf("record %d lacks %q:\n#%s", 3-i, w, blocks[i+1])
			}
		}
	}
}
