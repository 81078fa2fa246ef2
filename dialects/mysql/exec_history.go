package mysql

import "github.com/tidedb/tide/dialects"

// HistoryDatabase is the database holding tide's history on a MySQL or
// MariaDB server. A URL names one database, so one history serves every
// database of the server: each apply records the database it ran on
// (db_name), and the history statements read only the rows of the
// connection's database.
const HistoryDatabase = "tide"

// HistorySchema implements dialects.HistorySQL: database tide with
// tide.applies (one row per apply or rollback on a database, with the plan
// it ran) and tide.steps (one row per step run, with its backfill
// checkpoint). Times are UTC. Who ran an apply is filled in by the server:
// the user and client host of USER(), the session's name
// (@tide_application, see SetSessionName) and its connection id.
func (Dialect) HistorySchema() []string {
	return []string{
		"CREATE DATABASE IF NOT EXISTS tide CHARACTER SET utf8mb4",
		"CREATE TABLE IF NOT EXISTS tide.applies (\n" +
			"    id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,\n" +
			"    db_name varchar(64) NOT NULL,\n" +
			"    kind varchar(16) NOT NULL,\n" +
			"    fingerprint varchar(128) NOT NULL,\n" +
			"    tide_version varchar(64) NOT NULL,\n" +
			"    target varchar(512) NOT NULL,\n" +
			"    phase varchar(16) NOT NULL,\n" +
			"    plan longtext NOT NULL,\n" +
			"    db_user varchar(255) NOT NULL,\n" +
			"    client_addr varchar(255) NOT NULL,\n" +
			"    application_name varchar(255) NOT NULL,\n" +
			"    connection_id bigint unsigned NOT NULL,\n" +
			"    started_at datetime(6) NOT NULL,\n" +
			"    ended_at datetime(6) NULL,\n" +
			"    outcome varchar(32) NOT NULL DEFAULT 'running',\n" +
			"    `error` mediumtext NULL,\n" +
			"    rolled_back_by bigint NULL,\n" +
			"    KEY applies_db_name_idx (db_name, id)\n" +
			") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
		"CREATE TABLE IF NOT EXISTS tide.steps (\n" +
			"    apply_id bigint NOT NULL,\n" +
			"    step_id int NOT NULL,\n" +
			"    step_key varchar(64) NOT NULL,\n" +
			"    `object` text NOT NULL,\n" +
			"    `change` varchar(64) NOT NULL,\n" +
			"    summary text NOT NULL,\n" +
			"    started_at datetime(6) NOT NULL,\n" +
			"    ended_at datetime(6) NULL,\n" +
			"    outcome varchar(32) NOT NULL DEFAULT 'running',\n" +
			"    `error` mediumtext NULL,\n" +
			"    attempts int NOT NULL DEFAULT 0,\n" +
			"    backfill_last_key text NULL,\n" +
			"    backfill_rows bigint NULL,\n" +
			"    backfill_estimate bigint NULL,\n" +
			"    PRIMARY KEY (apply_id, step_id),\n" +
			"    KEY steps_step_key_idx (step_key, started_at),\n" +
			"    CONSTRAINT steps_apply_fk FOREIGN KEY (apply_id) REFERENCES tide.applies (id) ON DELETE CASCADE\n" +
			") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
	}
}

// History implements dialects.HistorySQL. Statements whose parameters are
// taken in order, once each, use positional "?"; the others are written
// with the contract's numbered placeholders and go through Bind.
func (Dialect) History() dialects.HistoryStatements {
	return dialects.HistoryStatements{
		Exists: `SELECT COUNT(*) = 2 FROM information_schema.TABLES
 WHERE TABLE_SCHEMA = 'tide' AND TABLE_NAME IN ('applies', 'steps')`,
		StartApply: `INSERT INTO tide.applies (db_name, kind, fingerprint, tide_version, target, phase, plan,
    db_user, client_addr, application_name, connection_id, started_at)
VALUES (DATABASE(), ?, ?, ?, ?, ?, ?,
    SUBSTRING_INDEX(USER(), '@', 1), SUBSTRING_INDEX(USER(), '@', -1), COALESCE(@tide_application, ''),
    CONNECTION_ID(), UTC_TIMESTAMP(6))`,
		StartApplyID: `SELECT LAST_INSERT_ID()`,
		EndApply: "UPDATE tide.applies SET ended_at = UTC_TIMESTAMP(6), outcome = $2, `error` = NULLIF($3, '')\n" +
			" WHERE id = $1",
		MarkRolledBack: `UPDATE tide.applies SET rolled_back_by = $2 WHERE id = $1`,
		StartStep: "INSERT INTO tide.steps (apply_id, step_id, step_key, `object`, `change`, summary, started_at)\n" +
			"VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))",
		EndStep: "UPDATE tide.steps SET ended_at = UTC_TIMESTAMP(6), outcome = $3, `error` = NULLIF($4, ''), attempts = $5\n" +
			" WHERE apply_id = $1 AND step_id = $2",
		Checkpoint: `UPDATE tide.steps SET backfill_last_key = $3, backfill_rows = $4, backfill_estimate = $5
 WHERE apply_id = $1 AND step_id = $2`,
		LastCheckpoint: `SELECT s.apply_id, s.outcome, s.backfill_last_key, s.backfill_rows
  FROM tide.steps s
  JOIN tide.applies a ON a.id = s.apply_id
 WHERE a.db_name = DATABASE() AND s.step_key = ? AND s.apply_id <> ?
 ORDER BY s.started_at DESC, s.apply_id DESC
 LIMIT 1`,
		Applies: "SELECT id, kind, fingerprint, tide_version, target, phase, db_user, client_addr, application_name,\n" +
			"       started_at, ended_at, outcome, COALESCE(`error`, ''), rolled_back_by\n" +
			"  FROM tide.applies\n" +
			" WHERE db_name = DATABASE()\n" +
			" ORDER BY id DESC\n" +
			" LIMIT ?",
		Steps: "SELECT step_id, step_key, `object`, `change`, summary, started_at, ended_at, outcome, COALESCE(`error`, ''),\n" +
			"       attempts, backfill_last_key, backfill_rows, backfill_estimate\n" +
			"  FROM tide.steps\n" +
			" WHERE apply_id = ?\n" +
			" ORDER BY step_id",
		Plan: `SELECT plan FROM tide.applies WHERE id = ? AND db_name = DATABASE()`,
	}
}
