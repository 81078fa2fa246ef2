// Package inspect connects to live databases from a URL and reads their
// catalogs into schema.Schema. Each engine lives in its own subpackage
// (inspect/postgres, …), which registers an Opener for its URL schemes.
package inspect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sort"
	"strings"
	"time"

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
	// LockTimeout bounds each wait of an inspection attempt for a lock
	// (reading a view's or an expression's definition takes a lock that a
	// session altering the table holds or awaits); 0 = DefaultLockTimeout.
	// An attempt that times out is retried (LockAttempts in all), then
	// Inspect returns a *LockWaitError.
	LockTimeout time.Duration
}

// DefaultLockTimeout is Options.LockTimeout's default.
const DefaultLockTimeout = 5 * time.Second

// LockAttempts is how many times an inspection is tried when it times out
// waiting for a lock, with LockBackoff between attempts.
const LockAttempts = 3

// LockTimeoutOf returns opts.LockTimeout, or DefaultLockTimeout when unset.
func LockTimeoutOf(opts Options) time.Duration {
	if opts.LockTimeout > 0 {
		return opts.LockTimeout
	}
	return DefaultLockTimeout
}

// LockBackoff is the pause after failed attempt n (1, 2, …): 250 ms
// doubling, plus up to half as much again at random, so that inspections
// started together do not retry together.
func LockBackoff(n int) time.Duration {
	d := 250 * time.Millisecond << min(max(n-1, 0), 5)
	return d + time.Duration(rand.Int64N(int64(d/2)+1))
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

// TableLockNoter is implemented by a Database whose server can tell that a
// table is locked even when it cannot tell by whom (MariaDB without the
// metadata_lock_info plugin, where a session holding LOCK TABLES outside a
// transaction is found by no query). An executor that finds no session
// holding a lock on a table its step waited for adds the note.
type TableLockNoter interface {
	// TableLockNote says what the server knows of the locks on table, on
	// connection conn, in a sentence; "" when it knows nothing more.
	TableLockNote(ctx context.Context, conn *sql.Conn, table schema.QName) (string, error)
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

// LockWaitError says an inspection gave up waiting for a lock: every
// attempt timed out. Waiting and Blockers say what the last attempt waited
// for and which sessions blocked it, as far as the server could tell (see
// the engine's inspector); Hint is what the engine adds (how to learn
// more).
type LockWaitError struct {
	// Target is the database, "host:port/db".
	Target string
	// Timeout is each attempt's lock timeout, Attempts how many were made.
	Timeout  time.Duration
	Attempts int
	// Waiting is what the inspection waited for ("AccessShareLock on
	// public.t"), "" when not known.
	Waiting string
	// Blockers are the sessions that held or were queued ahead for a
	// conflicting lock.
	Blockers []LockHolder
	// Hint is an engine's advice, "" for none.
	Hint string
	// Err is the last attempt's lock-timeout error.
	Err error
}

// LockHolder is a session that blocked an inspection.
type LockHolder struct {
	PID         int64  // the server's session id (for pg_terminate_backend, KILL)
	User        string // its database user
	Application string // its application name, "" if none
	Client      string // its client address
	State       string // what it is doing ("idle in transaction", "Sleep")
	Locks       string // what it holds or waits for ("holds AccessExclusiveLock on public.t")
	Since       time.Time
	Query       string // its current or last statement
}

func (e *LockWaitError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "inspect %s: gave up after %d attempts waiting %s each for a lock", e.Target, e.Attempts, e.Timeout)
	if e.Waiting != "" {
		fmt.Fprintf(&b, " (it waited for %s)", e.Waiting)
	}
	if len(e.Blockers) == 0 {
		b.WriteString("; the sessions blocking it could not be seen: look for long transactions and schema changes in the server's activity view")
	} else {
		b.WriteString("; blocked by:")
		for _, s := range e.Blockers {
			app := ""
			if s.Application != "" {
				app = "  application " + s.Application
			}
			since := ""
			if !s.Since.IsZero() {
				since = fmt.Sprintf("  transaction open since %s (%s)", s.Since.Format(time.RFC3339), time.Since(s.Since).Round(time.Second))
			}
			fmt.Fprintf(&b, "\n    pid %d  user %s%s  from %s  state %s  %s%s\n      query: %s",
				s.PID, s.User, app, s.Client, s.State, s.Locks, since, strings.Join(strings.Fields(s.Query), " "))
		}
	}
	if e.Hint != "" {
		b.WriteString("\n  " + e.Hint)
	}
	b.WriteString("\n  end those sessions' transactions or schema changes (or wait for them) and run tide again, or wait longer with --inspect-lock-timeout")
	return b.String()
}

// Unwrap returns the last lock-timeout error.
func (e *LockWaitError) Unwrap() error { return e.Err }
