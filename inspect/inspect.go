// Package inspect connects to live databases from a URL and reads their
// catalogs into schema.Schema. Each engine lives in its own subpackage
// (inspect/postgres, …), which registers an Opener for its URL schemes.
package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// BookkeepingSchema is the namespace where tide keeps its own history; an
// inspector never reports it.
const BookkeepingSchema = "tide"

// Options narrow what Inspect reads.
type Options struct {
	// Schemas limits inspection to these namespaces (nil = every user schema).
	Schemas []string
	// NoStats skips table statistics.
	NoStats bool
}

// Database is an open connection to a live database of one dialect.
type Database interface {
	// Dialect is the engine's dialect.
	Dialect() dialects.Dialect
	// Target names the database for people: "host:port/db", never a password.
	Target() string
	// Version reads the server's flavor and version.
	Version(ctx context.Context) (dialects.Version, error)
	// Inspect reads the catalog (and table statistics) into a schema.
	Inspect(ctx context.Context, opts Options) (*schema.Schema, error)
	// DB is the connection pool, for executing plans.
	DB() *sql.DB
	// Shadow creates an empty throwaway database on the same server for
	// normalising a desired schema; drop removes it and must always be called.
	Shadow(ctx context.Context) (shadow Database, drop func(context.Context) error, err error)
	// Close releases the connection pool.
	Close() error
}

// Opener opens a Database from a URL.
type Opener func(ctx context.Context, rawURL string) (Database, error)

var openers = map[string]Opener{}

// Register makes an opener available for URL schemes; engine packages call it
// from init.
func Register(o Opener, schemes ...string) {
	for _, s := range schemes {
		openers[s] = o
	}
}

// ErrUnknownScheme is returned for a URL whose scheme no engine registered.
var ErrUnknownScheme = errors.New("inspect: unknown URL scheme")

// Open connects to the database a URL names. Errors never contain the
// URL's password.
func Open(ctx context.Context, rawURL string) (Database, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme == "" {
		return nil, fmt.Errorf("invalid database URL %q: expected scheme://user:pass@host:port/db", Redact(rawURL))
	}
	o, ok := openers[strings.ToLower(u.Scheme)]
	if !ok {
		var known []string
		for k := range openers {
			known = append(known, k+"://")
		}
		sort.Strings(known)
		return nil, fmt.Errorf("%w %q in %s (known: %s)", ErrUnknownScheme, u.Scheme, Redact(rawURL), strings.Join(known, ", "))
	}
	return o(ctx, rawURL)
}

// Redact returns the URL with any password replaced by "xxxxx". Input that
// does not parse as a URL is reduced to its scheme so that nothing secret
// can leak.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		if i := strings.Index(rawURL, "://"); i > 0 {
			return rawURL[:i] + "://…"
		}
		return "(unparseable URL)"
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	q := u.Query()
	for k := range q {
		if strings.EqualFold(k, "password") {
			q.Set(k, "xxxxx")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Target returns "host:port/db" from a URL, for plan headers.
func Target(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	db := strings.TrimPrefix(u.Path, "/")
	if db == "" {
		db = u.Query().Get("database")
	}
	return u.Host + "/" + db
}
