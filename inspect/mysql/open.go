// Package mysql connects tide to a live MySQL or MariaDB server: it opens a
// connection pool from a mysql:// URL, detects the server's flavor and
// version, reads one database's information_schema into a schema.Schema
// with a fixed number of queries, reports table statistics and creates
// throwaway shadow databases for normalising a desired schema.
//
// Importing the package registers it for the "mysql" and "mariadb" URL
// schemes with inspect.Open.
package mysql

import (
	"context"
	"database/sql"
	sqldriver "database/sql/driver"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	driver "github.com/go-sql-driver/mysql"

	"github.com/tidedb/tide/dialects"
	mydialect "github.com/tidedb/tide/dialects/mysql"
	"github.com/tidedb/tide/inspect"
)

func init() {
	inspect.Register(Open, "mysql", "mariadb")
}

// defaultConnectTimeout bounds each connection attempt when the URL sets no
// timeout.
const defaultConnectTimeout = 10 * time.Second

// defaultPort is MySQL's and MariaDB's TCP port.
const defaultPort = "3306"

// Database is an open connection pool to one MySQL or MariaDB database. It
// implements inspect.Database and dialects.ErrorClassifier.
type Database struct {
	cfg  *driver.Config
	pool *sql.DB
	// name is the database the schema's objects are reported in: the
	// connection's database, or for a shadow the database it shadows, so
	// that a desired schema read back from a shadow has the same names.
	name   string
	server *mydialect.Server
	// reportAutoIncrement reports each table's AUTO_INCREMENT counter as
	// its auto_increment option. It is set only on shadow databases, whose
	// tables were just created from a desired schema, so the counter is
	// the option they were created with; a live table's counter moves with
	// every insert and is never reported.
	reportAutoIncrement bool
}

var (
	_ inspect.Database         = (*Database)(nil)
	_ dialects.ErrorClassifier = (*Database)(nil)
)

// Open connects to the database a URL names
// (mysql://user:pass@host:3306/db?tls=true, or mariadb://…), detects the
// server's flavor and version and reads the database's defaults. Query
// parameters are go-sql-driver/mysql DSN parameters (tls, timeout,
// charset, …; an unknown one is a session variable set on each
// connection). Errors name host:port/db and never contain the password.
func Open(ctx context.Context, rawURL string) (inspect.Database, error) {
	cfg, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return openConfig(ctx, cfg, cfg.DBName, false, nil)
}

// parseURL turns a mysql:// URL into a driver configuration.
func parseURL(rawURL string) (*driver.Config, error) {
	bad := func(reason string) error {
		return fmt.Errorf("invalid MySQL URL %s: %s; expected mysql://user:pass@host:3306/db", inspect.Redact(rawURL), reason)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, bad(ue.Err.Error())
		}
		return nil, bad("not a URL")
	}
	if u.Scheme != "mysql" && u.Scheme != "mariadb" {
		return nil, bad("the scheme is not mysql:// or mariadb://")
	}
	db := strings.TrimPrefix(u.Path, "/")
	if db == "" || strings.Contains(db, "/") {
		return nil, bad("name one database after the host (…:3306/db)")
	}
	host, port := u.Hostname(), u.Port()
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = defaultPort
	}
	dsn := "tcp(" + net.JoinHostPort(host, port) + ")/" + url.PathEscape(db)
	if u.RawQuery != "" {
		dsn += "?" + u.RawQuery
	}
	cfg, err := driver.ParseDSN(dsn)
	if err != nil {
		return nil, bad(scrubSecrets(err.Error(), u))
	}
	cfg.DBName = db
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = defaultConnectTimeout // a silent host must not hang tide for minutes
	}
	if cfg.Params == nil {
		cfg.Params = map[string]string{}
	}
	// Rendered DDL escapes backslashes in string literals and expressions
	// read back are parsed the same way, so no session may run with
	// NO_BACKSLASH_ESCAPES; ANSI_QUOTES would make double quotes names.
	cfg.Params["sql_mode"] = "(SELECT REPLACE(REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', ''), 'ANSI_QUOTES', ''))"
	cfg.MultiStatements = false
	// The executor's history scans DATETIME columns into time.Time, which
	// the driver does only with parseTime; they hold UTC, the driver's
	// default location.
	cfg.ParseTime = true
	return cfg, nil
}

// scrubSecrets removes a URL's password from a message.
func scrubSecrets(msg string, u *url.URL) string {
	if p, ok := u.User.Password(); ok && p != "" {
		msg = strings.ReplaceAll(msg, p, "xxxxx")
	}
	return msg
}

// openConfig opens a pool, checks the server and reads its description.
// name is the database the objects are reported in (see Database.name);
// wrap, when not nil, wraps the driver's connector (tests count queries).
func openConfig(ctx context.Context, cfg *driver.Config, name string, shadow bool, wrap func(sqldriver.Connector) sqldriver.Connector) (*Database, error) {
	var connector sqldriver.Connector
	connector, err := driver.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %s", target(cfg), scrub(err.Error(), cfg.Passwd))
	}
	if wrap != nil {
		connector = wrap(connector)
	}
	d := &Database{cfg: cfg, pool: sql.OpenDB(connector), name: name, reportAutoIncrement: shadow}
	d.pool.SetConnMaxIdleTime(time.Minute)
	srv, err := d.readServer(ctx)
	if err != nil {
		d.pool.Close()
		return nil, err
	}
	if !shadow && srv.MariaDB() {
		// Whether the sessions holding a table's metadata locks can be
		// named, when a step or an inspection waits for them: one look,
		// which an apply uses throughout (a shadow is never locked).
		var n int
		srv.MetadataLockInfo = d.pool.QueryRowContext(ctx, mydialect.QueryMetadataLockInfo).Scan(&n) == nil && n > 0
	}
	d.server = srv
	return d, nil
}

// target is "host:port/db" for a configuration.
func target(cfg *driver.Config) string { return cfg.Addr + "/" + cfg.DBName }

// Dialect implements inspect.Database: the MySQL dialect, knowing this
// server and database.
func (d *Database) Dialect() dialects.Dialect {
	return mydialect.Dialect{Database: d.name, Server: d.server}
}

// Target implements inspect.Database: "host:port/db", never a password.
func (d *Database) Target() string { return target(d.cfg) }

// DB implements inspect.Database: the connection pool.
func (d *Database) DB() *sql.DB { return d.pool }

// Close implements inspect.Database.
func (d *Database) Close() error { return d.pool.Close() }

// Version implements inspect.Database: the flavor and version read when
// the database was opened.
func (d *Database) Version(context.Context) (dialects.Version, error) {
	return d.server.Version, nil
}
