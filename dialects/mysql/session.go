package mysql

import (
	"fmt"
	"strconv"
	"time"
)

// noLockLimit is lock_wait_timeout's largest value (a year), used for
// "no limit".
const noLockLimit = 31536000

// strictMode adds STRICT_ALL_TABLES to the session's sql_mode, keeping the
// modes it has (the server's, as the connection set them); running it
// again changes nothing, as the server keeps each mode once.
const strictMode = "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES')"

// SessionSettings implements dialects.Recipes: lock_wait_timeout (metadata
// locks, what DDL waits for) and innodb_lock_wait_timeout (row locks, what
// backfills wait for) in whole seconds, rounded up; the statement timeout —
// max_statement_time in seconds on MariaDB, which covers every statement,
// max_execution_time in milliseconds on MySQL, which covers only SELECT (0
// means no limit); and a strict sql_mode (STRICT_ALL_TABLES added to the
// session's modes), so that a step never silently truncates a value: a
// table copy that narrows a column or drops an ENUM member, or a MODIFY …
// NOT NULL, fails on the first row it cannot keep (error 1265, 1406 or 1138),
// which the pre-flight checks look for before the plan starts.
func (d Dialect) SessionSettings(lockTimeout, statementTimeout time.Duration) []string {
	lock := noLockLimit
	if lockTimeout > 0 {
		lock = int((lockTimeout + time.Second - 1) / time.Second)
	}
	out := []string{
		fmt.Sprintf("SET SESSION lock_wait_timeout = %d", lock),
		fmt.Sprintf("SET SESSION innodb_lock_wait_timeout = %d", lock),
		strictMode,
	}
	if d.mariaDB() {
		secs := "0"
		if statementTimeout > 0 {
			secs = strconv.FormatFloat(max(statementTimeout.Seconds(), 0.001), 'f', -1, 64)
		}
		return append(out, "SET SESSION max_statement_time = "+secs)
	}
	ms := int64(0)
	if statementTimeout > 0 {
		ms = max(statementTimeout.Milliseconds(), 1)
	}
	return append(out, fmt.Sprintf("SET SESSION max_execution_time = %d", ms))
}
