package mysql

// BlockingSessions implements dialects.CheckSQL: the other sessions holding
// a lock on table ? in database ?. Which query depends on what the server
// can tell:
//
//   - With MariaDB's metadata_lock_info plugin installed
//     (Server.MetadataLockInfo, detected when the database is opened),
//     every session holding a metadata lock on the table, from
//     information_schema.METADATA_LOCK_INFO: an open transaction that read
//     or wrote it, LOCK TABLES (also outside a transaction), a running
//     statement (blockingSessionsMetadataLockInfo).
//   - Otherwise, when performance_schema records metadata locks (MySQL 8
//     by default; MariaDB when started with performance_schema=ON and the
//     wait/lock/metadata/sql/mdl instrument enabled), the same from
//     performance_schema.metadata_locks; and when it does not, as on a
//     default MariaDB, which tables a session holds is not known, and the
//     other sessions with an open InnoDB transaction are listed, with how
//     many tables and rows they lock (information_schema.INNODB_TRX). A
//     session holding LOCK TABLES outside a transaction is not seen then
//     (blockingSessionsDefault); the inspector's TableLockNote says what
//     is known of the table then.
//
// The parameters are taken once each, in order (positional "?").
func (d Dialect) BlockingSessions() string {
	if d.Server != nil && d.Server.MetadataLockInfo {
		return blockingSessionsMetadataLockInfo
	}
	return blockingSessionsDefault
}

// blockingSessionsMetadataLockInfo is BlockingSessions from MariaDB's
// metadata_lock_info plugin, which lists granted metadata locks by
// THREAD_ID, the PROCESSLIST id. The state says what the session does and
// for how long (PROCESSLIST's COMMAND, TIME and STATE: "Sleep for 12 s" is
// a session idle for 12 s, such as one that took LOCK TABLES and went on
// with other work); the lock is the plugin's MDL mode, with what takes the
// LOCK TABLES modes; since is when its InnoDB transaction began, if it has
// one.
const blockingSessionsMetadataLockInfo = `SELECT m.THREAD_ID, COALESCE(p.USER, ''), '', COALESCE(p.HOST, ''),
       CONCAT(COALESCE(p.COMMAND, '?'), COALESCE(CONCAT(' for ', p.TIME, ' s'), ''),
              CASE WHEN COALESCE(p.STATE, '') <> '' THEN CONCAT(' (', p.STATE, ')') ELSE '' END),
       GROUP_CONCAT(DISTINCT CASE m.LOCK_MODE
                        WHEN 'MDL_SHARED_NO_READ_WRITE' THEN 'MDL_SHARED_NO_READ_WRITE (LOCK TABLES ... WRITE)'
                        WHEN 'MDL_SHARED_READ_ONLY' THEN 'MDL_SHARED_READ_ONLY (LOCK TABLES ... READ)'
                        ELSE m.LOCK_MODE END ORDER BY m.LOCK_MODE SEPARATOR ', '),
       (SELECT UTC_TIMESTAMP(6) - INTERVAL TIMESTAMPDIFF(MICROSECOND, x.trx_started, NOW(6)) MICROSECOND
          FROM information_schema.INNODB_TRX x WHERE x.trx_mysql_thread_id = m.THREAD_ID LIMIT 1),
       LEFT(COALESCE(p.INFO, ''), 200)
  FROM information_schema.METADATA_LOCK_INFO m
  LEFT JOIN information_schema.PROCESSLIST p ON p.ID = m.THREAD_ID
  JOIN (SELECT ? AS tide_schema, ? AS tide_table) AS tide_p
 WHERE m.TABLE_SCHEMA = tide_p.tide_schema AND m.TABLE_NAME = tide_p.tide_table AND m.THREAD_ID <> CONNECTION_ID()
 GROUP BY m.THREAD_ID, p.USER, p.HOST, p.COMMAND, p.TIME, p.STATE, p.INFO
 ORDER BY 7, 1`

// blockingSessionsDefault is BlockingSessions from performance_schema's
// metadata locks, else from the open InnoDB transactions.
const blockingSessionsDefault = `SELECT t.PROCESSLIST_ID, COALESCE(t.PROCESSLIST_USER, ''), '', COALESCE(t.PROCESSLIST_HOST, ''),
       COALESCE(t.PROCESSLIST_COMMAND, ''),
       GROUP_CONCAT(DISTINCT m.LOCK_TYPE ORDER BY m.LOCK_TYPE SEPARATOR ', '),
       (SELECT UTC_TIMESTAMP(6) - INTERVAL TIMESTAMPDIFF(MICROSECOND, x.trx_started, NOW(6)) MICROSECOND
          FROM information_schema.INNODB_TRX x WHERE x.trx_mysql_thread_id = t.PROCESSLIST_ID LIMIT 1),
       LEFT(COALESCE(t.PROCESSLIST_INFO, ''), 200)
  FROM performance_schema.metadata_locks m
  JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID
  JOIN (SELECT ? AS tide_schema, ? AS tide_table) AS tide_p
 WHERE m.OBJECT_TYPE = 'TABLE' AND m.LOCK_STATUS = 'GRANTED'
   AND m.OBJECT_SCHEMA = tide_p.tide_schema AND m.OBJECT_NAME = tide_p.tide_table
   AND t.PROCESSLIST_ID <> CONNECTION_ID()
 GROUP BY t.PROCESSLIST_ID, t.PROCESSLIST_USER, t.PROCESSLIST_HOST, t.PROCESSLIST_COMMAND, t.PROCESSLIST_INFO
UNION ALL
SELECT x.trx_mysql_thread_id, COALESCE(p.USER, ''), '', COALESCE(p.HOST, ''), COALESCE(p.COMMAND, ''),
       CONCAT('an open transaction''s locks (', x.trx_tables_locked, ' table(s), ', x.trx_rows_locked,
              ' row(s); whether on this table is not known without performance_schema metadata locks)'),
       UTC_TIMESTAMP(6) - INTERVAL TIMESTAMPDIFF(MICROSECOND, x.trx_started, NOW(6)) MICROSECOND,
       LEFT(COALESCE(x.trx_query, p.INFO, ''), 200)
  FROM information_schema.INNODB_TRX x
  LEFT JOIN information_schema.PROCESSLIST p ON p.ID = x.trx_mysql_thread_id
 WHERE x.trx_mysql_thread_id <> CONNECTION_ID()
   AND NOT EXISTS (SELECT 1 FROM performance_schema.setup_instruments
                    WHERE NAME = 'wait/lock/metadata/sql/mdl' AND ENABLED = 'YES' AND @@performance_schema = 1)
 ORDER BY 7, 1`

// QueryMetadataLockInfo is a query returning one row, 1 when MariaDB's
// metadata_lock_info plugin is installed and active, 0 otherwise (and on
// MySQL), for Server.MetadataLockInfo.
const QueryMetadataLockInfo = `SELECT COUNT(*) FROM information_schema.PLUGINS
 WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO' AND PLUGIN_STATUS = 'ACTIVE'`
