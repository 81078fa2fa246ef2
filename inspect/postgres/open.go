// Package postgres connects tide to a live PostgreSQL server: it opens a
// connection pool from a postgres:// URL, reads the server's catalog into a
// schema.Schema with a fixed number of queries, reports table statistics and
// creates throwaway shadow databases for normalising a desired schema.
//
// Importing the package registers it for the "postgres" and "postgresql" URL
// schemes with inspect.Open.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tidedb/tide/dialects"
	pgdialect "github.com/tidedb/tide/dialects/postgres"
	"github.com/tidedb/tide/inspect"
)

func init() {
	inspect.Register(Open, "postgres", "postgresql")
}

// defaultConnectTimeout bounds each connection attempt when the URL sets no
// connect_timeout.
const defaultConnectTimeout = 10 * time.Second

// Database is an open connection pool to one PostgreSQL database. It
// implements inspect.Database.
type Database struct {
	config   *pgx.ConnConfig
	password string
	pool     *sql.DB
	version  dialects.Version
}

var _ inspect.Database = (*Database)(nil)

// Open connects to the PostgreSQL database a URL names
// (postgres://user:pass@host:5432/db?sslmode=disable), checks that the server
// really is PostgreSQL and reads its version. Errors name host:port/db and
// never contain the password.
func Open(ctx context.Context, rawURL string) (inspect.Database, error) {
	return open(ctx, rawURL, nil)
}

// open is Open with an optional query tracer (tests count queries with it).
func open(ctx context.Context, rawURL string, tracer pgx.QueryTracer) (*Database, error) {
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("invalid PostgreSQL URL %s: %s; expected postgres://user:pass@host:5432/db?sslmode=disable",
			inspect.Redact(rawURL), parseErrorReason(rawURL, err))
	}
	cfg.Tracer = tracer
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = defaultConnectTimeout // a silent host must not hang tide for minutes
	}
	return openConfig(ctx, cfg)
}

// parseErrorReason says why a URL did not parse, without quoting the URL
// (which may hold a password).
func parseErrorReason(rawURL string, err error) string {
	u, uerr := url.Parse(rawURL)
	if uerr != nil {
		var ue *url.Error
		if errors.As(uerr, &ue) {
			return ue.Err.Error()
		}
		return "not a URL"
	}
	msg := err.Error()
	if i := strings.Index(msg, "`: "); i >= 0 {
		msg = msg[i+3:]
	}
	secrets := []string{u.Query().Get("password")}
	if p, ok := u.User.Password(); ok {
		secrets = append(secrets, p)
	}
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "xxxxx")
		}
	}
	return msg
}

// openConfig opens a pool for a parsed configuration and checks the server.
func openConfig(ctx context.Context, cfg *pgx.ConnConfig) (*Database, error) {
	d := &Database{config: cfg, password: cfg.Password}
	d.pool = stdlib.OpenDB(*cfg)
	v, err := d.readVersion(ctx)
	if err != nil {
		d.pool.Close()
		return nil, err
	}
	d.version = v
	return d, nil
}

// Dialect implements inspect.Database: the PostgreSQL dialect.
func (d *Database) Dialect() dialects.Dialect { return pgdialect.Dialect{} }

// Target implements inspect.Database: "host:port/db", never a password.
func (d *Database) Target() string {
	return net.JoinHostPort(d.config.Host, strconv.Itoa(int(d.config.Port))) + "/" + d.config.Database
}

// DB implements inspect.Database: the connection pool.
func (d *Database) DB() *sql.DB { return d.pool }

// Close implements inspect.Database.
func (d *Database) Close() error { return d.pool.Close() }

// Version implements inspect.Database: the server's version, parsed from
// server_version_num.
func (d *Database) Version(ctx context.Context) (dialects.Version, error) {
	if d.version.Major != 0 {
		return d.version, nil
	}
	return d.readVersion(ctx)
}

// readVersion checks that the server speaks PostgreSQL and reads its version.
// It is the first round trip on a new pool, so connection errors surface here.
func (d *Database) readVersion(ctx context.Context) (dialects.Version, error) {
	var raw, num, banner string
	err := d.pool.QueryRowContext(ctx,
		`SELECT current_setting('server_version'), current_setting('server_version_num'), version()`).
		Scan(&raw, &num, &banner)
	if err != nil {
		return dialects.Version{}, d.connectError(err)
	}
	if !strings.HasPrefix(banner, "PostgreSQL ") {
		return dialects.Version{}, fmt.Errorf("connect to %s: the server is not a PostgreSQL server (it reports %q); use a URL for its own dialect", d.Target(), banner)
	}
	v, err := parseVersionNum(num)
	if err != nil {
		return dialects.Version{}, fmt.Errorf("connect to %s: %w", d.Target(), err)
	}
	v.Raw = raw
	return v, nil
}

// parseVersionNum parses server_version_num: 150004 is 15.4, 90624 is 9.6.24.
func parseVersionNum(num string) (dialects.Version, error) {
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if err != nil || n <= 0 {
		return dialects.Version{}, fmt.Errorf("unexpected server_version_num %q", num)
	}
	v := dialects.Version{Flavor: "postgres"}
	if n >= 100000 {
		v.Major, v.Minor = n/10000, n%10000
	} else {
		v.Major, v.Minor, v.Patch = n/10000, n/100%100, n%100
	}
	return v, nil
}
