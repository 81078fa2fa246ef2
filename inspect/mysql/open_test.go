package mysql

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	driver "github.com/go-sql-driver/mysql"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/mysql/mytest"
)

// TestOpenErrors: each bad URL or unreachable database gives one error that
// names the target and the problem, never the password.
func TestOpenErrors(t *testing.T) {
	good := mytest.NewDB(t)
	cfg := mytest.Config(t, good)
	host := cfg.Addr
	cases := []struct {
		name, url string
		want      []string
	}{
		{"no database", "mysql://root:hunter2@" + host, []string{"name one database", "xxxxx"}},
		{"bad parameter", "mysql://root:hunter2@" + host + "/db?timeout=soon", []string{"invalid MySQL URL", "timeout"}},
		{"wrong password", "mysql://root:hunter2@" + host + "/" + cfg.DBName, []string{host}},
		{"unknown database", "mysql://" + cfg.User + "@" + host + "/nosuchdb_tide", []string{"nosuchdb_tide", "does not exist"}},
		{"refused", "mysql://root:hunter2@127.0.0.1:1/db", []string{"127.0.0.1:1/db", "refused"}},
		{"not a MySQL server", "mysql://root:hunter2@127.0.0.1:5432/db?timeout=2s", []string{"127.0.0.1:5432/db", "MySQL or MariaDB"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			db, err := inspect.Open(ctx, c.url)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%s) succeeded", mytest.Redacted(c.url))
			}
			msg := err.Error()
			if strings.Contains(msg, "hunter2") {
				t.Errorf("the error shows the password: %s", msg)
			}
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

// TestOpenReadsServer: the flavor, version and database defaults come from
// the server; Target names host:port/db.
func TestOpenReadsServer(t *testing.T) {
	url := mytest.NewDB(t)
	db := openTest(t, url)
	v, err := db.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var raw string
	if err := db.DB().QueryRow("SELECT VERSION()").Scan(&raw); err != nil {
		t.Fatal(err)
	}
	want, _ := parseVersion(raw)
	if v != want || v.Major == 0 {
		t.Errorf("Version() = %+v, want %+v", v, want)
	}
	cfg := mytest.Config(t, url)
	if db.Target() != cfg.Addr+"/"+cfg.DBName {
		t.Errorf("Target() = %q", db.Target())
	}
	d := db.Dialect()
	if d.DefaultSchema() != cfg.DBName || db.server.Charset == "" || db.server.Collation == "" || db.server.Engine == "" {
		t.Errorf("dialect %+v, server %+v", d, db.server)
	}
	if db.server.DefaultCollations["latin1"] != "latin1_swedish_ci" || db.server.MaxLen["utf8mb4"] != 4 || db.server.Charsets["utf8mb4_bin"] != "utf8mb4" {
		t.Errorf("character sets not read: latin1 → %q, utf8mb4 maxlen %d", db.server.DefaultCollations["latin1"], db.server.MaxLen["utf8mb4"])
	}
}

func TestParseVersion(t *testing.T) {
	tests := []struct {
		raw  string
		want dialects.Version
	}{
		{"10.11.6-MariaDB-0+deb12u1", dialects.Version{Flavor: "mariadb", Major: 10, Minor: 11, Patch: 6}},
		{"8.0.36", dialects.Version{Flavor: "mysql", Major: 8, Minor: 0, Patch: 36}},
		{"8.4.0-commercial", dialects.Version{Flavor: "mysql", Major: 8, Minor: 4}},
		{"11.4.2-MariaDB-log", dialects.Version{Flavor: "mariadb", Major: 11, Minor: 4, Patch: 2}},
	}
	for _, tt := range tests {
		got, err := parseVersion(tt.raw)
		tt.want.Raw = tt.raw
		if err != nil || got != tt.want {
			t.Errorf("parseVersion(%q) = %+v, %v; want %+v", tt.raw, got, err, tt.want)
		}
	}
	if _, err := parseVersion("unknown"); err == nil {
		t.Error("parseVersion(unknown) succeeded")
	}
	for _, v := range []dialects.Version{{Flavor: "mariadb", Major: 10, Minor: 4}, {Flavor: "mysql", Major: 5, Minor: 7}} {
		if checkVersion(v) == nil {
			t.Errorf("checkVersion(%s %s) accepted an unsupported server", v.Flavor, v)
		}
	}
}

// TestClassifyError: a lock wait timeout (provoked on the live server) and
// a deadlock are retryable, a missing table is undefined, a syntax error
// is neither; ErrorCode is the server's error number.
func TestClassifyError(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, "CREATE TABLE t (id int PRIMARY KEY)")
	db := openTest(t, url)
	ctx := context.Background()
	holder, err := db.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	if _, err := tx.Exec("SELECT * FROM t FOR UPDATE"); err != nil {
		t.Fatal(err)
	}
	waiter, err := db.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer waiter.Close()
	for _, s := range db.Dialect().SessionSettings(time.Second, 0) {
		if _, err := waiter.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	_, lockErr := waiter.ExecContext(ctx, "ALTER TABLE t ADD COLUMN c int, ALGORITHM=INSTANT, LOCK=NONE")
	if got := db.ClassifyError(lockErr); got != dialects.ErrorRetryable || db.ErrorCode(lockErr) != "1205" {
		t.Errorf("lock wait timeout %v: class %v, code %q", lockErr, got, db.ErrorCode(lockErr))
	}
	_, missing := db.DB().Exec("SELECT * FROM nosuch")
	if got := db.ClassifyError(missing); got != dialects.ErrorUndefined {
		t.Errorf("missing table %v: class %v", missing, got)
	}
	_, syntax := db.DB().Exec("SELEC 1")
	if got := db.ClassifyError(syntax); got != dialects.ErrorOther || db.ErrorCode(syntax) != "1064" {
		t.Errorf("syntax error %v: class %v", syntax, got)
	}
	deadlock := errors.Join(errors.New("step 3"), &driver.MySQLError{Number: 1213, Message: "Deadlock found"})
	if db.ClassifyError(deadlock) != dialects.ErrorRetryable {
		t.Error("a wrapped deadlock is not retryable")
	}
	if db.ClassifyError(sql.ErrConnDone) != dialects.ErrorOther || db.ErrorCode(sql.ErrConnDone) != "" {
		t.Error("a driver-less error is classified")
	}
}
