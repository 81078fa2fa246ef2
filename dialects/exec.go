package dialects

import "github.com/tidedb/tide/schema"

// ExecSQL is the SQL text an executor needs besides a plan's own statements,
// so that the executor (package apply) holds no engine-specific SQL. A
// Dialect that can be applied to implements it; the parameter contract of
// each query is in its doc comment, placeholders in the engine's syntax.
type ExecSQL interface {
	ApplyLockSQL
	HistorySQL
	CheckSQL
	BatchSQL
}

// ApplyLockSQL is the server-side lock that lets one apply run at a time on
// a database. The lock belongs to the session that took it and is released
// when that session ends, whatever happens to the process.
type ApplyLockSQL interface {
	// TryApplyLock is a query returning one boolean: true when this session
	// took the apply lock, false when another session holds it. It never
	// waits.
	TryApplyLock() string
	// ReleaseApplyLock is a statement releasing the lock this session holds.
	ReleaseApplyLock() string
	// ApplyLockHolders is a query returning the sessions holding the apply
	// lock, as rows of (pid bigint, user text, application text, client
	// text, since timestamp): since is when the session connected.
	ApplyLockHolders() string
	// SetSessionName is a statement that names this session for other
	// sessions to see (PostgreSQL application_name).
	SetSessionName(name string) string
}

// HistorySQL creates, writes and reads tide's history tables.
type HistorySQL interface {
	// HistorySchema is the statements creating the history schema and its
	// tables when missing; running them again changes nothing.
	HistorySchema() []string
	// History is the statements reading and writing the history tables.
	History() HistoryStatements
}

// HistoryStatements reads and writes the history tables. Parameters are
// numbered as listed; key values are JSON text (an array of strings).
type HistoryStatements struct {
	// Exists is a query returning one boolean: the history tables exist.
	Exists string
	// StartApply inserts an apply: $1 kind ("apply" | "rollback"), $2 plan
	// fingerprint, $3 tide version, $4 target, $5 phase, $6 plan JSON. The
	// server fills who (user, client address, application) and when. It
	// returns the new apply's id (bigint).
	StartApply string
	// EndApply records how an apply ended: $1 apply id, $2 outcome, $3 error
	// text ("" = none).
	EndApply string
	// MarkRolledBack records that apply $1 was undone by rollback apply $2.
	MarkRolledBack string
	// StartStep inserts a running step: $1 apply id, $2 step id, $3 step key,
	// $4 object, $5 change, $6 summary.
	StartStep string
	// EndStep records how a step ended: $1 apply id, $2 step id, $3 outcome,
	// $4 error text ("" = none), $5 attempts.
	EndStep string
	// Checkpoint records a backfill's progress: $1 apply id, $2 step id, $3
	// last key (JSON text), $4 rows done, $5 row estimate (-1 unknown).
	Checkpoint string
	// LastCheckpoint is a query for the latest step row with step key $1 in
	// another apply than $2, as (apply id, outcome, last key JSON or NULL,
	// rows done or NULL); no row when there is none.
	LastCheckpoint string
	// Applies is a query listing the latest $1 applies, latest first, as (id,
	// kind, fingerprint, tide version, target, phase, user, client,
	// application, started, ended or NULL, outcome, error, rolled back by or
	// NULL).
	Applies string
	// Steps is a query listing apply $1's steps in step order as (step id,
	// step key, object, change, summary, started, ended or NULL, outcome,
	// error, attempts, last key or NULL, rows done or NULL, estimate or
	// NULL).
	Steps string
	// Plan is a query returning apply $1's plan JSON.
	Plan string
}

// CheckSQL checks the database during and after an apply.
type CheckSQL interface {
	// IndexValid is a query with $1 schema and $2 index name returning one
	// boolean row (is the index valid) when the index exists, no row when it
	// does not.
	IndexValid() string
	// DropIndexConcurrently drops an index without blocking writes (outside
	// a transaction), doing nothing when it does not exist.
	DropIndexConcurrently(index schema.QName) string
	// BlockingSessions is a query with $1 schema and $2 table returning the
	// other sessions holding a lock on that table, as rows of (pid bigint,
	// user text, application text, client text, state text, lock text,
	// since timestamp or NULL, query text): since is when their transaction
	// began.
	BlockingSessions() string
	// Leftovers is a query returning what an apply must not leave behind,
	// as rows of (kind text, object text, problem text): invalid indexes,
	// constraints not validated, and tide's temporary objects (names
	// containing "__tide").
	Leftovers() string
}

// BatchSQL is how an executor runs a backfill in batches and recognises an
// online index build.
type BatchSQL interface {
	// KeysetUpperBound is the query returning the largest key of b's table
	// (one column per key column), no row when the table is empty.
	KeysetUpperBound(b Backfill) string
	// KeysetFirstBatch is the first batch: $1..$n the upper bound. See
	// KeysetBatch for its result.
	KeysetFirstBatch(b Backfill) string
	// KeysetBatch is one later batch: $1..$n the previous batch's last key,
	// $n+1..$2n the upper bound. It returns no row when the range is done,
	// else (last key columns…, rows in the batch, rows updated).
	KeysetBatch(b Backfill) string
	// ConcurrentIndex returns the index a statement builds without a
	// transaction (PostgreSQL CREATE INDEX CONCURRENTLY), and whether it is
	// such a statement. Such a build can fail and leave an invalid index.
	ConcurrentIndex(statement string) (schema.QName, bool)
	// KeysetKeyUsable is a query with $1 schema, $2 table and $3 the key
	// columns as a JSON array of names, returning one row of three booleans:
	// the table exists; every key column exists and is NOT NULL; a valid,
	// non-partial unique index (the primary key or another) covers only key
	// columns, so that the key tuple identifies one row. Keyset batches need
	// all three.
	KeysetKeyUsable() string
	// ReplicaLag is a query returning one row: the largest replay lag of any
	// replica in seconds (double precision), NULL when there is no replica
	// or none reports a lag.
	ReplicaLag() string
}

// ErrorClass is what an executor may do about a database error.
type ErrorClass int

// The error classes.
const (
	// ErrorOther is any error that retrying will not fix.
	ErrorOther ErrorClass = iota
	// ErrorRetryable is a lock timeout or a deadlock: the statement was
	// cancelled before it changed anything and may be run again.
	ErrorRetryable
	// ErrorUndefined says a table, column or other object does not exist
	// (yet).
	ErrorUndefined
)

// ErrorClassifier classifies a driver's errors. A live database
// (inspect.Database) of an engine implements it, since only it knows its
// driver's error types.
type ErrorClassifier interface {
	// ClassifyError says what kind of error err is.
	ClassifyError(err error) ErrorClass
	// ErrorCode returns the engine's code for err (a SQLSTATE), "" when it
	// has none.
	ErrorCode(err error) string
}
