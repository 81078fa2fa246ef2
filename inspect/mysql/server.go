package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strconv"
	"strings"

	driver "github.com/go-sql-driver/mysql"

	"github.com/tidedb/tide/dialects"
	mydialect "github.com/tidedb/tide/dialects/mysql"
)

// Server queries, run once when a database is opened.
const (
	// queryServer reads the version, the default engine, how table names
	// compare (lower_case_table_names) and the database's defaults; no row
	// means the database does not exist.
	queryServer = `SELECT VERSION(), @@default_storage_engine, @@lower_case_table_names, s.DEFAULT_CHARACTER_SET_NAME, s.DEFAULT_COLLATION_NAME
FROM information_schema.SCHEMATA s WHERE s.SCHEMA_NAME = ?`
	// queryCharsets lists the character sets with their default collation
	// and longest character.
	queryCharsets = `SELECT CHARACTER_SET_NAME, DEFAULT_COLLATE_NAME, MAXLEN FROM information_schema.CHARACTER_SETS`
	// queryCollations maps the collations to their character sets.
	queryCollations = `SELECT COLLATION_NAME, CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE CHARACTER_SET_NAME IS NOT NULL`
	// queryCharsetCollations reads MariaDB 11.2+'s per-session override of
	// the character sets' default collations (no row elsewhere).
	queryCharsetCollations = `SELECT VARIABLE_VALUE FROM information_schema.SESSION_VARIABLES WHERE VARIABLE_NAME = 'CHARACTER_SET_COLLATIONS'`
)

// readServer checks that the server speaks MySQL and that the database
// exists, and reads what the dialect needs to know of them. It is the
// first round trip on a new pool, so connection errors surface here.
func (d *Database) readServer(ctx context.Context) (*mydialect.Server, error) {
	var raw, engine string
	var lowerCaseTableNames int
	var charset, collation sql.NullString
	// The driver's timeout bounds only the dial: a server that accepts the
	// connection and never greets (a PostgreSQL server waits for the
	// client to speak first) would hang the first round trip.
	first, cancel := context.WithTimeout(ctx, d.cfg.Timeout)
	defer cancel()
	err := d.pool.QueryRowContext(first, queryServer, d.cfg.DBName).Scan(&raw, &engine, &lowerCaseTableNames, &charset, &collation)
	var me *driver.MySQLError
	if err == sql.ErrNoRows || errors.As(err, &me) && me.Number == errBadDB {
		return nil, fmt.Errorf("connect to %s: database %q does not exist; create it (CREATE DATABASE %s) or fix the URL",
			d.Target(), d.cfg.DBName, mydialect.Dialect{}.QuoteIdent(d.cfg.DBName))
	}
	if err != nil {
		return nil, d.connectError(err)
	}
	v, err := parseVersion(raw)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", d.Target(), err)
	}
	srv := &mydialect.Server{Version: v, Engine: engine, Charset: charset.String, Collation: collation.String,
		DefaultCollations: map[string]string{}, Charsets: map[string]string{}, MaxLen: map[string]int{},
		LowerCaseTableNames: lowerCaseTableNames}
	srv.Host, srv.Port, _ = net.SplitHostPort(d.cfg.Addr)
	srv.User = d.cfg.User
	if err := d.readCharsets(ctx, srv); err != nil {
		return nil, err
	}
	return srv, nil
}

// readCharsets fills the server's character sets and collations.
func (d *Database) readCharsets(ctx context.Context, srv *mydialect.Server) error {
	err := d.rows(ctx, "read character sets", queryCharsets, nil, func(r *sql.Rows) error {
		var name, coll string
		var maxLen int
		if err := r.Scan(&name, &coll, &maxLen); err != nil {
			return err
		}
		srv.DefaultCollations[name], srv.MaxLen[name] = coll, maxLen
		return nil
	})
	if err != nil {
		return err
	}
	err = d.rows(ctx, "read collations", queryCollations, nil, func(r *sql.Rows) error {
		var coll, cs string
		if err := r.Scan(&coll, &cs); err != nil {
			return err
		}
		srv.Charsets[coll] = cs
		return nil
	})
	if err != nil {
		return err
	}
	return d.rows(ctx, "read character_set_collations", queryCharsetCollations, nil, func(r *sql.Rows) error {
		var v string
		if err := r.Scan(&v); err != nil {
			return err
		}
		for cs, coll := range parseCharsetCollations(v) {
			srv.DefaultCollations[cs] = coll
		}
		return nil
	})
}

// parseCharsetCollations reads MariaDB's character_set_collations value,
// "utf8mb4=utf8mb4_uca1400_ai_ci,latin1=…".
func parseCharsetCollations(v string) map[string]string {
	out := map[string]string{}
	for _, pair := range strings.Split(v, ",") {
		cs, coll, ok := strings.Cut(strings.TrimSpace(pair), "=")
		if ok && cs != "" && coll != "" {
			out[strings.ToLower(strings.TrimSpace(cs))] = strings.ToLower(strings.TrimSpace(coll))
		}
	}
	return out
}

// versionPattern matches the numbers a VERSION() string starts with.
var versionPattern = regexp.MustCompile(`^(\d+)\.(\d+)(?:\.(\d+))?`)

// parseVersion reads VERSION(): "10.11.6-MariaDB-0+deb12u1" is MariaDB
// 10.11.6, "8.0.36" MySQL 8.0.36.
func parseVersion(raw string) (dialects.Version, error) {
	m := versionPattern.FindStringSubmatch(raw)
	if m == nil {
		return dialects.Version{}, fmt.Errorf("unexpected server version %q", raw)
	}
	v := dialects.Version{Flavor: "mysql", Raw: raw}
	v.Major, _ = strconv.Atoi(m[1])
	v.Minor, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		v.Patch, _ = strconv.Atoi(m[3])
	}
	if strings.Contains(strings.ToLower(raw), "mariadb") {
		v.Flavor = "mariadb"
	}
	return v, nil
}

// checkVersion refuses servers older than tide supports.
func checkVersion(v dialects.Version) error {
	switch {
	case v.Flavor == "mariadb" && !v.AtLeast(10, 5):
		return fmt.Errorf("tide needs MariaDB 10.5 or later, the server is MariaDB %s", v)
	case v.Flavor == "mysql" && !v.AtLeast(8, 0):
		return fmt.Errorf("tide needs MySQL 8.0 or later, the server is MySQL %s", v)
	}
	return nil
}

// rows runs a query and hands each row to scan; errors name what was read.
func (d *Database) rows(ctx context.Context, what, query string, args []any, scan func(*sql.Rows) error) error {
	r, err := d.pool.QueryContext(ctx, query, args...)
	if err != nil {
		return d.wrapErr(what, err)
	}
	defer r.Close()
	for r.Next() {
		if err := scan(r); err != nil {
			return d.wrapErr(what, err)
		}
	}
	if err := r.Err(); err != nil {
		return d.wrapErr(what, err)
	}
	return nil
}
