package mysql

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect/mysql/mytest"
)

// blockerRow is a row of BlockingSessions.
type blockerRow struct {
	pid                             int64
	user, app, client, state, locks string
	since                           sql.NullTime
	query                           string
}

// blockingSessions runs d's BlockingSessions for table t of database name.
func blockingSessions(t *testing.T, db *sql.DB, d Dialect, name, table string) []blockerRow {
	t.Helper()
	rows, err := conn(t, db).QueryContext(context.Background(), d.BlockingSessions(), name, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []blockerRow
	for rows.Next() {
		var r blockerRow
		if err := rows.Scan(&r.pid, &r.user, &r.app, &r.client, &r.state, &r.locks, &r.since, &r.query); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBlockingSessionsLockTablesLive: a session holding LOCK TABLES t
// WRITE outside a transaction holds no InnoDB transaction, so without
// MariaDB's metadata_lock_info plugin it is not found; with the plugin it
// is named with its lock and what it is doing, and a table it does not
// lock lists nobody.
func TestBlockingSessionsLockTablesLive(t *testing.T) {
	ctx := context.Background()
	db, name := liveDB(t)
	if _, err := db.Exec("CREATE TABLE t (id int PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE u (id int PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	holder := conn(t, db)
	holderID := connectionID(t, holder)
	if _, err := holder.ExecContext(ctx, "LOCK TABLES t WRITE"); err != nil {
		t.Fatal(err)
	}
	defer holder.ExecContext(ctx, "UNLOCK TABLES") //nolint:errcheck

	t.Run("without the plugin", func(t *testing.T) {
		mytest.MetadataLockInfo(t, false)
		for _, r := range blockingSessions(t, db, Dialect{Database: name, Server: &Server{}}, name, "t") {
			if r.pid == holderID {
				t.Errorf("the LOCK TABLES holder is found without the plugin (%+v): the README says it is not", r)
			}
		}
	})
	t.Run("with the plugin", func(t *testing.T) {
		mytest.MetadataLockInfo(t, true)
		d := Dialect{Database: name, Server: &Server{MetadataLockInfo: true}}
		var found *blockerRow
		rows := blockingSessions(t, db, d, name, "t")
		for i := range rows {
			if rows[i].pid == holderID {
				found = &rows[i]
			}
		}
		if found == nil {
			t.Fatalf("the LOCK TABLES holder %d is not named: %+v", holderID, rows)
		}
		if !strings.Contains(found.locks, "MDL_SHARED_NO_READ_WRITE (LOCK TABLES ... WRITE)") || !strings.HasPrefix(found.state, "Sleep for ") ||
			found.user == "" || found.client == "" || found.since.Valid {
			t.Errorf("holder row %+v: want its LOCK TABLES lock, Sleep for N s, user and client, and no transaction", *found)
		}
		if other := blockingSessions(t, db, d, name, "u"); len(other) != 0 {
			t.Errorf("table u, which nobody locks: %+v", other)
		}
	})
}
