package mysql

import (
	"context"
	"database/sql"
	sqldriver "database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"

	driver "github.com/go-sql-driver/mysql"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/schema"
)

// An inspection must not wait for the server's lock_wait_timeout (a day on
// MariaDB, a year on MySQL). Reading a table's row in information_schema
// opens the table under a shared high-priority metadata lock, which waits
// only for an EXCLUSIVE metadata lock held by another session: tested on
// MariaDB 10.11, a table held with LOCK TABLES … WRITE, an ALTER TABLE
// queued for its exclusive lock behind an open transaction, and a FLUSH
// TABLES waiting for a running query do not hold it up, but a table whose
// exclusive lock a statement holds does — an ALTER in its commit phase, a
// DROP or TRUNCATE, or a RENAME TABLE of several tables that took the
// first one's lock and waits for the next one's behind an open transaction.
//
// When the wait times out, MariaDB does not fail the query: it leaves the
// table out (its TABLES row without engine or sizes, no COLUMNS,
// STATISTICS, … rows) with a warning, error 1205. Read as it is, that
// would be a table without columns, and the plan would drop and add them.
// So the inspection runs on one connection whose lock_wait_timeout it sets
// for its own queries (and restores), reads the warnings after each query
// (SHOW WARNINGS: 5 more round trips, whatever the number of tables), and
// treats a 1205 warning — or error — as a lock timeout: the attempt is
// tried again after a pause (inspect.LockAttempts in all), and then
// Inspect returns an *inspect.LockWaitError naming the sessions holding
// exclusive metadata locks on the database's tables, read right after the
// last timeout: from the metadata_lock_info plugin on MariaDB, from
// performance_schema's metadata locks where they are recorded (MySQL 8);
// else the sessions running a schema change or waiting for a metadata
// lock, which may be, but need not be, the holder.

// lockTimeoutError is a catalog read that hit lock_wait_timeout.
type lockTimeoutError struct {
	what string // the read: "read tables", …
	err  *driver.MySQLError
}

func (e *lockTimeoutError) Error() string {
	return fmt.Sprintf("%s: %s (error %d)", e.what, e.err.Message, e.err.Number)
}

func (e *lockTimeoutError) Unwrap() error { return e.err }

// readErr is wrapErr for catalog read what, keeping a lock timeout typed.
func (d *Database) readErr(what string, err error) error {
	var me *driver.MySQLError
	if errors.As(err, &me) && me.Number == errLockWaitTimeout {
		return &lockTimeoutError{what: what, err: me}
	}
	return d.wrapErr(what, err)
}

// Inspect implements inspect.Database (see inspectOnce), with the lock
// waits of each attempt bounded by opts.LockTimeout (see above).
func (d *Database) Inspect(ctx context.Context, opts inspect.Options) (*schema.Schema, error) {
	timeout := inspect.LockTimeoutOf(opts)
	for attempt := 1; ; attempt++ {
		out, err := d.inspectAttempt(ctx, opts, timeout)
		var lt *lockTimeoutError
		if err == nil || !errors.As(err, &lt) {
			return out, err
		}
		if attempt == inspect.LockAttempts {
			return nil, d.lockWaitError(ctx, timeout, attempt, lt)
		}
		select {
		case <-time.After(inspect.LockBackoff(attempt)):
		case <-ctx.Done():
			return nil, err
		}
	}
}

// lockWaitSeconds is lock_wait_timeout for a duration: whole seconds,
// rounded up, at least one (0 would mean not to wait at all).
func lockWaitSeconds(timeout time.Duration) int64 {
	return max(int64((timeout+time.Second-1)/time.Second), 1)
}

// inspectAttempt runs one attempt on a connection of its own, with
// lock_wait_timeout set for it; the session's own value is restored before
// the connection goes back to the pool (or the connection is closed).
func (d *Database) inspectAttempt(ctx context.Context, opts inspect.Options, timeout time.Duration) (*schema.Schema, error) {
	c, err := d.pool.Conn(ctx)
	if err != nil {
		return nil, d.connectError(err)
	}
	defer c.Close()
	set := fmt.Sprintf("SET @tide_lock_wait_timeout = @@SESSION.lock_wait_timeout, SESSION lock_wait_timeout = %d", lockWaitSeconds(timeout))
	if _, err := c.ExecContext(ctx, set); err != nil {
		return nil, d.wrapErr("set lock_wait_timeout for the inspection", err)
	}
	defer func() {
		if _, err := c.ExecContext(context.WithoutCancel(ctx), "SET SESSION lock_wait_timeout = @tide_lock_wait_timeout"); err != nil {
			_ = c.Raw(func(any) error { return sqldriver.ErrBadConn }) // not back into the pool with the inspection's setting
		}
	}()
	return d.inspectOnce(ctx, opts, c)
}

