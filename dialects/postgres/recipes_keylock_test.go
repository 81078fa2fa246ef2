package postgres

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestCopyForeignKeyLockOrder replays, step by step, the lock cycles that a
// key family's copy of a foreign key (added NOT VALID, locking both tables)
// can close with a writer, and checks that the writer never pays for it:
//
//   - a writer that holds the referenced table (a row inserted into authors)
//     and then deletes an author, whose ON DELETE CASCADE needs books: taken
//     in ALTER TABLE's own order (books, then authors) the step held books
//     while it waited for authors, and one of the two was cancelled as a
//     deadlock — the cycle TestKeyFamilyRecipeLive's writers once lost. The
//     step now locks authors first and holds nothing while it waits, so the
//     delete goes through at once.
//   - a writer that holds books (a row updated) and then updates an author:
//     this cycle remains with either order, and the step, whose lock_timeout
//     is cut under half of deadlock_timeout, must give way (lock timeout,
//     retryable) before the writer's deadlock check fires.
//
// The step runs under the executor's lock_timeout of 2s, more than the
// default deadlock_timeout of 1s.
func TestCopyForeignKeyLockOrder(t *testing.T) {
	before := `CREATE TABLE authors (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (id integer PRIMARY KEY, author_id integer NOT NULL REFERENCES authors (id) ON DELETE CASCADE, title text NOT NULL);`
	after := strings.ReplaceAll(before, "integer", "bigint")
	cur, des := parsedSchema(t, before), parsedSchema(t, after)
	actions := familyActions(t, cur, des, "authors.id", "books.author_id")
	add := -1
	for i, a := range actions {
		if strings.Contains(a.Summary, "a copy of foreign key") && strings.HasPrefix(a.Summary, "add ") {
			add = i
			break
		}
	}
	if add < 0 {
		t.Fatal("no action adds the copy of the foreign key")
	}

	url := pgtest.NewDB(t)
	admin := bfConn(t, url, nil)
	bfExec(t, admin, before,
		`INSERT INTO authors SELECT g, 'author ' || g FROM generate_series(1, 100) g`,
		`INSERT INTO books SELECT g, 1 + g % 100, 'book ' || g FROM generate_series(1, 300) g`)
	for i, a := range actions[:add] {
		if err := runStep(admin, a.Statements, a.Transactional); err != nil {
			t.Fatalf("action %d (%s): %v", i+1, a.Summary, err)
		}
	}
	step := actions[add]
	stepConn, writer := bfConn(t, url, nil), bfConn(t, url, nil)
	ctx := context.Background()
	bfExec(t, stepConn, `SET lock_timeout = '2s'`)
	if d := bfString(t, admin, `SHOW deadlock_timeout`); d != "1s" {
		t.Fatalf("deadlock_timeout is %s; the test assumes the default 1s", d)
	}

	// runStepAsync starts the step once the writer holds its first lock and
	// returns when the step waits for a lock, with the channel of its result.
	runStepAsync := func() <-chan error {
		done := make(chan error, 1)
		go func() { done <- runStep(stepConn, step.Statements, true) }()
		pid := stepConn.PgConn().PID()
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			if bfInt(t, admin, `SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = `+strconv.Itoa(int(pid))) > 0 {
				return done
			}
			if time.Now().After(deadline) {
				t.Fatal("the step never waited for the writer's lock")
			}
		}
	}

	t.Run("cascading delete", func(t *testing.T) {
		tx, err := writer.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		if _, err := tx.Exec(ctx, `INSERT INTO authors (id, name) VALUES (1000, 'new')`); err != nil {
			t.Fatal(err)
		}
		done := runStepAsync()
		if held := bfInt(t, admin, `SELECT count(*) FROM pg_locks WHERE granted AND relation = 'books'::regclass AND pid = `+strconv.Itoa(int(stepConn.PgConn().PID()))); held != 0 {
			t.Errorf("the step holds books while it waits for authors")
		}
		start := time.Now()
		if _, err := tx.Exec(ctx, `DELETE FROM authors WHERE id = 7`); err != nil {
			t.Fatalf("the writer's cascading delete: %v", err)
		}
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("the cascading delete waited %v for the step", d)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatalf("the step after the writer committed: %v", err)
		}
		if err := runStep(admin, step.Rollback, true); err != nil {
			t.Fatalf("the step's rollback: %v", err)
		}
	})

	t.Run("child then parent", func(t *testing.T) {
		tx, err := writer.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		if _, err := tx.Exec(ctx, `UPDATE books SET title = 'x' WHERE id = 5`); err != nil {
			t.Fatal(err)
		}
		done := runStepAsync()
		start := time.Now()
		if _, err := tx.Exec(ctx, `UPDATE authors SET name = 'x' WHERE id = 5`); err != nil {
			t.Fatalf("the writer's update of the parent: %v", err)
		}
		if d := time.Since(start); d >= time.Second {
			t.Errorf("the writer waited %v, as long as deadlock_timeout: the step did not give way first", d)
		}
		var pgErr *pgconn.PgError
		if err := <-done; !errors.As(err, &pgErr) || pgErr.Code != "55P03" {
			t.Fatalf("the step in a lock cycle: %v, want a lock timeout (55P03), the step giving way", err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if err := retryLocked(stepConn, step.Statements); err != nil {
			t.Fatalf("the step run again: %v", err)
		}
	})
	if n := bfInt(t, admin, `SELECT count(*) FROM books WHERE author_id = 7`); n != 0 {
		t.Errorf("%d books of the deleted author left", n)
	}
}
