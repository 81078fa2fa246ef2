package postgres

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestRecipeLive runs every recipe case on a real database loaded with the
// fixture: the statements must run and change the catalog; then the rollback
// statements must run and bring the catalog back exactly (an irreversible
// action must have none).
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
			actions, err := Dialect{}.Recipe(tc.change, recipeEnv(tc))
			if err != nil {
				t.Fatal(err)
			}
			before := catalogSnapshot(t, conn)
			for _, a := range actions {
				if err := runStep(conn, a.Statements, a.Transactional); err != nil {
					t.Fatalf("statements fail: %v", err)
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
				if err := runStep(conn, a.Rollback, true); err != nil {
					t.Fatalf("rollback fails: %v", err)
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