// catalogRows runs one catalog query on c and calls scan for each row,
// then reads the query's warnings: a lock wait timeout (1205) among them
// means information_schema left a table out, and is returned as a
// *lockTimeoutError.
func (d *Database) catalogRows(ctx context.Context, c *sql.Conn, what, query string, args []any, scan func(*sql.Rows) error) error {
	r, err := c.QueryContext(ctx, query, args...)
	if err != nil {
		return d.readErr(what, err)
	}
	defer r.Close()
	for r.Next() {
		if err := scan(r); err != nil {
			return d.readErr(what, err)
		}
	}
	if err := r.Err(); err != nil {
		return d.readErr(what, err)
	}
	r.Close()
	w, err := c.QueryContext(ctx, "SHOW WARNINGS")
	if err != nil {
		return d.wrapErr(what+": read its warnings", err)
	}
	defer w.Close()
	for w.Next() {
		var level, message string
		var code uint16
		if err := w.Scan(&level, &code, &message); err != nil {
			return d.wrapErr(what+": read its warnings", err)
		}
		if code == errLockWaitTimeout {
			return &lockTimeoutError{what: what, err: &driver.MySQLError{Number: code, Message: message}}
		}
	}
	if err := w.Err(); err != nil {
		return d.wrapErr(what+": read its warnings", err)
	}
	return nil
}

// Queries naming the sessions that hold an EXCLUSIVE metadata lock on a
// table of database ? (the only lock an information_schema read waits
// for), as rows of (id, user, host, state, locks, transaction start or
// NULL, query).
const (
	// queryExclusiveHoldersPlugin reads MariaDB's metadata_lock_info plugin.
	queryExclusiveHoldersPlugin = `SELECT m.THREAD_ID, COALESCE(p.USER, ''), COALESCE(p.HOST, ''),
       CONCAT(COALESCE(p.COMMAND, '?'), COALESCE(CONCAT(' for ', p.TIME, ' s'), ''),
              CASE WHEN COALESCE(p.STATE, '') <> '' THEN CONCAT(' (', p.STATE, ')') ELSE '' END),
       CONCAT('holds ', GROUP_CONCAT(DISTINCT CONCAT(m.LOCK_MODE, ' on ', m.TABLE_SCHEMA, '.', m.TABLE_NAME)
                                    ORDER BY m.TABLE_NAME SEPARATOR ', ')),
       (SELECT UTC_TIMESTAMP(6) - INTERVAL TIMESTAMPDIFF(MICROSECOND, x.trx_started, NOW(6)) MICROSECOND
          FROM information_schema.INNODB_TRX x WHERE x.trx_mysql_thread_id = m.THREAD_ID LIMIT 1),
       LEFT(COALESCE(p.INFO, ''), 200)
  FROM information_schema.METADATA_LOCK_INFO m
  LEFT JOIN information_schema.PROCESSLIST p ON p.ID = m.THREAD_ID
 WHERE m.TABLE_SCHEMA = ? AND m.TABLE_NAME <> '' AND m.LOCK_MODE = 'MDL_EXCLUSIVE' AND m.THREAD_ID <> CONNECTION_ID()
 GROUP BY m.THREAD_ID, p.USER, p.HOST, p.COMMAND, p.TIME, p.STATE, p.INFO
 ORDER BY m.THREAD_ID`

	// queryExclusiveHolders reads performance_schema's metadata locks when
	// they are recorded; otherwise it lists the sessions running a schema
	// change or waiting for a metadata lock (state says which).
	queryExclusiveHolders = `SELECT t.PROCESSLIST_ID, COALESCE(t.PROCESSLIST_USER, ''), COALESCE(t.PROCESSLIST_HOST, ''),
       COALESCE(t.PROCESSLIST_COMMAND, ''),
       CONCAT('holds ', GROUP_CONCAT(DISTINCT CONCAT('EXCLUSIVE on ', m.OBJECT_SCHEMA, '.', m.OBJECT_NAME)
                                    ORDER BY m.OBJECT_NAME SEPARATOR ', ')),
       (SELECT UTC_TIMESTAMP(6) - INTERVAL TIMESTAMPDIFF(MICROSECOND, x.trx_started, NOW(6)) MICROSECOND
          FROM information_schema.INNODB_TRX x WHERE x.trx_mysql_thread_id = t.PROCESSLIST_ID LIMIT 1),
       LEFT(COALESCE(t.PROCESSLIST_INFO, ''), 200)
  FROM performance_schema.metadata_locks m
  JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID
  JOIN (SELECT ? AS tide_schema) AS tide_p
 WHERE m.OBJECT_TYPE = 'TABLE' AND m.LOCK_STATUS = 'GRANTED' AND m.LOCK_TYPE = 'EXCLUSIVE'
   AND m.OBJECT_SCHEMA = tide_p.tide_schema AND t.PROCESSLIST_ID <> CONNECTION_ID()
 GROUP BY t.PROCESSLIST_ID, t.PROCESSLIST_USER, t.PROCESSLIST_HOST, t.PROCESSLIST_COMMAND, t.PROCESSLIST_INFO
UNION ALL
SELECT p.ID, COALESCE(p.USER, ''), COALESCE(p.HOST, ''),
       CONCAT(p.COMMAND, ' for ', p.TIME, ' s', CASE WHEN COALESCE(p.STATE, '') <> '' THEN CONCAT(' (', p.STATE, ')') ELSE '' END),
       CASE WHEN p.STATE LIKE '%metadata lock%' THEN 'waits for a metadata lock (and may hold another one)'
            ELSE 'runs a schema change (which may hold an exclusive metadata lock)' END,
       (SELECT UTC_TIMESTAMP(6) - INTERVAL TIMESTAMPDIFF(MICROSECOND, x.trx_started, NOW(6)) MICROSECOND
          FROM information_schema.INNODB_TRX x WHERE x.trx_mysql_thread_id = p.ID LIMIT 1),
       LEFT(COALESCE(p.INFO, ''), 200)
  FROM information_schema.PROCESSLIST p
 WHERE p.ID <> CONNECTION_ID() AND p.COMMAND NOT IN ('Sleep', 'Daemon', 'Binlog Dump', 'Binlog Dump GTID')
   AND (p.STATE LIKE '%metadata lock%'
        OR UPPER(LTRIM(COALESCE(p.INFO, ''))) REGEXP '^(ALTER|RENAME|DROP|TRUNCATE|CREATE|OPTIMIZE|REPAIR|FLUSH)[[:space:]]')
   AND NOT EXISTS (SELECT 1 FROM performance_schema.setup_instruments
                    WHERE NAME = 'wait/lock/metadata/sql/mdl' AND ENABLED = 'YES' AND @@performance_schema = 1)
 ORDER BY 1`
)

