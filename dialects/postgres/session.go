package postgres

import (
	"fmt"
	"time"
)

// SessionSettings implements dialects.Recipes: SET lock_timeout and SET
// statement_timeout in milliseconds ('0' = no limit).
func (Dialect) SessionSettings(lockTimeout, statementTimeout time.Duration) []string {
	return []string{
		"SET lock_timeout = " + timeoutLiteral(lockTimeout),
		"SET statement_timeout = " + timeoutLiteral(statementTimeout),
	}
}

// timeoutLiteral renders a duration as a PostgreSQL setting value: '0' for
// none, whole seconds as '2s', else milliseconds ('1500ms'), rounding a
// sub-millisecond positive duration up to 1ms so it never means "no limit".
func timeoutLiteral(d time.Duration) string {
	if d <= 0 {
		return "'0'"
	}
	ms := d.Milliseconds()
	if d%time.Millisecond != 0 {
		ms++
	}
	if ms%1000 == 0 {
		return fmt.Sprintf("'%ds'", ms/1000)
	}
	return fmt.Sprintf("'%dms'", ms)
}
