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
	// An enum value the plan adds in an earlier step does not exist yet.
	sqlstateInvalidText = "22P02"
)

// ClassifyError implements dialects.ErrorClassifier: a lock timeout (55P03),
// a deadlock (40P01) or a serialization failure (40001) cancels the
// statement before it changes anything, so it is retryable; an undefined
// table, column, object, schema or function is ErrorUndefined, and so is an
// invalid input value (22P02: typically an enum value that an earlier step
// of the same plan adds), so that a pre-flight check naming it is run just
// before its step rather than failing the whole apply up front.
func (d *Database) ClassifyError(err error) dialects.ErrorClass {
	switch d.ErrorCode(err) {
	case sqlstateLockNotAvailable, sqlstateDeadlock, sqlstateSerialization:
		return dialects.ErrorRetryable
	case sqlstateUndefinedTable, sqlstateUndefinedColumn, sqlstateUndefinedObject, sqlstateUndefinedSchema, sqlstateUndefinedFunc,
		sqlstateInvalidText:
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
