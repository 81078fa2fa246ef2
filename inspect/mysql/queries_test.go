package mysql

import (
	"context"
	sqldriver "database/sql/driver"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
)

// countingConnector counts the queries run on its connections whose text
// contains match ("" counts every query).
type countingConnector struct {
	sqldriver.Connector
	n     *atomic.Int64
	match string
}

func (c countingConnector) Connect(ctx context.Context) (sqldriver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return countingConn{Conn: conn, n: c.n, match: c.match}, nil
}

// countingConn counts QueryContext calls whose text contains match:
// database/sql makes one per query (falling back to a prepared statement
// when the driver asks it to).
type countingConn struct {
	sqldriver.Conn
	n     *atomic.Int64
	match string
}

func (c countingConn) QueryContext(ctx context.Context, query string, args []sqldriver.NamedValue) (sqldriver.Rows, error) {
	if strings.Contains(query, c.match) {
		c.n.Add(1)
	}
	return c.Conn.(sqldriver.QueryerContext).QueryContext(ctx, query, args)
}

func (c countingConn) ExecContext(ctx context.Context, query string, args []sqldriver.NamedValue) (sqldriver.Result, error) {
	return c.Conn.(sqldriver.ExecerContext).ExecContext(ctx, query, args)
}

func (c countingConn) PrepareContext(ctx context.Context, query string) (sqldriver.Stmt, error) {
	return c.Conn.(sqldriver.ConnPrepareContext).PrepareContext(ctx, query)
}

// inspectQueries inspects the database at url and returns how many queries
// the inspection ran.
func inspectQueries(t *testing.T, url string) int64 {
	t.Helper()
	cfg, err := parseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	db, err := openConfig(context.Background(), cfg, cfg.DBName, false, func(c sqldriver.Connector) sqldriver.Connector {
		return countingConnector{Connector: c, n: &n}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	before := n.Load()
	s, err := db.Inspect(context.Background(), inspect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Tables) == 0 {
		t.Fatal("nothing inspected")
	}
	return n.Load() - before
}

// TestInspectRunsFixedQueries: inspecting 2 or 60 tables, each with
// columns, keys, foreign keys and checks, takes the same five queries,
// each followed by SHOW WARNINGS (a lock wait timeout is a warning, see
// lockwait.go).
func TestInspectRunsFixedQueries(t *testing.T) {
	schemaOf := func(n int) string {
		var b strings.Builder
		b.WriteString("CREATE TABLE root (id int PRIMARY KEY);\n")
		for i := range n {
			fmt.Fprintf(&b, "CREATE TABLE t%d (id int PRIMARY KEY, r int, v varchar(10) DEFAULT 'x', KEY (v), FOREIGN KEY (r) REFERENCES root (id), CHECK (r > 0));\n", i)
		}
		return b.String()
	}
	var counts []int64
	for _, n := range []int{2, 60} {
		url := mytest.NewDB(t)
		mytest.Exec(t, url, schemaOf(n))
		counts = append(counts, inspectQueries(t, url))
	}
	if counts[0] != 10 || counts[1] != 10 {
		t.Errorf("queries per inspection: %d for 3 tables, %d for 61 tables; want 10 each (5 and their warnings)", counts[0], counts[1])
	}
}
