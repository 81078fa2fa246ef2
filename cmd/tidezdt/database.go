package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// schemaSQL is the schema before the migration.
const schemaSQL = `
CREATE TABLE accounts (
    id   bigint PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE payments (
    id         bigint PRIMARY KEY,
    account_id bigint NOT NULL,
    amount     integer NOT NULL,
    note       text,
    created_at timestamptz
);`

// createDatabase creates an empty database named name on the server of
// admin and returns its URL and a function that drops it.
func createDatabase(ctx context.Context, admin, name string) (string, func(), error) {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", nil, fmt.Errorf("connect to %s: %w (is PostgreSQL running? set TIDE_TEST_POSTGRES_URL or -url)", redact(admin), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		c, err := pgx.Connect(context.Background(), admin)
		if err == nil {
			_, _ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
			c.Close(context.Background())
		}
	}
	return u.String(), drop, nil
}

// loadData creates the tables and fills them: accounts 1..accounts and
// payments 1..payments (every third note NULL, amounts 0..99,999), then
// VACUUM ANALYZE.
func loadData(ctx context.Context, dbURL string, payments, accounts int64) error {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	statements := []string{
		schemaSQL,
		fmt.Sprintf("INSERT INTO accounts (id, name) SELECT g, 'account ' || g FROM generate_series(1, %d) AS g", accounts),
		fmt.Sprintf(`INSERT INTO payments (id, account_id, amount, note, created_at)
SELECT g, 1 + (g * 7919) %% %d, (g * 104729) %% 100000,
       CASE WHEN g %% 3 = 0 THEN NULL ELSE 'payment ' || g END,
       timestamptz '2024-01-01' + g * interval '17 seconds'
FROM generate_series(1::bigint, %d) AS g`, accounts, payments),
		"VACUUM ANALYZE",
	}
	for _, s := range statements {
		if _, err := conn.Exec(ctx, s); err != nil {
			return fmt.Errorf("load the data: %w\n%s", err, s)
		}
	}
	return nil
}

// outcome describes the database after the migration.
type outcome struct {
	amountType     string
	hasNoteNotNull bool
	indexValid     bool
	fkValid        bool
	checkValid     bool
	rows           int64
	wrongHasNote   int64 // rows the load never updated whose has_note is not (note IS NOT NULL)
	leftovers      []string
}

// inspectOutcome reads what the migration left.
func inspectOutcome(ctx context.Context, dbURL string, loadedRows int64) (outcome, error) {
	var o outcome
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return o, err
	}
	defer conn.Close(ctx)
	err = conn.QueryRow(ctx, `
SELECT format_type(a.atttypid, a.atttypmod),
       (SELECT attnotnull FROM pg_attribute WHERE attrelid = 'payments'::regclass AND attname = 'has_note'),
       coalesce((SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                 WHERE i.indrelid = 'payments'::regclass
                   AND pg_get_indexdef(i.indexrelid) LIKE '%(account_id, created_at)'), false),
       coalesce((SELECT convalidated FROM pg_constraint WHERE conrelid = 'payments'::regclass AND contype = 'f'
                 AND confrelid = 'accounts'::regclass), false),
       coalesce((SELECT convalidated FROM pg_constraint WHERE conrelid = 'payments'::regclass AND contype = 'c'
                 AND pg_get_constraintdef(oid) LIKE '%amount >= 0%'), false)
FROM pg_attribute a WHERE a.attrelid = 'payments'::regclass AND a.attname = 'amount'`).
		Scan(&o.amountType, &o.hasNoteNotNull, &o.indexValid, &o.fkValid, &o.checkValid)
	if err != nil {
		return o, fmt.Errorf("inspect the migrated payments table: %w", err)
	}
	// Rows the load never updated: loaded rows still holding their
	// original note, and inserted rows (the load updates only ids it loaded).
	// An update after the backfill leaves has_note as it was, in both runs:
	// it is a plain column, so updated rows are not judged.
	if err := conn.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE (note LIKE 'payment %' OR id > $1)
		AND has_note IS DISTINCT FROM (note IS NOT NULL)) FROM payments`, loadedRows).
		Scan(&o.rows, &o.wrongHasNote); err != nil {
		return o, err
	}
	rows, err := conn.Query(ctx, `
SELECT attname FROM pg_attribute WHERE attrelid = 'payments'::regclass AND attnum > 0 AND NOT attisdropped AND attname LIKE '%tide%'
UNION ALL SELECT tgname FROM pg_trigger WHERE tgrelid = 'payments'::regclass AND NOT tgisinternal
UNION ALL SELECT conname FROM pg_constraint WHERE conrelid = 'payments'::regclass AND conname LIKE '%tide%'`)
	if err != nil {
		return o, err
	}
	o.leftovers, err = pgx.CollectRows(rows, pgx.RowTo[string])
	return o, err
}

// String is a one-line account of the outcome.
func (o outcome) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "amount %s", o.amountType)
	for _, c := range []struct {
		ok   bool
		what string
	}{{o.hasNoteNotNull, "has_note NOT NULL"}, {o.indexValid, "index valid"}, {o.fkValid, "FK valid"}, {o.checkValid, "check valid"}} {
		if c.ok {
			fmt.Fprintf(&b, ", %s", c.what)
		} else {
			fmt.Fprintf(&b, ", NOT %s", c.what)
		}
	}
	fmt.Fprintf(&b, ", %d rows, has_note wrong in %d rows the load inserted or never updated", o.rows, o.wrongHasNote)
	if len(o.leftovers) > 0 {
		fmt.Fprintf(&b, ", left behind: %s", strings.Join(o.leftovers, " "))
	}
	return b.String()
}

// lockWait is one observation of application sessions waiting for a lock.
type lockWait struct {
	at      time.Duration // relative to the start of the load
	waiting int           // application sessions waiting for a lock
	longest time.Duration // how long the longest of them had been waiting
	blocker string        // the statement of a session blocking it
}

// sampleLockWaits polls pg_stat_activity every interval until ctx ends and
// returns the observation with the longest lock wait of an application
// session (zero when none waited).
func sampleLockWaits(ctx context.Context, dbURL string, began time.Time, interval time.Duration) lockWait {
	var worst lockWait
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return worst
	}
	defer conn.Close(context.Background())
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return worst
		case <-tick.C:
		}
		var w lockWait
		var longest float64
		err := conn.QueryRow(ctx, `
WITH waiter AS (
    SELECT pid, now() - state_change AS waited FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock')
SELECT (SELECT count(*) FROM waiter),
       coalesce(extract(epoch FROM (SELECT max(waited) FROM waiter)), 0),
       coalesce((SELECT left(regexp_replace(b.query, '\s+', ' ', 'g'), 160) FROM pg_stat_activity b
                 WHERE b.pid = ANY (pg_blocking_pids((SELECT pid FROM waiter ORDER BY waited DESC LIMIT 1)))
                 ORDER BY b.application_name = $1 LIMIT 1), '')`, loadApplicationName).
			Scan(&w.waiting, &longest, &w.blocker)
		if err != nil {
			continue
		}
		w.at = time.Since(began)
		w.longest = time.Duration(longest * float64(time.Second))
		if w.waiting > 0 && w.longest > worst.longest {
			worst = w
		}
	}
}

// redact removes the password from a URL for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the server URL"
	}
	return u.Redacted()
}
