package postgres

import "github.com/tidedb/tide/dialects"

// HistorySchema implements dialects.HistorySQL: schema tide with
// tide.applies (one row per apply or rollback, with the plan it ran) and
// tide.steps (one row per step run, with its backfill checkpoint). Who ran
// an apply is filled in by the server: current_user, the client's address
// (inet_client_addr) and application_name.
func (Dialect) HistorySchema() []string {
	return []string{
		`CREATE SCHEMA IF NOT EXISTS tide`,
		`CREATE TABLE IF NOT EXISTS tide.applies (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL DEFAULT 'apply',
    fingerprint text NOT NULL,
    tide_version text NOT NULL,
    target text NOT NULL,
    phase text NOT NULL,
    plan text NOT NULL,
    db_user text NOT NULL DEFAULT current_user,
    client_addr text NOT NULL DEFAULT coalesce(host(inet_client_addr()), 'local socket'),
    application_name text NOT NULL DEFAULT current_setting('application_name'),
    started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    ended_at timestamptz,
    outcome text NOT NULL DEFAULT 'running',
    error text,
    rolled_back_by bigint
)`,
		`CREATE TABLE IF NOT EXISTS tide.steps (
    apply_id bigint NOT NULL REFERENCES tide.applies (id) ON DELETE CASCADE,
    step_id integer NOT NULL,
    step_key text NOT NULL,
    object text NOT NULL,
    change text NOT NULL,
    summary text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    ended_at timestamptz,
    outcome text NOT NULL DEFAULT 'running',
    error text,
    attempts integer NOT NULL DEFAULT 0,
    backfill_last_key text,
    backfill_rows bigint,
    backfill_estimate bigint,
    PRIMARY KEY (apply_id, step_id)
)`,
		`CREATE INDEX IF NOT EXISTS steps_step_key_idx ON tide.steps (step_key, started_at)`,
	}
}

// History implements dialects.HistorySQL.
func (Dialect) History() dialects.HistoryStatements {
	return dialects.HistoryStatements{
		Exists: `SELECT to_regclass('tide.applies') IS NOT NULL AND to_regclass('tide.steps') IS NOT NULL`,
		StartApply: `INSERT INTO tide.applies (kind, fingerprint, tide_version, target, phase, plan)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		EndApply: `UPDATE tide.applies SET ended_at = clock_timestamp(), outcome = $2, error = nullif($3, '')
 WHERE id = $1`,
		MarkRolledBack: `UPDATE tide.applies SET rolled_back_by = $2 WHERE id = $1`,
		StartStep: `INSERT INTO tide.steps (apply_id, step_id, step_key, object, change, summary)
VALUES ($1, $2, $3, $4, $5, $6)`,
		EndStep: `UPDATE tide.steps SET ended_at = clock_timestamp(), outcome = $3, error = nullif($4, ''), attempts = $5
 WHERE apply_id = $1 AND step_id = $2`,
		Checkpoint: `UPDATE tide.steps SET backfill_last_key = $3, backfill_rows = $4, backfill_estimate = $5
 WHERE apply_id = $1 AND step_id = $2`,
		LastCheckpoint: `SELECT apply_id, outcome, backfill_last_key, backfill_rows
  FROM tide.steps
 WHERE step_key = $1 AND apply_id <> $2
 ORDER BY started_at DESC, apply_id DESC
 LIMIT 1`,
		Applies: `SELECT id, kind, fingerprint, tide_version, target, phase, db_user, client_addr, application_name,
       started_at, ended_at, outcome, coalesce(error, ''), rolled_back_by
  FROM tide.applies
 ORDER BY id DESC
 LIMIT $1`,
		Steps: `SELECT step_id, step_key, object, change, summary, started_at, ended_at, outcome, coalesce(error, ''),
       attempts, backfill_last_key, backfill_rows, backfill_estimate
  FROM tide.steps
 WHERE apply_id = $1
 ORDER BY step_id`,
		Plan: `SELECT plan FROM tide.applies WHERE id = $1`,
	}
}
