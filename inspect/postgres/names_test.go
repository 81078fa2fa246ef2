package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// TestDefaultObjectName checks makeObjectName against the names the live
// server chooses for serial sequences and primary keys.
func TestDefaultObjectName(t *testing.T) {
	t.Parallel()
	tests := []struct{ table, column string }{
		{"users", "id"},
		{strings.Repeat("t", 60), "id"},
		{"t", strings.Repeat("c", 62)},
		{strings.Repeat("a", 40), strings.Repeat("b", 40)},
		{strings.Repeat("é", 30), "identifier"},
	}
	url := pgtest.NewDB(t)
	db := openTest(t, url, nil)
	for i, tt := range tests {
		pgtest.Exec(t, url, fmt.Sprintf(`CREATE SCHEMA s%d; CREATE TABLE s%d.%s (%s serial PRIMARY KEY)`,
			i, i, quoteIdent(tt.table), quoteIdent(tt.column)))
		var seq, pk string
		err := db.DB().QueryRowContext(context.Background(), `SELECT
  (SELECT relname FROM pg_class WHERE oid = pg_get_serial_sequence(format('%I.%I', $1::text, $2::text), $3)::regclass),
  (SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = format('%I.%I', $1::text, $2::text)::regclass)`,
			fmt.Sprintf("s%d", i), tt.table, tt.column).Scan(&seq, &pk)
		if err != nil {
			t.Fatal(err)
		}
		if got := defaultObjectName(tt.table, tt.column, "seq"); got != seq {
			t.Errorf("sequence name for %s.%s = %q, server chose %q", tt.table, tt.column, got, seq)
		}
		if got := defaultObjectName(tt.table, "", "pkey"); got != pk {
			t.Errorf("primary key name for %s = %q, server chose %q", tt.table, got, pk)
		}
	}
}

func TestStripOuterParens(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"lower(email)", "lower(email)"},
		{"(qty + 1)", "qty + 1"},
		{"(a) + (b)", "(a) + (b)"},
		{"((a + b))", "(a + b)"},
		{"(x || ')')", "x || ')'"},
		{`("a)" + 1)`, `"a)" + 1`},
		{"(a", "(a"},
	}
	for _, tt := range tests {
		if got := stripOuterParens(tt.in); got != tt.want {
			t.Errorf("stripOuterParens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
