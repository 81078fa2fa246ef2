package apply

import (
	"database/sql"
	"fmt"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/inspect"
)

// engine is what the executor needs of a live database: its pool, its
// dialect, the dialect's executor SQL and the database's error classifier.
type engine struct {
	target string
	pool   *sql.DB
	d      dialects.Dialect
	sql    dialects.ExecSQL
	errs   dialects.ErrorClassifier
	// binder rewrites numbered placeholders for engines that bind by
	// position; nil when the engine takes them as numbered.
	binder dialects.ArgBinder
	// lockNoter says what the server knows of a table's locks when no
	// session can be named as their holder; nil when it knows nothing more.
	lockNoter inspect.TableLockNoter
}

// newEngine checks that db's engine supports careful execution.
func newEngine(db inspect.Database) (*engine, error) {
	d := db.Dialect()
	x, ok := d.(dialects.ExecSQL)
	if !ok {
		return nil, fmt.Errorf("apply to %s: the %s dialect cannot execute plans yet (it has no executor SQL)", db.Target(), d.Name())
	}
	c, ok := db.(dialects.ErrorClassifier)
	if !ok {
		return nil, fmt.Errorf("apply to %s: the %s driver does not classify its errors, so lock timeouts cannot be retried", db.Target(), d.Name())
	}
	b, _ := d.(dialects.ArgBinder)
	n, _ := db.(inspect.TableLockNoter)
	return &engine{target: db.Target(), pool: db.DB(), d: d, sql: x, errs: c, binder: b, lockNoter: n}, nil
}

// bind returns an executor statement and its arguments in the form the
// engine takes them (see dialects.ArgBinder).
func (e *engine) bind(stmt string, args ...any) (string, []any) {
	if e.binder == nil {
		return stmt, args
	}
	return e.binder.Bind(stmt, args)
}

// retryable reports whether err is a lock timeout (or deadlock) worth retrying.
func (e *engine) retryable(err error) bool {
	return err != nil && e.errs.ClassifyError(err) == dialects.ErrorRetryable
}
