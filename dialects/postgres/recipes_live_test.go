package postgres

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestRecipeLive runs every recipe case on a real database loaded with the
// fixture: the actions of the case's changes run one by one in plan order
// (by phase), each in a transaction or, when not transactional, statement by
// statement outside any; the catalog must change. Then the actions' rollback
// statements run in reverse order (a non-transactional action's rollback
// outside a transaction too) and must bring the catalog back exactly (an
// irreversible action must have none).
func TestRecipeLive(t *testing.T) {
	create, err := Dialect{}.CreateSQL(fixtureSchema())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range recipeCases() {
		t.Run(tc.name, func(t *testing.T) {
			conn := freshDB(t)
			if err := execAll(conn, append(append(append([]string{}, create...), fixtureData...), tc.setup...)); err != nil {
				t.Fatalf("loading the fixture: %v", err)
			}
			actions, err := caseActions(tc)
			if err != nil {
				t.Fatal(err)
			}
			before := catalogSnapshot(t, conn)
			for i, a := range actions {
				if err := runStep(conn, a.Statements, a.Transactional); err != nil {
					t.Fatalf("action %d (%s, %s) fails: %v", i+1, a.Phase, a.Summary, err)
				}
			}
			after := catalogSnapshot(t, conn)
			if after == before {
				t.Fatalf("the statements ran but the catalog did not change")
			}
			t.Logf("change:\n%s", lineDiff(before, after))
			for i := len(actions) - 1; i >= 0; i-- {
				a := actions[i]
				if a.Irreversible {
					if len(a.Rollback) > 0 {
						t.Errorf("irreversible action %q has rollback SQL", a.Summary)
					}
					return
				}
				if err := runStep(conn, a.Rollback, a.Transactional); err != nil {
					t.Fatalf("rollback of action %d (%s) fails: %v", i+1, a.Summary, err)
				}
			}
			if back := catalogSnapshot(t, conn); back != before {
				t.Errorf("after rollback the catalog differs from before:\n%s", lineDiff(before, back))
			}
		})
	}
}

// runStep runs statements in one transaction when transactional, else one
// by one outside any transaction block.
func runStep(conn *pgx.Conn, stmts []string, transactional bool) error {
	if !transactional {
		return execAll(conn, stmts)
	}
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s); err != nil {
			_ = tx.Rollback(ctx)
			return fmt.Errorf("%s\n  -> %w", s, err)
		}
	}
	return tx.Commit(ctx)
}
