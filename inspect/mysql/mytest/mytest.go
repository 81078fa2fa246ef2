// Package mytest gives live-database tests their own MySQL or MariaDB
// database: NewDB creates a uniquely named database on the test server and
// drops it when the test ends, so tests run in parallel and leftovers never
// matter.
package mytest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	driver "github.com/go-sql-driver/mysql"
)

// EnvURL is the environment variable naming the test server.
const EnvURL = "TIDE_TEST_MYSQL_URL"

// DefaultURL is the test server used when EnvURL is not set: the local
// MariaDB.
const DefaultURL = "mysql://root@127.0.0.1:3306/mysql"

// ServerURL returns the test server's URL: EnvURL, or DefaultURL.
func ServerURL() string {
	if u := os.Getenv(EnvURL); u != "" {
		return u
	}
	return DefaultURL
}

// NewDB creates a database named tide_test_<random> on the test server and
// returns its mysql:// URL; t.Cleanup drops it and deletes its rows from
// tide's history. When the server cannot be reached the test fails with a
// message saying how to point it elsewhere.
func NewDB(t testing.TB) string {
	t.Helper()
	server := ServerURL()
	name := "tide_test_" + randomSuffix()
	admin := Open(t, server)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE `"+name+"`"); err != nil {
		t.Fatalf("mytest: create database %s on %s (set %s to use another server): %v", name, Redacted(server), EnvURL, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS `"+name+"`"); err != nil {
			t.Errorf("mytest: drop database %s: %v", name, err)
		}
		// tide apply records its history in the server's database tide,
		// one for every database: forget the test database's applies (an
		// error means there is no history yet).
		_, _ = admin.ExecContext(ctx, "DELETE FROM tide.applies WHERE db_name = ?", name)
	})
	return WithDatabase(t, server, name)
}

// WithDatabase returns rawURL with its database replaced by name.
func WithDatabase(t testing.TB, rawURL, name string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatalf("mytest: %s is not a URL: %v", EnvURL, err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open returns a pool on the database at rawURL that runs several
// statements in one Exec; t.Cleanup closes it.
func Open(t testing.TB, rawURL string) *sql.DB {
	t.Helper()
	cfg := Config(t, rawURL)
	cfg.MultiStatements = true
	c, err := driver.NewConnector(cfg)
	if err != nil {
		t.Fatalf("mytest: %v", err)
	}
	db := sql.OpenDB(c)
	t.Cleanup(func() { db.Close() })
	return db
}

// Config turns a mysql:// URL into a driver configuration.
func Config(t testing.TB, rawURL string) *driver.Config {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatalf("mytest: %s is not a URL: %v", Redacted(rawURL), err)
	}
	cfg := driver.NewConfig()
	cfg.Net = "tcp"
	port := u.Port()
	if port == "" {
		port = "3306"
	}
	cfg.Addr = net.JoinHostPort(u.Hostname(), port)
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	cfg.Timeout = 10 * time.Second
	return cfg
}

// Exec runs a script of one or more SQL statements on the database at
// rawURL and fails the test on error.
func Exec(t testing.TB, rawURL, script string) {
	t.Helper()
	db := Open(t, rawURL)
	if _, err := db.Exec(script); err != nil {
		t.Fatalf("mytest: exec on %s: %v\n%s", Redacted(rawURL), err, script)
	}
}

// Redacted is rawURL without its password.
func Redacted(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "(unparseable URL)"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.String()
}

// randomSuffix returns 12 random hex digits.
func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
