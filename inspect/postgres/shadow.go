package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	"github.com/tidedb/tide/inspect"
)

// ShadowPrefix starts the name of every shadow database tide creates.
const ShadowPrefix = "tide_shadow_"

// Shadow implements inspect.Database. It creates an empty database named
// tide_shadow_<random> on the same server, from template0 with this
// database's encoding and locale, and installs there the extensions this
// database has in schema public (those it cannot create are left out; a
// statement that needs one then fails naming itself). drop closes the shadow's
// pool and drops it (WITH (FORCE) on PostgreSQL 13 and later); it is safe to
// call more than once.
func (d *Database) Shadow(ctx context.Context) (inspect.Database, func(context.Context) error, error) {
	name := ShadowPrefix + randomSuffix()
	create, err := d.createDatabaseSQL(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	if _, err := d.pool.ExecContext(ctx, create); err != nil {
		return nil, nil, fmt.Errorf("%w; creating a shadow database needs the CREATEDB privilege: "+
			"grant it (ALTER ROLE … CREATEDB) or point --dev-url at a server where the user has it",
			d.wrapErr("create shadow database "+name, err))
	}
	cfg := d.config.Copy()
	cfg.Database = name
	shadow, err := openConfig(ctx, cfg)
	if err != nil {
		_ = d.dropDatabase(context.WithoutCancel(ctx), name)
		return nil, nil, err
	}
	var once sync.Once
	var dropErr error
	drop := func(ctx context.Context) error {
		once.Do(func() {
			_ = shadow.Close()
			dropErr = d.dropDatabase(ctx, name)
		})
		return dropErr
	}
	if err := d.copyExtensions(ctx, shadow); err != nil {
		_ = drop(context.WithoutCancel(ctx))
		return nil, nil, err
	}
	return shadow, drop, nil
}

// createDatabaseSQL builds the CREATE DATABASE statement for a shadow with
// this database's encoding and locale.
func (d *Database) createDatabaseSQL(ctx context.Context, name string) (string, error) {
	var encoding, collate, ctype, provider, icuLocale string
	q := `SELECT pg_encoding_to_char(encoding), datcollate, datctype, 'c', '' FROM pg_database WHERE datname = current_database()`
	if d.version.AtLeast(15, 0) {
		q = `SELECT pg_encoding_to_char(encoding), datcollate, datctype, datlocprovider::text, coalesce(daticulocale, '')
FROM pg_database WHERE datname = current_database()`
	}
	if err := d.pool.QueryRowContext(ctx, q).Scan(&encoding, &collate, &ctype, &provider, &icuLocale); err != nil {
		return "", d.wrapErr("read database locale", err)
	}
	stmt := fmt.Sprintf("CREATE DATABASE %s TEMPLATE template0 ENCODING %s LC_COLLATE %s LC_CTYPE %s",
		quoteIdent(name), quoteLiteral(encoding), quoteLiteral(collate), quoteLiteral(ctype))
	if provider == "i" {
		stmt += " LOCALE_PROVIDER icu ICU_LOCALE " + quoteLiteral(icuLocale)
	}
	return stmt, nil
}

// copyExtensions installs in the shadow the extensions this database has in
// schema public, so that types such as citext exist there too.
func (d *Database) copyExtensions(ctx context.Context, shadow *Database) error {
	rows, err := d.pool.QueryContext(ctx, `SELECT e.extname FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE n.nspname = 'public' ORDER BY e.extname`)
	if err != nil {
		return d.wrapErr("list extensions", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return d.wrapErr("list extensions", err)
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d.wrapErr("list extensions", err)
	}
	for _, n := range names {
		// Best effort: an extension the user may not create is left out.
		_, _ = shadow.pool.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS "+quoteIdent(n)+" WITH SCHEMA public")
	}
	return nil
}

// dropDatabase drops a database, disconnecting its sessions where the server
// can.
func (d *Database) dropDatabase(ctx context.Context, name string) error {
	stmt := "DROP DATABASE IF EXISTS " + quoteIdent(name)
	if d.version.AtLeast(13, 0) {
		stmt += " WITH (FORCE)"
	}
	if _, err := d.pool.ExecContext(ctx, stmt); err != nil {
		return d.wrapErr("drop shadow database "+name, err)
	}
	return nil
}

// randomSuffix returns 16 random hex digits.
func randomSuffix() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// quoteIdent double-quotes an identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// quoteLiteral single-quotes a string literal.
func quoteLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
