package postgres

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tidedb/tide/dialects"
)

// Database classifies pgx's errors for the executor.
var _ dialects.ErrorClassifier = (*Database)(nil)

// SQLSTATEs the executor reacts to.
const (
	sqlstateLockNotAvailable = "55P03" // lock_timeout expired, or NOWAIT
	sqlstateDeadlock         = "40P01"
	sqlstateSerialization    = "40001"
	sqlstateUndefinedTable   = "42P01"
	sqlstateUndefinedColumn  = "42703"
	sqlstateUndefinedObject  = "42704"
	sqlstateUndefinedSchema  = "3F000"
	sqlstateUndefinedFunc    = "42883"
)

// ClassifyError implements dialects.ErrorClassifier: a lock timeout (55P03),
// a deadlock (40P01) or a serialization failure (40001) cancels the
// statement before it changes anything, so it is retryable; an undefined
// table, column, object, schema or function is ErrorUndefined.
func (d *Database) ClassifyError(err error) dialects.ErrorClass {
	switch d.ErrorCode(err) {
	case sqlstateLockNotAvailable, sqlstateDeadlock, sqlstateSerialization:
		return dialects.ErrorRetryable
	case sqlstateUndefinedTable, sqlstateUndefinedColumn, sqlstateUndefinedObject, sqlstateUndefinedSchema, sqlstateUndefinedFunc:
		return dialects.ErrorUndefined
	}
	return dialects.ErrorOther
}

// ErrorCode implements dialects.ErrorClassifier: the SQLSTATE of a
// *pgconn.PgError anywhere in err's chain, "" otherwise.
func (*Database) ErrorCode(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}
