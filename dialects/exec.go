package dialects

import (
	"fmt"
	"strings"

	"github.com/tidedb/tide/schema"
)

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
	// text, since timestamp): since is when the session connected or, on an
	// engine that does not keep that (MySQL), when it began its current
	// command.
	ApplyLockHolders() string
	// SetSessionName is a statement that names this session: for other
	// sessions to see where the engine can (PostgreSQL application_name),
	// and for the history's application column.
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
// numbered as listed (see ArgBinder for engines whose placeholders are not
// numbered); key values are JSON text (an array of strings).
type HistoryStatements struct {
	// Exists is a query returning one boolean: the history tables exist.
	Exists string
	// StartApply inserts an apply: $1 kind ("apply" | "rollback"), $2 plan
	// fingerprint, $3 tide version, $4 target, $5 phase, $6 plan JSON. The
	// server fills who (user, client address, application) and when. It
	// returns the new apply's id (bigint), unless StartApplyID is set.
	StartApply string
	// StartApplyID, when not empty, is for engines whose INSERT cannot
	// return a row (MySQL): StartApply then returns nothing, and this query,
	// run right after it on the same connection, returns the new apply's id.
	StartApplyID string
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

// LockWaitSQL names the sessions that actually block a waiting statement,
// seen by the server while the statement waits. A dialect implements it
// beside ExecSQL when its server can tell; an executor then watches a
// step's last attempt with it, and falls back to CheckSQL.BlockingSessions
// (every session holding a lock on the step's tables) when it cannot.
type LockWaitSQL interface {
	// SessionID is a query returning this session's id as the server
	// knows it (bigint).
	SessionID() string
	// WatchLockWait is a query with $1 a session id and $2 a number of
	// milliseconds (int). It waits on the server while that session works
	// and returns one row (true) as soon as the session has been waiting
	// for a lock for $2 ms, or no row when the session's transaction ends
	// first. It polls a few times a second at most; the executor cancels it
	// when the watched statement ends.
	WatchLockWait() string
	// LockWaitBlockers is a query with $1 the id of a session waiting for a
	// lock, run while it waits, returning the sessions that block it — those
	// holding a lock that conflicts with the one it requests, and those
	// queued ahead of it for a conflicting one — as rows of (pid bigint,
	// user text, application text, client text, state text, lock text,
	// since timestamp or NULL, query text, waiting text): lock says what
	// the blocker holds or is queued for on the object the session waits
	// for ("holds ShareLock on public.t"), since is when its transaction
	// began, waiting is what the session requests ("ShareUpdateExclusiveLock
	// on public.t"), the same on every row. No row when it no longer waits.
	LockWaitBlockers() string
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
	// or none reports a lag; "" when the engine cannot tell from the primary
	// (MySQL: only each replica knows its lag).
	ReplicaLag() string
}

// ReplicaLagPrivilege is implemented by a BatchSQL whose ReplicaLag query
// needs a privilege a user may lack: an executor that cannot read the lag
// says how to grant it.
type ReplicaLagPrivilege interface {
	// ReplicaLagGrant names what the user needs ("the pg_monitor role").
	ReplicaLagGrant() string
}

// KeysetRangeUpdater is implemented by a BatchSQL whose engine cannot
// update rows and return a result in one statement (MySQL): its
// KeysetFirstBatch and KeysetBatch only find the batch — they return the
// batch's last key and row count, the row count again in place of the rows
// updated — and the executor then updates the batch's key range with these
// statements, in the same transaction.
type KeysetRangeUpdater interface {
	// KeysetFirstUpdate updates the first batch: $1..$n the batch's last key
	// (inclusive upper bound), n = len(b.Key).
	KeysetFirstUpdate(b Backfill) string
	// KeysetUpdate updates a later batch: $1..$n the previous batch's last
	// key (exclusive lower bound), $n+1..$2n this batch's last key
	// (inclusive upper bound).
	KeysetUpdate(b Backfill) string
}

// ArgBinder is implemented by an ExecSQL whose engine binds placeholders by
// position, each once ("?" in MySQL), while some of its statements are
// written with the numbered placeholders of the contracts above ($1, $2, …,
// in any order and as often as needed). Bind rewrites a statement into the
// engine's syntax and returns args in the order the rewritten statement
// takes them; a statement without numbered placeholders comes back
// unchanged with args. An executor passes every statement of an ExecSQL
// that takes arguments through Bind.
type ArgBinder interface {
	Bind(stmt string, args []any) (string, []any)
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

// ValidateBackfill reports why b cannot be run as a keyset backfill: it
// needs a table, a key (the primary key or a unique NOT NULL key), at least
// one assignment, and when it gives key types, one per key column.
func ValidateBackfill(b Backfill) error {
	table := b.Table.String()
	switch {
	case b.Table.Name == "":
		return fmt.Errorf("backfill: no table given")
	case len(b.Key) == 0:
		return fmt.Errorf("backfill of %s: the table has no primary key or unique NOT NULL key to walk in batches; add a primary key first", table)
	case len(b.Set) == 0:
		return fmt.Errorf("backfill of %s: no column to set", table)
	case b.KeyTypes != nil && len(b.KeyTypes) != len(b.Key):
		return fmt.Errorf("backfill of %s: %d key types for %d key columns", table, len(b.KeyTypes), len(b.Key))
	}
	for _, a := range b.Set {
		if a.Column == "" || strings.TrimSpace(a.Expr) == "" {
			return fmt.Errorf("backfill of %s: assignment %q = %q needs both a column and an expression", table, a.Column, a.Expr)
		}
	}
	return nil
}
