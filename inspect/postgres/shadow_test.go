package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

func TestShadowCreatesAndDrops(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE EXTENSION citext; CREATE TABLE live (id int);`)
	db := openTest(t, url, nil)
	exists := func(name string) bool {
		t.Helper()
		var n int
		if err := db.DB().QueryRowContext(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 1
	}
	shadow, drop, err := db.Shadow(ctx)
	if err != nil {
		t.Fatalf("Shadow: %v", err)
	}
	name := shadow.Target()[strings.LastIndex(shadow.Target(), "/")+1:]
	if !strings.HasPrefix(name, ShadowPrefix) || !exists(name) {
		t.Fatalf("shadow %q not created", shadow.Target())
	}
	if _, err := shadow.DB().ExecContext(ctx, "CREATE TABLE s (e citext)"); err != nil {
		t.Errorf("the shadow lacks the live database's extension: %v", err)
	}
	s, err := shadow.Inspect(ctx, inspect.Options{NoStats: true})
	if err != nil {
		t.Fatalf("Inspect shadow: %v", err)
	}
	if len(s.Tables) != 1 || s.Tables[0].Name != "s" {
		t.Errorf("shadow holds %v, want only the table created in it", s.Tables)
	}
	if err := drop(ctx); err != nil {
		t.Fatalf("drop: %v", err)
	}
	if exists(name) {
		t.Errorf("shadow %s still exists after drop", name)
	}
	if err := drop(ctx); err != nil {
		t.Errorf("second drop: %v", err)
	}
}
