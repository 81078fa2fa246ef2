package mysql

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"
)

// conn takes one connection of db (a session of its own).
func conn(t *testing.T, db *sql.DB) *sql.Conn {
	t.Helper()
	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// connectionID is a session's CONNECTION_ID().
func connectionID(t *testing.T, c *sql.Conn) int64 {
	t.Helper()
	var id int64
	if err := c.QueryRowContext(context.Background(), "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestApplyLockLive: one session at a time takes a database's apply lock;
// the others see who holds it (its connection id, user, client) until it
// is released; another database's lock is another lock; a database name
// too long for a lock name is hashed.
func TestApplyLockLive(t *testing.T) {
	ctx := context.Background()
	db, name := liveDB(t)
	d := Dialect{Database: name}
	a, b := conn(t, db), conn(t, db)
	try := func(c *sql.Conn, d Dialect) bool {
		t.Helper()
		var got bool
		if err := c.QueryRowContext(ctx, d.TryApplyLock()).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if _, err := a.ExecContext(ctx, d.SetSessionName("tide apply")); err != nil {
		t.Fatal(err)
	}
	if !try(a, d) {
		t.Fatal("the first session did not get the free lock")
	}
	if try(b, d) {
		t.Fatal("a second session got the lock the first holds")
	}
	var pid int64
	var user, app, client string
	var since time.Time
	if err := b.QueryRowContext(ctx, d.ApplyLockHolders()).Scan(&pid, &user, &app, &client, &since); err != nil {
		t.Fatalf("holders: %v", err)
	}
	if pid != connectionID(t, a) || user == "" || app != "tide" || client == "" || time.Since(since) > time.Hour || time.Until(since) > time.Minute {
		t.Errorf("holder (%d, %q, %q, %q, %s), want connection %d", pid, user, app, client, since, connectionID(t, a))
	}
	if !try(b, Dialect{Database: name + "_other"}) {
		t.Error("another database's lock is taken too")
	}
	if _, err := a.ExecContext(ctx, d.ReleaseApplyLock()); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRowContext(ctx, d.ApplyLockHolders()).Scan(&pid, &user, &app, &client, &since); !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("a holder after the release: %v", err)
	}
	if !try(b, d) {
		t.Error("the lock was not free after its release")
	}
	long := Dialect{Database: strings.Repeat("d", 64)}
	if n := len(long.applyLockName()); n > maxLockName {
		t.Errorf("lock name of %d characters", n)
	}
	if !try(a, long) {
		t.Error("the lock of a database with a long name was not taken")
	}
}

// TestHistoryLive: the history tables are created (twice changes
// nothing); an apply, its steps and a checkpoint are written and read back
// through the statements, bound as the executor binds them; another
// database's history is not seen.
func TestHistoryLive(t *testing.T) {
	ctx := context.Background()
	db, name := liveDB(t)
	d := Dialect{Database: name}
	c := conn(t, db)
	t.Cleanup(func() { _, _ = db.Exec("DELETE FROM tide.applies WHERE db_name = ?", name+"_other") })
	for range 2 {
		for _, s := range d.HistorySchema() {
			if _, err := c.ExecContext(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	h := d.History()
	exec := func(stmt string, args ...any) {
		t.Helper()
		stmt, args = d.Bind(stmt, args)
		if _, err := c.ExecContext(ctx, stmt, args...); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	start := func(fingerprint string) int64 {
		t.Helper()
		exec(h.StartApply, "apply", fingerprint, "test", "target", "all", `{"plan":1}`)
		var id int64
		if err := c.QueryRowContext(ctx, h.StartApplyID).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	var exists bool
	if err := c.QueryRowContext(ctx, h.Exists).Scan(&exists); err != nil || !exists {
		t.Fatalf("Exists: %v, %v", exists, err)
	}
	if _, err := c.ExecContext(ctx, d.SetSessionName("tide apply")); err != nil {
		t.Fatal(err)
	}
	first := start("fp1")
	exec(h.StartStep, first, 1, "key1", "db.t", "add_column", "add a column")
	exec(h.Checkpoint, first, 1, `["41"]`, 41, 100)
	exec(h.EndStep, first, 1, "interrupted", "killed", 3)
	exec(h.EndApply, first, "interrupted", "")
	second := start("fp2")
	exec(h.MarkRolledBack, first, second)

	var applyID, rows int64
	var outcome string
	var key sql.NullString
	stmt, args := d.Bind(h.LastCheckpoint, []any{"key1", second})
	if err := c.QueryRowContext(ctx, stmt, args...).Scan(&applyID, &outcome, &key, &rows); err != nil {
		t.Fatal(err)
	}
	if applyID != first || outcome != "interrupted" || key.String != `["41"]` || rows != 41 {
		t.Errorf("last checkpoint (%d, %q, %q, %d)", applyID, outcome, key.String, rows)
	}

	other := Dialect{Database: name + "_other"}
	if _, err := c.ExecContext(ctx, "CREATE DATABASE `"+other.Database+"`"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = db.Exec("DROP DATABASE IF EXISTS `" + other.Database + "`") })
	if _, err := c.ExecContext(ctx, "USE `"+other.Database+"`"); err != nil {
		t.Fatal(err)
	}
	start("fp-other")
	if _, err := c.ExecContext(ctx, "USE `"+name+"`"); err != nil {
		t.Fatal(err)
	}

	recs, err := c.QueryContext(ctx, h.Applies, 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for recs.Next() {
		var id int64
		var kind, fp, version, target, phase, user, client, app, outcome, errText string
		var started time.Time
		var ended sql.NullTime
		var by sql.NullInt64
		if err := recs.Scan(&id, &kind, &fp, &version, &target, &phase, &user, &client, &app, &started, &ended, &outcome, &errText, &by); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		if id == first && (!ended.Valid || outcome != "interrupted" || by.Int64 != second || app != "tide apply" || user == "" || client == "") {
			t.Errorf("apply %d read back as (%v, %q, rolled back by %d, app %q, user %q, client %q)", id, ended, outcome, by.Int64, app, user, client)
		}
		if time.Since(started) > time.Hour || time.Until(started) > time.Minute {
			t.Errorf("apply %d started at %s, not now in UTC", id, started)
		}
	}
	recs.Close()
	if len(ids) != 2 || ids[0] != second || ids[1] != first {
		t.Errorf("applies %v, want [%d %d] (latest first, this database only)", ids, second, first)
	}

	var stepKey, attempts string
	var backfillRows, estimate sql.NullInt64
	err = c.QueryRowContext(ctx, "SELECT step_key, attempts, backfill_rows, backfill_estimate FROM ("+h.Steps+") s", first).
		Scan(&stepKey, &attempts, &backfillRows, &estimate)
	if err != nil || stepKey != "key1" || attempts != "3" || backfillRows.Int64 != 41 || estimate.Int64 != 100 {
		t.Errorf("step read back as (%q, %s, %d, %d), %v", stepKey, attempts, backfillRows.Int64, estimate.Int64, err)
	}
	var plan string
	if err := c.QueryRowContext(ctx, h.Plan, first).Scan(&plan); err != nil || plan != `{"plan":1}` {
		t.Errorf("plan %q, %v", plan, err)
	}
}

// TestKeysetKeyUsableLive: the table exists; the key's columns exist and
// are NOT NULL; a unique index has only key columns.
func TestKeysetKeyUsableLive(t *testing.T) {
	db, name := liveDB(t)
	for _, s := range []string{
		"CREATE TABLE pk (id int PRIMARY KEY, v int)",
		"CREATE TABLE composite (a int NOT NULL, b int NOT NULL, c int, PRIMARY KEY (a, b))",
		"CREATE TABLE uniq (id int NOT NULL, code varchar(10) NULL, UNIQUE KEY (id))",
		"CREATE TABLE plain (id int NOT NULL, KEY (id))",
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	d := Dialect{Database: name}
	cases := []struct {
		table, key           string
		exists, notNull, uni bool
	}{
		{"pk", `["id"]`, true, true, true},
		{"composite", `["a","b"]`, true, true, true},
		{"composite", `["a","b","c"]`, true, false, true},
		{"composite", `["a"]`, true, true, false},
		{"uniq", `["id"]`, true, true, true},
		{"uniq", `["code"]`, true, false, false},
		{"plain", `["id"]`, true, true, false},
		{"pk", `["nosuch"]`, true, false, false},
		{"missing", `["id"]`, false, false, false},
	}
	for _, c := range cases {
		stmt, args := d.Bind(d.KeysetKeyUsable(), []any{name, c.table, c.key})
		var exists, notNull, uni bool
		if err := db.QueryRow(stmt, args...).Scan(&exists, &notNull, &uni); err != nil {
			t.Fatalf("%s %s: %v", c.table, c.key, err)
		}
		if exists != c.exists || notNull != c.notNull || uni != c.uni {
			t.Errorf("%s %s: (%v, %v, %v), want (%v, %v, %v)", c.table, c.key, exists, notNull, uni, c.exists, c.notNull, c.uni)
		}
	}
}

// TestLeftoversLive: tide's temporary objects in the database are listed,
// nothing in a clean one.
func TestLeftoversLive(t *testing.T) {
	db, name := liveDB(t)
	d := Dialect{Database: name}
	list := func() []string {
		t.Helper()
		rows, err := db.Query(d.Leftovers())
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var kind, object, problem string
			if err := rows.Scan(&kind, &object, &problem); err != nil {
				t.Fatal(err)
			}
			out = append(out, kind+" "+object)
		}
		return out
	}
	if _, err := db.Exec("CREATE TABLE t (id int PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	if got := list(); len(got) != 0 {
		t.Fatalf("leftovers in a clean database: %v", got)
	}
	for _, s := range []string{
		"ALTER TABLE t ADD COLUMN v__tide int, ADD INDEX i__tide (v__tide)",
		"CREATE TABLE t__tide (id int PRIMARY KEY)",
		"CREATE PROCEDURE __tide_backfill() BEGIN END",
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"column " + name + ".t.v__tide", "index " + name + ".t.i__tide", "procedure " + name + ".__tide_backfill", "table " + name + ".t__tide"}
	if got := list(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("leftovers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBlockingSessionsLive: a session with an open transaction on the
// table is listed, with its connection id and when its transaction began.
func TestBlockingSessionsLive(t *testing.T) {
	ctx := context.Background()
	db, name := liveDB(t)
	if _, err := db.Exec("CREATE TABLE t (id int PRIMARY KEY, v int)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO t VALUES (1, 1)"); err != nil {
		t.Fatal(err)
	}
	holder := conn(t, db)
	tx, err := holder.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE t SET v = 2 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	d := Dialect{Database: name}
	rows, err := conn(t, db).QueryContext(ctx, d.BlockingSessions(), name, "t")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var pid int64
		var user, app, client, state, lock, query string
		var since sql.NullTime
		if err := rows.Scan(&pid, &user, &app, &client, &state, &lock, &since, &query); err != nil {
			t.Fatal(err)
		}
		if pid == connectionID(t, holder) {
			found = true
			if lock == "" || !since.Valid || time.Since(since.Time) > time.Hour || time.Until(since.Time) > time.Minute {
				t.Errorf("the holder is listed as (%q, %q, %v)", state, lock, since)
			}
		}
	}
	if !found {
		t.Error("the session with an open transaction on t is not listed")
	}
}
