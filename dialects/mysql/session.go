package mysql

import (
	"fmt"
	"strconv"
	"time"
)

// noLockLimit is lock_wait_timeout's largest value (a year), used for
// "no limit".
const noLockLimit = 31536000

// SessionSettings implements dialects.Recipes: lock_wait_timeout (metadata
// locks, what DDL waits for) and innodb_lock_wait_timeout (row locks, what
// backfills wait for) in whole seconds, rounded up; and the statement
// timeout — max_statement_time in seconds on MariaDB, which covers every
// statement, max_execution_time in milliseconds on MySQL, which covers only
// SELECT. 0 means no limit.
func (d Dialect) SessionSettings(lockTimeout, statementTimeout time.Duration) []string {
	lock := noLockLimit
	if lockTimeout > 0 {
		lock = int((lockTimeout + time.Second - 1) / time.Second)
	}
	out := []string{
		fmt.Sprintf("SET SESSION lock_wait_timeout = %d", lock),
		fmt.Sprintf("SET SESSION innodb_lock_wait_timeout = %d", lock),
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
