// Package pgtest gives live-database tests their own PostgreSQL database:
// NewDB creates a uniquely named database on the test server and drops it
// when the test ends, so tests run in parallel and leftovers never matter.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// EnvURL is the environment variable naming the test server.
const EnvURL = "TIDE_TEST_POSTGRES_URL"

// DefaultURL is the test server used when EnvURL is not set.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// ServerURL returns the test server's URL: EnvURL, or DefaultURL.
func ServerURL() string {
	if u := os.Getenv(EnvURL); u != "" {
		return u
	}
	return DefaultURL
}

// NewDB creates a database named tide_test_<random> on the test server and
// returns its URL; t.Cleanup drops it. When the server cannot be reached
// the test fails with a message saying how to start it.
func NewDB(t testing.TB) string {
	t.Helper()
	server := ServerURL()
	name := "tide_test_" + randomSuffix()
	admin := connect(t, server)
	defer admin.Close(context.Background())
	if _, err := admin.Exec(context.Background(), "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	return WithDatabase(t, server, name)
}

// WithDatabase returns rawURL with its database replaced by name.
func WithDatabase(t testing.TB, rawURL, name string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatalf("pgtest: %s is not a URL: %v", EnvURL, err)
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("database")
	q.Del("dbname")
	u.RawQuery = q.Encode()
	return u.String()
}

// Exec runs a script of one or more SQL statements (simple protocol, so
// statements separated by ";" run in order, in one implicit transaction) on
// the database at rawURL and fails the test on error. A script with a
// statement that cannot run in a transaction block (CREATE INDEX
// CONCURRENTLY …) runs one statement at a time, as psql would.
func Exec(t testing.TB, rawURL, sql string) {
	t.Helper()
	c := connect(t, rawURL)
	defer c.Close(context.Background())
	stmts := []string{sql}
	if strings.Contains(strings.ToUpper(sql), "CONCURRENTLY") {
		split, err := pg_query.SplitWithScanner(sql, true)
		if err != nil {
			t.Fatalf("pgtest: split script: %v\n%s", err, sql)
		}
		stmts = split
	}
	for _, stmt := range stmts {
		if _, err := c.Exec(context.Background(), stmt, pgx.QueryExecModeSimpleProtocol); err != nil {
			t.Fatalf("pgtest: exec script on %s: %v\n%s", redactedHost(rawURL), err, stmt)
		}
	}
}

// connect opens one connection or fails the test with how to start a server.
func connect(t testing.TB, rawURL string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, rawURL)
	if err != nil {
		t.Fatalf("pgtest: cannot reach the test PostgreSQL server at %s (%s, default %s): %v\n"+
			"start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start` or `make servers`",
			redactedHost(rawURL), EnvURL, DefaultURL, err)
	}
	return c
}

// redactedHost is host:port/db of a URL, for messages.
func redactedHost(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Host + "/" + strings.TrimPrefix(u.Path, "/")
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// QueryBool runs a query returning one row with one boolean column on the
// database at rawURL and returns the value; any error fails the test.
func QueryBool(t testing.TB, rawURL, query string) bool {
	t.Helper()
	ctx := context.Background()
	c := connect(t, rawURL)
	defer c.Close(ctx)
	var v bool
	if err := c.QueryRow(ctx, query).Scan(&v); err != nil {
		t.Fatalf("pgtest: %s: %v", query, err)
	}
	return v
}
