package postgres

import "github.com/tidedb/tide/dialects"

// Dialect names the sessions blocking a waiting statement.
var _ dialects.LockWaitSQL = Dialect{}

// SessionID implements dialects.LockWaitSQL: pg_backend_pid().
func (Dialect) SessionID() string { return "SELECT pg_backend_pid()::bigint" }

// WatchLockWait implements dialects.LockWaitSQL with one recursive query
// that polls on the server: each round sleeps (a fifth of $2 ms, between 5
// and 200 ms), asks pg_blocking_pids whether session $1 waits for a lock,
// and whether it holds any lock at all (every transaction holds at least
// its virtual transaction id's). It returns true once $1 has been blocked
// in every round for $2 ms. It ends without a row when $1, seen in a
// transaction, no longer is (its statement ended, or the session did), or
// was not seen in one for the first $2 ms (its statement ended before the
// first look): so it ends on its own even when its client went away, which
// the server notices only when it answers.
//
// Every round must read the lock table afresh. A function scan without
// changed parameters is not run again on a rescan, so the pg_sleep call
// depends on the round number, and pg_lock_status is called in a target
// list (ProjectSet) fed by the round's row, which runs it again each round.
func (Dialect) WatchLockWait() string {
	return `WITH RECURSIVE tide_watch(round, started, blocked_since, seen, ready) AS (
    SELECT 0, clock_timestamp(), NULL::timestamptz, false, false
  UNION ALL
    SELECT w.round + 1, w.started,
           CASE WHEN s.blocked THEN coalesce(w.blocked_since, s.at) END,
           w.seen OR k.busy,
           s.blocked AND s.at - coalesce(w.blocked_since, s.at) >= $2::int * interval '1 millisecond'
      FROM tide_watch w
     CROSS JOIN LATERAL (
           SELECT w.round, clock_timestamp() AS at, cardinality(pg_blocking_pids($1::int)) > 0 AS blocked
             FROM pg_sleep(CASE WHEN w.round = 0 THEN 0 ELSE least(greatest($2::int / 5, 5), 200) / 1000.0 END)
           ) s
     CROSS JOIN LATERAL (
           SELECT coalesce(bool_or((x.l).pid = $1::int), false) AS busy
             FROM (SELECT pg_lock_status() AS l, s.round) x
           ) k
     WHERE NOT w.ready AND (k.busy OR (NOT w.seen AND s.at - w.started < $2::int * interval '1 millisecond'))
)
SELECT true FROM tide_watch WHERE ready`
}

// LockWaitBlockers implements dialects.LockWaitSQL from pg_blocking_pids:
// the sessions holding a lock that conflicts with the one $1 waits for,
// and those queued ahead of it for a conflicting one. Each blocker's locks
// on the object $1 waits for are named ("holds …", "is queued ahead for
// …", and what a queued one itself waits for), the object by its name: a
// table or index, a row of one, the transaction whose row locks it waits
// for, or the transaction whose end it waits for (CREATE INDEX
// CONCURRENTLY waits for older transactions to end).
func (Dialect) LockWaitBlockers() string {
	return `WITH tide_wait AS (
    SELECT l.*, CASE l.locktype
               WHEN 'relation' THEN coalesce(r.name, 'relation ' || l.relation)
               WHEN 'tuple' THEN 'a row of ' || coalesce(r.name, 'relation ' || l.relation)
               WHEN 'transactionid' THEN 'transaction ' || l.transactionid
               WHEN 'virtualxid' THEN 'virtual transaction ' || l.virtualxid
               ELSE l.locktype || ' lock'
           END AS object,
           CASE l.locktype
               WHEN 'transactionid' THEN ' (rows that transaction changed or locked)'
               WHEN 'virtualxid' THEN ' (the end of that transaction)'
               ELSE ''
           END AS why
      FROM pg_locks l
      LEFT JOIN LATERAL (SELECT n.nspname || '.' || c.relname AS name
                           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE c.oid = l.relation) r ON true
     WHERE l.pid = $1::int AND NOT l.granted
     LIMIT 1
)
SELECT a.pid::bigint, coalesce(a.usename::text, ''), coalesce(a.application_name, ''),
       coalesce(host(a.client_addr), 'local socket'), coalesce(a.state, ''),
       coalesce((SELECT string_agg(CASE WHEN h.granted THEN 'holds ' ELSE 'is queued ahead for ' END || h.mode, ', '
                                   ORDER BY h.granted DESC, h.mode)
                   FROM pg_locks h
                  WHERE h.pid = a.pid AND h.locktype = w.locktype
                    AND h.database IS NOT DISTINCT FROM w.database AND h.relation IS NOT DISTINCT FROM w.relation
                    AND h.page IS NOT DISTINCT FROM w.page AND h.tuple IS NOT DISTINCT FROM w.tuple
                    AND h.virtualxid IS NOT DISTINCT FROM w.virtualxid
                    AND h.transactionid IS NOT DISTINCT FROM w.transactionid
                    AND h.classid IS NOT DISTINCT FROM w.classid AND h.objid IS NOT DISTINCT FROM w.objid
                    AND h.objsubid IS NOT DISTINCT FROM w.objsubid) || ' on ' || w.object,
                'blocks it (a lock group member)')
         || coalesce(' (itself waiting for pid ' || nullif(array_to_string(pg_blocking_pids(a.pid), ', pid '), '') || ')', ''),
       a.xact_start, left(coalesce(a.query, ''), 200),
       w.mode || ' on ' || w.object || w.why
  FROM tide_wait w
 CROSS JOIN LATERAL unnest(pg_blocking_pids($1::int)) AS b(pid)
  JOIN pg_stat_activity a ON a.pid = b.pid
 ORDER BY a.xact_start NULLS LAST, a.pid`
}
