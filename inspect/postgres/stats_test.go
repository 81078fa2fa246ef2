package postgres

import (
	"context"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

func TestInspectStats(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE TABLE items (id int PRIMARY KEY, body text);
INSERT INTO items SELECT g, repeat('x', 100) FROM generate_series(1, 5000) g;`)
	db := openTest(t, url, nil)
	stats := func(opts inspect.Options) *schema.TableStats {
		t.Helper()
		s, err := db.Inspect(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return s.Table(schema.QName{Schema: "public", Name: "items"}).Stats
	}
	if st := stats(inspect.Options{}); st == nil || st.Rows != -1 || st.Bytes <= 0 {
		t.Errorf("before ANALYZE: stats = %+v, want rows -1 (never analysed) and a size", st)
	}
	pgtest.Exec(t, url, "ANALYZE items")
	if st := stats(inspect.Options{}); st == nil || st.Rows != 5000 || st.Bytes < 5000*100 {
		t.Errorf("after ANALYZE: stats = %+v, want 5000 rows and at least 500000 bytes", st)
	}
	if st := stats(inspect.Options{NoStats: true}); st != nil {
		t.Errorf("NoStats: stats = %+v, want nil", st)
	}
}
