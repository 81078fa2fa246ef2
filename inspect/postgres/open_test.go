package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

func TestParseVersionNum(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want dialects.Version
		err  bool
	}{
		{in: "150004", want: dialects.Version{Flavor: "postgres", Major: 15, Minor: 4}},
		{in: "150020", want: dialects.Version{Flavor: "postgres", Major: 15, Minor: 20}},
		{in: "100001", want: dialects.Version{Flavor: "postgres", Major: 10, Minor: 1}},
		{in: "90624", want: dialects.Version{Flavor: "postgres", Major: 9, Minor: 6, Patch: 24}},
		{in: "", err: true},
		{in: "fifteen", err: true},
	}
	for _, tt := range tests {
		got, err := parseVersionNum(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("parseVersionNum(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestOpenAndVersion(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	for _, scheme := range []string{"postgres", "postgresql"} {
		u := scheme + strings.TrimPrefix(url, "postgres")
		db, err := inspect.Open(context.Background(), u)
		if err != nil {
			t.Fatalf("inspect.Open(%s): %v", scheme, err)
		}
		v, err := db.Version(context.Background())
		if err != nil || v.Flavor != "postgres" || v.Major < 11 || v.Raw == "" {
			t.Errorf("Version = %+v, %v; want postgres 11 or later with its raw string", v, err)
		}
		if db.Dialect().Name() != "postgres" {
			t.Errorf("Dialect().Name() = %q", db.Dialect().Name())
		}
		if want := "127.0.0.1:5432/" + strings.TrimPrefix(strings.SplitN(url[strings.LastIndex(url, "/"):], "?", 2)[0], "/"); db.Target() != want {
			t.Errorf("Target() = %q, want %q", db.Target(), want)
		}
		if err := db.DB().PingContext(context.Background()); err != nil {
			t.Errorf("DB().Ping: %v", err)
		}
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
}

// TestOpenErrors checks that each connection failure is one clear line that
// names host:port/db, and that the password never appears.
func TestOpenErrors(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-Pa55"
	url := pgtest.NewDB(t)
	tests := []struct {
		name string
		url  string
		want []string
	}{
		{"unreachable port", "postgres://app:" + secret + "@127.0.0.1:1/shop?sslmode=disable&connect_timeout=5",
			[]string{"connect to 127.0.0.1:1/shop: ", "connection refused"}},
		{"missing database", pgtest.WithDatabase(t, strings.Replace(url, "postgres@", "postgres:"+secret+"@", 1), "tide_no_such_db"),
			[]string{"connect to 127.0.0.1:5432/tide_no_such_db: ", `database "tide_no_such_db" does not exist`}},
		{"mysql server", "postgres://root:" + secret + "@127.0.0.1:3306/test?sslmode=disable&connect_timeout=5",
			[]string{"connect to 127.0.0.1:3306/test: ", "not a PostgreSQL server"}},
		{"password in query", "postgres://127.0.0.1:1/shop?user=app&password=" + secret + "&sslmode=disable",
			[]string{"connect to 127.0.0.1:1/shop: "}},
		{"bad url", "postgres://app:" + secret + "@127.0.0.1:notaport/shop",
			[]string{"invalid PostgreSQL URL postgres://…: ", `invalid port ":notaport" after host`}},
		{"bad option", "postgres://app:" + secret + "@127.0.0.1:5432/shop?sslmode=sometimes",
			[]string{"invalid PostgreSQL URL postgres://app:xxxxx@127.0.0.1:5432/shop?sslmode=sometimes: ", "sslmode"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(context.Background(), tt.url)
			if err == nil {
				_ = db.Close()
				t.Fatalf("Open succeeded, want an error")
			}
			msg := err.Error()
			t.Log(msg)
			if strings.Contains(msg, secret) {
				t.Errorf("error contains the password: %s", msg)
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans several lines: %q", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}
