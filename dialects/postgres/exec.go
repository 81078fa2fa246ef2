package postgres

import (
	"strings"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Dialect is what the executor asks of PostgreSQL besides a plan.
var _ dialects.ExecSQL = Dialect{}

// applyLockClass and applyLockObject are the two keys of tide's advisory
// lock: 0x74696465 is "tide" in ASCII. pg_locks shows a two-key advisory lock
// with these as classid and objid and objsubid 2.
const (
	applyLockClass  = "1953063013"
	applyLockObject = "1"
)

// TryApplyLock implements dialects.ApplyLockSQL with a session-level
// advisory lock, which PostgreSQL releases when the session ends.
func (Dialect) TryApplyLock() string {
	return "SELECT pg_try_advisory_lock(" + applyLockClass + ", " + applyLockObject + ")"
}

// ReleaseApplyLock implements dialects.ApplyLockSQL.
func (Dialect) ReleaseApplyLock() string {
	return "SELECT pg_advisory_unlock(" + applyLockClass + ", " + applyLockObject + ")"
}

// ApplyLockHolders implements dialects.ApplyLockSQL from pg_locks joined
// with pg_stat_activity, in the current database only (advisory locks are
// per database).
func (Dialect) ApplyLockHolders() string {
	return `SELECT a.pid::bigint, coalesce(a.usename::text, ''), coalesce(a.application_name, ''),
       coalesce(host(a.client_addr), 'local socket'), a.backend_start
  FROM pg_locks l
  JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.granted
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND l.classid = ` + applyLockClass + ` AND l.objid = ` + applyLockObject + ` AND l.objsubid = 2
 ORDER BY a.pid`
}

// SetSessionName implements dialects.ApplyLockSQL: SET application_name.
func (Dialect) SetSessionName(name string) string {
	return "SET application_name = " + quoteLiteral(name)
}

// IndexValid implements dialects.CheckSQL from pg_index.indisvalid.
func (Dialect) IndexValid() string {
	return `SELECT i.indisvalid
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relname = $2`
}

// DropIndexConcurrently implements dialects.CheckSQL.
func (Dialect) DropIndexConcurrently(index schema.QName) string {
	return "DROP INDEX CONCURRENTLY IF EXISTS " + qualified(index)
}

// BlockingSessions implements dialects.CheckSQL: the other sessions holding
// a granted lock on the table, with the modes they hold.
func (Dialect) BlockingSessions() string {
	return `SELECT a.pid::bigint, coalesce(a.usename::text, ''), coalesce(a.application_name, ''),
       coalesce(host(a.client_addr), 'local socket'), coalesce(a.state, ''),
       string_agg(DISTINCT l.mode, ', '), a.xact_start, left(coalesce(a.query, ''), 200)
  FROM pg_locks l
  JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.locktype = 'relation' AND l.granted AND a.pid <> pg_backend_pid()
   AND l.relation = (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = $1 AND c.relname = $2)
 GROUP BY a.pid, a.usename, a.application_name, a.client_addr, a.state, a.xact_start, a.query
 ORDER BY a.xact_start NULLS LAST, a.pid`
}

// userNamespaces is a condition on a pg_namespace alias n that keeps the
// schemas a user owns (not the catalogs, not tide's history).
func userNamespaces(n string) string {
	return n + `.nspname NOT IN ('pg_catalog', 'information_schema', 'tide') AND ` +
		n + `.nspname NOT LIKE 'pg\_toast%' AND ` + n + `.nspname NOT LIKE 'pg\_temp\_%'`
}

// Leftovers implements dialects.CheckSQL: invalid indexes, constraints not
// validated, and every relation, column, constraint, trigger or function
// whose name contains "__tide" (tide's temporary names), in user schemas.
func (Dialect) Leftovers() string {
	return `SELECT 'invalid index', n.nspname || '.' || c.relname,
       'the index is INVALID (an index build failed); drop it and build it again'
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT i.indisvalid AND ` + userNamespaces("n") + `
UNION ALL
SELECT 'constraint not validated', n.nspname || '.' || r.relname || '.' || con.conname,
       'the constraint is NOT VALID: existing rows were never checked; run ALTER TABLE … VALIDATE CONSTRAINT'
  FROM pg_constraint con JOIN pg_class r ON r.oid = con.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
 WHERE NOT con.convalidated AND ` + userNamespaces("n") + `
UNION ALL
SELECT CASE c.relkind WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' ELSE 'table' END,
       n.nspname || '.' || c.relname, 'a temporary object of tide was left behind'
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE strpos(c.relname, '__tide') > 0 AND ` + userNamespaces("n") + `
UNION ALL
SELECT 'column', n.nspname || '.' || c.relname || '.' || a.attname, 'a temporary column of tide was left behind'
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
   AND strpos(a.attname, '__tide') > 0 AND ` + userNamespaces("n") + `
UNION ALL
SELECT 'constraint', n.nspname || '.' || r.relname || '.' || con.conname, 'a temporary constraint of tide was left behind'
  FROM pg_constraint con JOIN pg_class r ON r.oid = con.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
 WHERE strpos(con.conname, '__tide') > 0 AND ` + userNamespaces("n") + `
UNION ALL
SELECT 'trigger', n.nspname || '.' || r.relname || '.' || t.tgname, 'a sync trigger of tide was left behind'
  FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace
 WHERE NOT t.tgisinternal AND strpos(t.tgname, '__tide') > 0 AND ` + userNamespaces("n") + `
UNION ALL
SELECT 'function', n.nspname || '.' || p.proname, 'a trigger function of tide was left behind'
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE strpos(p.proname, '__tide') > 0 AND ` + userNamespaces("n") + `
 ORDER BY 1, 2`
}

// KeysetUpperBound implements dialects.BatchSQL (see the package function).
func (Dialect) KeysetUpperBound(b dialects.Backfill) string { return KeysetUpperBound(b) }

// KeysetFirstBatch implements dialects.BatchSQL (see the package function).
func (Dialect) KeysetFirstBatch(b dialects.Backfill) string { return KeysetFirstBatch(b) }

// KeysetBatch implements dialects.BatchSQL (see the package function).
func (Dialect) KeysetBatch(b dialects.Backfill) string { return KeysetBatch(b) }

// ConcurrentIndex implements dialects.BatchSQL: it recognises
// CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] table
// and returns the index, which lives in the table's schema.
func (Dialect) ConcurrentIndex(statement string) (schema.QName, bool) {
	s := &identScanner{src: strings.TrimSpace(statement)}
	if !s.keywords("CREATE") {
		return schema.QName{}, false
	}
	s.keywords("UNIQUE")
	if !s.keywords("INDEX", "CONCURRENTLY") {
		return schema.QName{}, false
	}
	s.keywords("IF", "NOT", "EXISTS")
	name, ok := s.ident()
	if !ok || !s.keywords("ON") {
		return schema.QName{}, false
	}
	s.keywords("ONLY")
	first, ok := s.ident()
	if !ok {
		return schema.QName{}, false
	}
	tableSchema := "public"
	if s.dot() {
		if _, ok := s.ident(); !ok {
			return schema.QName{}, false
		}
		tableSchema = first
	}
	return schema.QName{Schema: tableSchema, Name: name}, true
}

// identScanner reads keywords and identifiers from the start of a statement.
type identScanner struct{ src string }

func (s *identScanner) skipSpace() { s.src = strings.TrimLeft(s.src, " \t\r\n") }

// keywords consumes the words in order, case-insensitively, or nothing.
func (s *identScanner) keywords(words ...string) bool {
	rest := s.src
	for _, w := range words {
		rest = strings.TrimLeft(rest, " \t\r\n")
		if len(rest) < len(w) || !strings.EqualFold(rest[:len(w)], w) {
			return false
		}
		if len(rest) > len(w) && execIdentByte(rest[len(w)]) {
			return false
		}
		rest = rest[len(w):]
	}
	s.src = rest
	return true
}

// ident consumes a quoted or bare identifier (bare ones fold to lower case).
func (s *identScanner) ident() (string, bool) {
	s.skipSpace()
	if strings.HasPrefix(s.src, `"`) {
		var b strings.Builder
		for i := 1; i < len(s.src); i++ {
			if s.src[i] != '"' {
				b.WriteByte(s.src[i])
				continue
			}
			if i+1 < len(s.src) && s.src[i+1] == '"' {
				b.WriteByte('"')
				i++
				continue
			}
			s.src = s.src[i+1:]
			return b.String(), true
		}
		return "", false
	}
	n := 0
	for n < len(s.src) && execIdentByte(s.src[n]) {
		n++
	}
	if n == 0 {
		return "", false
	}
	id := strings.ToLower(s.src[:n])
	s.src = s.src[n:]
	return id, true
}

// dot consumes a "." between the parts of a qualified name.
func (s *identScanner) dot() bool {
	s.skipSpace()
	if strings.HasPrefix(s.src, ".") {
		s.src = s.src[1:]
		return true
	}
	return false
}

func execIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// KeysetKeyUsable implements dialects.BatchSQL from pg_attribute (NOT NULL)
// and pg_index: a valid unique index without predicate or expressions whose
// columns are all key columns.
func (Dialect) KeysetKeyUsable() string {
	return `WITH tide_rel AS (
    SELECT (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')) AS oid
), tide_key AS (
    SELECT jsonb_array_elements_text($3::text::jsonb) AS name
)
SELECT r.oid IS NOT NULL,
       r.oid IS NOT NULL AND (SELECT count(*) FROM tide_key) > 0 AND NOT EXISTS (
           SELECT FROM tide_key k
            WHERE NOT EXISTS (SELECT FROM pg_attribute a
                               WHERE a.attrelid = r.oid AND a.attname = k.name
                                 AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull)),
       r.oid IS NOT NULL AND EXISTS (
           SELECT FROM pg_index i
            WHERE i.indrelid = r.oid AND i.indisunique AND i.indisvalid
              AND i.indpred IS NULL AND i.indexprs IS NULL
              AND NOT EXISTS (SELECT FROM unnest(i.indkey::int2[]) AS ik(attnum)
                               JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = ik.attnum
                               WHERE a.attname NOT IN (SELECT name FROM tide_key)))
  FROM tide_rel r`
}

// ReplicaLag implements dialects.BatchSQL: the largest
// pg_stat_replication.replay_lag in seconds. Without the pg_monitor role
// (or superuser) PostgreSQL hides the lag of other users' replication
// connections, which then read as NULL.
func (Dialect) ReplicaLag() string {
	return `SELECT extract(epoch FROM max(replay_lag))::float8 FROM pg_stat_replication`
}

// ReplicaLagGrant implements dialects.ReplicaLagPrivilege: pg_stat_replication
// shows replay lag only to superusers and members of pg_monitor.
func (Dialect) ReplicaLagGrant() string { return "the pg_monitor role" }

var _ dialects.ReplicaLagPrivilege = Dialect{}
