package main

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestApplyNamesBlockerOnReferencedTable: a new foreign key waits for a
// lock on the table it references; when another session's open transaction
// (it updated a row of that table) holds it past every retry, apply fails
// (exit 1) naming that session and the referenced table.
func TestApplyNamesBlockerOnReferencedTable(t *testing.T) {
	url := pgtest.NewDB(t)
	start := "CREATE TABLE parent (id int PRIMARY KEY, name text);\nCREATE TABLE child (id int PRIMARY KEY, parent_id int);\n"
	pgtest.Exec(t, url, start+"INSERT INTO parent VALUES (1, 'one'); INSERT INTO child VALUES (1, 1);")
	after := writeFiles(t, map[string]string{"s.sql": "CREATE TABLE parent (id int PRIMARY KEY, name text);\nCREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));\n"})
	ctx := context.Background()
	holder, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	if _, err := holder.Exec(ctx, "SET application_name = 'parent-writer'"); err != nil {
		t.Fatal(err)
	}
	tx, err := holder.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, "UPDATE parent SET name = 'uno' WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "apply", "--url", url, "--to", after, "--auto-approve", "--lock-timeout", "50ms", "--lock-retries", "1")
	if code != exitError {
		t.Fatalf("blocked apply: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"after 2 attempts", "public.parent", "parent-writer", "RowExclusiveLock on public.parent", "UPDATE parent SET name"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	_ = tx.Rollback(ctx)
	if code, out, errOut := run(t, "apply", "--url", url, "--to", after, "--auto-approve"); code != exitOK {
		t.Fatalf("apply once the blocker ended: exit %d\n%s\n%s", code, out, errOut)
	}
}
