package apply

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestBlockedByReferencedTable: adding a foreign key needs a lock on the
// referenced table too; a session with an open transaction that updated a
// row of that table blocks it. After its retries the step fails naming
// that session and the referenced table it holds, although nothing holds a
// lock on the step's own table.
func TestBlockedByReferencedTable(t *testing.T) {
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE parent (id int PRIMARY KEY, name text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int);
INSERT INTO parent VALUES (1, 'one'); INSERT INTO child VALUES (1, 1)`)
	db := open(t, url)
	ctx := context.Background()
	holder, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close(ctx)
	var pid int64
	if _, err := holder.Exec(ctx, "SET application_name = 'parent-writer'"); err != nil {
		t.Fatal(err)
	}
	if err := holder.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
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

	fk := ddl("public.child.child_parent_id_fkey",
		`ALTER TABLE "public"."child" ADD CONSTRAINT "child_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "public"."parent" ("id")`,
		`ALTER TABLE "public"."child" DROP CONSTRAINT "child_parent_id_fkey"`)
	fk.LockTimeout = "50ms"
	_, err = Run(ctx, db, plan(fk), fast(Options{LockRetries: 1}))
	var blocked *BlockedError
	if !errors.As(err, &blocked) || blocked.Attempts != 2 {
		t.Fatalf("want a BlockedError after 2 attempts, got %v", err)
	}
	if len(blocked.Blockers) != 1 || blocked.Blockers[0].PID != pid || blocked.Blockers[0].Table != "public.parent" || blocked.Blockers[0].Application != "parent-writer" {
		t.Fatalf("blockers %+v, want pid %d on public.parent", blocked.Blockers, pid)
	}
	if strings.Join(blocked.Tables, " ") != "public.child public.parent" {
		t.Fatalf("tables %q", blocked.Tables)
	}
	for _, want := range []string{"after 2 attempts", "(public.child, public.parent)", "parent-writer", "RowExclusiveLock on public.parent", "UPDATE parent SET name"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	_ = tx.Rollback(ctx)
	if _, err := Run(ctx, db, plan(fk), fast(Options{LockRetries: 1})); err != nil {
		t.Fatalf("after the blocker ended: %v", err)
	}
}
