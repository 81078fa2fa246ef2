package mysql

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"syscall"

	driver "github.com/go-sql-driver/mysql"

	"github.com/tidedb/tide/dialects"
)

// Server error numbers the executor reacts to.
const (
	errLockWaitTimeout = 1205 // ER_LOCK_WAIT_TIMEOUT: lock_wait_timeout or innodb_lock_wait_timeout expired
	errDeadlock        = 1213 // ER_LOCK_DEADLOCK
	errLockNowait      = 3572 // ER_LOCK_NOWAIT (MySQL 8 NOWAIT)
	errBadDB           = 1049 // ER_BAD_DB_ERROR: unknown database
	errBadField        = 1054 // ER_BAD_FIELD_ERROR: unknown column
	errCantDrop        = 1091 // ER_CANT_DROP_FIELD_OR_KEY: no such column, key or constraint
	errNoSuchTable     = 1146 // ER_NO_SUCH_TABLE
	errKeyDoesNotExist = 1176 // ER_KEY_DOES_NOT_EXITS: no such index (FORCE INDEX, RENAME INDEX)
	errSPDoesNotExist  = 1305 // ER_SP_DOES_NOT_EXIST: unknown function
	errBadTable        = 1051 // ER_BAD_TABLE_ERROR: unknown table (DROP TABLE)
)

// ClassifyError implements dialects.ErrorClassifier: a lock wait timeout
// (1205), a deadlock (1213) or a NOWAIT refusal (3572) is retryable — the
// statement was rolled back (a deadlock rolls back the whole transaction)
// and may be run again; an unknown database, table, column, key,
// constraint or function is ErrorUndefined.
func (d *Database) ClassifyError(err error) dialects.ErrorClass {
	var me *driver.MySQLError
	if !errors.As(err, &me) {
		return dialects.ErrorOther
	}
	switch me.Number {
	case errLockWaitTimeout, errDeadlock, errLockNowait:
		return dialects.ErrorRetryable
	case errBadDB, errBadField, errCantDrop, errNoSuchTable, errKeyDoesNotExist, errSPDoesNotExist, errBadTable:
		return dialects.ErrorUndefined
	}
	return dialects.ErrorOther
}

// ErrorCode implements dialects.ErrorClassifier: the server's error number
// ("1205") of a *mysql.MySQLError anywhere in err's chain — MySQL's
// SQLSTATEs are too coarse (HY000) to tell errors apart — and "" for
// other errors.
func (*Database) ErrorCode(err error) string {
	var me *driver.MySQLError
	if errors.As(err, &me) {
		return strconv.Itoa(int(me.Number))
	}
	return ""
}

// connectError rewords a driver error from the first round trip into one
// line that names host:port/db and says what went wrong, never with the
// password.
func (d *Database) connectError(err error) error {
	return fmt.Errorf("connect to %s: %s", d.Target(), scrub(connectReason(err), d.cfg.Passwd))
}

// connectReason picks the most useful part of a connection failure.
func connectReason(err error) string {
	var me *driver.MySQLError
	switch {
	case errors.As(err, &me):
		return fmt.Sprintf("%s (error %d)", me.Message, me.Number)
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out waiting for the server (is it reachable from here, and is it a MySQL or MariaDB server?)"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused: is the MySQL or MariaDB server running and accepting TCP connections on that host and port?"
	case errors.Is(err, driver.ErrMalformPkt), errors.Is(err, driver.ErrPktSync), errors.Is(err, driver.ErrPktSyncMul),
		errors.Is(err, driver.ErrInvalidConn), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "the server did not answer in the MySQL protocol; is it a MySQL or MariaDB server? (use a URL for its own dialect, e.g. postgres://)"
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Sprintf("cannot resolve host %q: %s", dnsErr.Name, dnsErr.Err)
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return "timed out waiting for the server (is it reachable from here?)"
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Err != nil {
		return opErr.Err.Error()
	}
	return err.Error()
}

// scrub removes a password from a message, whatever the driver put in it.
func scrub(msg, password string) string {
	if password == "" {
		return msg
	}
	return strings.ReplaceAll(msg, password, "xxxxx")
}

// wrapErr adds the database target to an error from a catalog read or
// statement, scrubbed of the password.
func (d *Database) wrapErr(what string, err error) error {
	var me *driver.MySQLError
	if errors.As(err, &me) {
		return fmt.Errorf("%s on %s: %s (error %d)", what, d.Target(), scrub(me.Message, d.cfg.Passwd), me.Number)
	}
	return fmt.Errorf("%s on %s: %s", what, d.Target(), scrub(err.Error(), d.cfg.Passwd))
}
