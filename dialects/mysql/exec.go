package mysql

import (
	"crypto/sha1"
	"encoding/hex"
	"unicode/utf8"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Dialect is what the executor asks of MySQL and MariaDB besides a plan:
// exec.go (the apply lock and the checks), exec_history.go (the history in
// database tide), exec_bind.go (numbered placeholders) and backfill.go
// (keyset batches).
var (
	_ dialects.ExecSQL            = Dialect{}
	_ dialects.KeysetRangeUpdater = Dialect{}
	_ dialects.ArgBinder          = Dialect{}
)

// maxLockName is the longest user-level lock name MySQL accepts.
const maxLockName = 64

// applyLockName is the user-level lock of one apply at a time on the
// dialect's database: "tide_apply.<database>", or with the database name's
// SHA-1 when that would be longer than MySQL allows. A user-level lock is
// server-wide, so the database is in its name.
func (d Dialect) applyLockName() string {
	name := "tide_apply." + d.Database
	if utf8.RuneCountInString(name) <= maxLockName {
		return name
	}
	sum := sha1.Sum([]byte(d.Database))
	return "tide_apply." + hex.EncodeToString(sum[:])
}

// TryApplyLock implements dialects.ApplyLockSQL with GET_LOCK(…, 0), a
// user-level lock that belongs to the session and that the server releases
// when the session ends. GET_LOCK returns NULL on an error, read as not
// taken.
func (d Dialect) TryApplyLock() string {
	return "SELECT COALESCE(GET_LOCK(" + quoteLiteral(d.applyLockName()) + ", 0), 0) = 1"
}

// ReleaseApplyLock implements dialects.ApplyLockSQL.
func (d Dialect) ReleaseApplyLock() string {
	return "SELECT RELEASE_LOCK(" + quoteLiteral(d.applyLockName()) + ")"
}

// ApplyLockHolders implements dialects.ApplyLockSQL: IS_USED_LOCK gives the
// holder's connection id, information_schema.PROCESSLIST its user and
// client. A session has no name other sessions can see, so the application
// is "tide" (only tide takes this lock); the server keeps no connection
// time, so since is when the holder began its current command (TIME). A
// user without the PROCESS privilege sees only its own sessions: a holder
// under another user is then not listed.
func (d Dialect) ApplyLockHolders() string {
	return `SELECT p.ID, p.USER, 'tide', p.HOST, UTC_TIMESTAMP(6) - INTERVAL p.TIME SECOND
  FROM information_schema.PROCESSLIST p
 WHERE p.ID = IS_USED_LOCK(` + quoteLiteral(d.applyLockName()) + `)`
}

// SetSessionName implements dialects.ApplyLockSQL. MySQL sessions have no
// name other sessions can see; the name goes into the user variable
// @tide_application, which the history records with each apply
// (exec_history.go).
func (Dialect) SetSessionName(name string) string {
	return "SET @tide_application = " + quoteLiteral(name)
}

// IndexValid implements dialects.CheckSQL. MySQL has no invalid indexes (an
// index build either completes or leaves nothing), so an index that exists
// is valid: the query returns TRUE when index $2 exists in database $1.
// The executor never needs it, as ConcurrentIndex is always false.
func (Dialect) IndexValid() string {
	return `SELECT TRUE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND INDEX_NAME = ? LIMIT 1`
}

// DropIndexConcurrently implements dialects.CheckSQL. MySQL never leaves an
// invalid index to drop (ConcurrentIndex is always false, so the executor
// never asks), and an index is named within its table, which the name
// alone does not say: the statement raises an error saying so.
func (Dialect) DropIndexConcurrently(index schema.QName) string {
	return "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = " + quoteLiteral(
		"tide: MySQL builds indexes atomically and names them per table; drop index "+index.String()+" with ALTER TABLE … DROP INDEX")
}

// ConcurrentIndex implements dialects.BatchSQL: never. An index built with
// ALGORITHM=INPLACE, LOCK=NONE is one atomic statement that leaves no
// invalid index behind when it fails.
func (Dialect) ConcurrentIndex(string) (schema.QName, bool) { return schema.QName{}, false }

// ReplicaLag implements dialects.BatchSQL: "", as a MySQL or MariaDB primary
// does not know its replicas' lag (each replica reports its own in SHOW
// REPLICA STATUS).
func (Dialect) ReplicaLag() string { return "" }

// Leftovers implements dialects.CheckSQL: tide's temporary objects (names
// containing "__tide") in the connection's database — tables, columns,
// indexes, constraints, triggers and the procedures of hand-run backfills.
// MySQL has no invalid index and no unvalidated constraint, so there is
// nothing else to find.
func (Dialect) Leftovers() string {
	return `SELECT 'table', CONCAT(TABLE_SCHEMA, '.', TABLE_NAME), 'a temporary table of tide was left behind'
  FROM information_schema.TABLES
 WHERE TABLE_SCHEMA = DATABASE() AND INSTR(TABLE_NAME, '__tide') > 0
UNION ALL
SELECT 'column', CONCAT(TABLE_SCHEMA, '.', TABLE_NAME, '.', COLUMN_NAME), 'a temporary column of tide was left behind'
  FROM information_schema.COLUMNS
 WHERE TABLE_SCHEMA = DATABASE() AND INSTR(COLUMN_NAME, '__tide') > 0
UNION ALL
SELECT DISTINCT 'index', CONCAT(TABLE_SCHEMA, '.', TABLE_NAME, '.', INDEX_NAME), 'a temporary index of tide was left behind'
  FROM information_schema.STATISTICS
 WHERE TABLE_SCHEMA = DATABASE() AND INSTR(INDEX_NAME, '__tide') > 0
UNION ALL
SELECT 'constraint', CONCAT(TABLE_SCHEMA, '.', TABLE_NAME, '.', CONSTRAINT_NAME), 'a temporary constraint of tide was left behind'
  FROM information_schema.TABLE_CONSTRAINTS
 WHERE TABLE_SCHEMA = DATABASE() AND INSTR(CONSTRAINT_NAME, '__tide') > 0 AND CONSTRAINT_TYPE <> 'UNIQUE'
UNION ALL
SELECT 'trigger', CONCAT(EVENT_OBJECT_SCHEMA, '.', EVENT_OBJECT_TABLE, '.', TRIGGER_NAME), 'a trigger of tide was left behind'
  FROM information_schema.TRIGGERS
 WHERE TRIGGER_SCHEMA = DATABASE() AND INSTR(TRIGGER_NAME, '__tide') > 0
UNION ALL
SELECT 'procedure', CONCAT(ROUTINE_SCHEMA, '.', ROUTINE_NAME), 'a backfill procedure of tide was left behind (a hand-run backfill stopped); drop it'
  FROM information_schema.ROUTINES
 WHERE ROUTINE_SCHEMA = DATABASE() AND INSTR(ROUTINE_NAME, '__tide') > 0
 ORDER BY 1, 2`
}

// KeysetKeyUsable implements dialects.BatchSQL from information_schema:
// the table $2 of database $1 exists; every column of the key $3 (a JSON
// array of names) exists and is NOT NULL; a unique index (the primary key
// or another) has only key columns, none of them an expression.
func (Dialect) KeysetKeyUsable() string {
	return `SELECT
  EXISTS (SELECT 1 FROM information_schema.TABLES
           WHERE TABLE_SCHEMA = $1 AND TABLE_NAME = $2 AND TABLE_TYPE = 'BASE TABLE'),
  JSON_LENGTH($3) > 0 AND JSON_LENGTH($3) = (
      SELECT COUNT(*) FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = $1 AND TABLE_NAME = $2 AND IS_NULLABLE = 'NO'
         AND JSON_CONTAINS($3, JSON_QUOTE(COLUMN_NAME))),
  EXISTS (SELECT 1 FROM information_schema.STATISTICS
           WHERE TABLE_SCHEMA = $1 AND TABLE_NAME = $2 AND NON_UNIQUE = 0
           GROUP BY INDEX_NAME
          HAVING SUM(COLUMN_NAME IS NULL OR NOT JSON_CONTAINS($3, JSON_QUOTE(COLUMN_NAME))) = 0)`
}