// exclusiveHolders lists the sessions holding (or, without the plugin or
// performance_schema, perhaps holding) an exclusive metadata lock on a
// table of the database.
func (d *Database) exclusiveHolders(ctx context.Context) ([]inspect.LockHolder, error) {
	query := queryExclusiveHolders
	if d.server.MetadataLockInfo {
		query = queryExclusiveHoldersPlugin
	}
	rows, err := d.pool.QueryContext(ctx, query, d.cfg.DBName)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspect.LockHolder
	for rows.Next() {
		var h inspect.LockHolder
		var since sql.NullTime
		if err := rows.Scan(&h.PID, &h.User, &h.Client, &h.State, &h.Locks, &since, &h.Query); err != nil {
			return nil, err
		}
		h.Since = since.Time
		out = append(out, h)
	}
	return out, rows.Err()
}

// lockWaitError builds the error of an inspection whose every attempt
// timed out, naming the holders of exclusive metadata locks in the
// database as far as the server tells.
func (d *Database) lockWaitError(ctx context.Context, timeout time.Duration, attempts int, lt *lockTimeoutError) error {
	e := &inspect.LockWaitError{Target: d.Target(), Timeout: time.Duration(lockWaitSeconds(timeout)) * time.Second, Attempts: attempts, Err: lt,
		Waiting: fmt.Sprintf("a metadata lock on a table of %s while reading %s", d.cfg.DBName, strings.TrimPrefix(lt.what, "read "))}
	holders, err := d.exclusiveHolders(ctx)
	e.Blockers = holders
	switch {
	case err != nil:
		e.Hint = "listing the sessions holding metadata locks failed too: " + scrub(err.Error(), d.cfg.Passwd)
	case !d.server.MetadataLockInfo && d.server.MariaDB():
		e.Hint = "which session holds the lock is not known without the metadata_lock_info plugin " +
			"(INSTALL SONAME 'metadata_lock_info'); listed are the sessions running a schema change or waiting for a metadata lock"
	}
	return e
}
