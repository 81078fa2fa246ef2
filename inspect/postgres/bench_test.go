package postgres

import (
	"context"
	"testing"

	"github.com/tidedb/tide/cmd/tidebench/schemagen"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// BenchmarkInspect inspects a generated schema of 500 tables (the shape
// tidebench compares with pg_dump) through a new pool each time, so that
// the server starts from cold backends as it does for a tide command:
//
//	go test -run '^$' -bench Inspect ./inspect/postgres/
func BenchmarkInspect(b *testing.B) {
	url := pgtest.NewDB(b)
	pgtest.Exec(b, url, schemagen.SQL(schemagen.Options{Tables: 500, Schemas: 3}))
	ctx := context.Background()
	for b.Loop() {
		db, err := open(ctx, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		s, err := db.Inspect(ctx, inspect.Options{NoStats: true})
		_ = db.Close()
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Tables) != 500 {
			b.Fatalf("inspected %d tables, want 500", len(s.Tables))
		}
	}
}
