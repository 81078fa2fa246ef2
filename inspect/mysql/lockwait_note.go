package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/schema"
)

// Database says what it knows of a table's locks when no session can be
// named as their holder.
var _ inspect.TableLockNoter = (*Database)(nil)

// TableLockNote implements inspect.TableLockNoter. Without the
// metadata_lock_info plugin (MariaDB) or performance_schema's metadata
// locks, which session holds a table is not known, and one holding LOCK
// TABLES outside a transaction is found by no query; but SHOW OPEN TABLES
// counts the table locks and lock requests on a table (In_use), and the
// sessions waiting for its metadata lock say so in PROCESSLIST (their
// statement naming the table). The note says both, and how to learn more;
// "" when the table is not in use and nobody waits for it.
func (d *Database) TableLockNote(ctx context.Context, conn *sql.Conn, table schema.QName) (string, error) {
	inUse, err := d.tableInUse(ctx, conn, table)
	if err != nil {
		return "", err
	}
	waiters, err := metadataLockWaiters(ctx, conn, table.Name)
	if err != nil {
		return "", err
	}
	if inUse == 0 && len(waiters) == 0 {
		return "", nil
	}
	name := table.Schema + "." + table.Name
	var b strings.Builder
	if inUse > 0 {
		fmt.Fprintf(&b, "%s is locked: SHOW OPEN TABLES counts %d table lock(s) or lock request(s) on it (LOCK TABLES, or a statement using it)", name, inUse)
	} else {
		fmt.Fprintf(&b, "%s has no table lock (SHOW OPEN TABLES), but sessions wait for a metadata lock on it", name)
	}
	if len(waiters) > 0 {
		fmt.Fprintf(&b, "; session(s) %s wait for a metadata lock in a statement naming it", strings.Join(waiters, ", "))
	}
	b.WriteString("; which session holds the lock is not known ")
	if d.server.MariaDB() {
		b.WriteString("without the metadata_lock_info plugin: INSTALL SONAME 'metadata_lock_info' and tide names it")
	} else {
		b.WriteString("without performance_schema's metadata lock instrument (wait/lock/metadata/sql/mdl)")
	}
	return b.String(), nil
}

// tableInUse is SHOW OPEN TABLES' In_use for a table: how many table locks
// and lock requests it has (0 when it is not open).
func (d *Database) tableInUse(ctx context.Context, conn *sql.Conn, table schema.QName) (int, error) {
	rows, err := conn.QueryContext(ctx, "SHOW OPEN TABLES FROM "+quoteIdent(table.Schema)+" WHERE `Table` = "+quoteString(table.Name))
	if err != nil {
		return 0, d.wrapErr("read the open tables", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var db, name string
		var inUse, nameLocked int
		if err := rows.Scan(&db, &name, &inUse, &nameLocked); err != nil {
			return 0, d.wrapErr("read the open tables", err)
		}
		n += inUse
	}
	return n, rows.Err()
}

// metadataLockWaiters lists the other sessions waiting for a metadata lock
// whose statement names table.
func metadataLockWaiters(ctx context.Context, conn *sql.Conn, table string) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT ID FROM information_schema.PROCESSLIST
WHERE ID <> CONNECTION_ID() AND STATE = 'Waiting for table metadata lock' AND INFO LIKE ? ORDER BY ID`,
		"%"+likeEscaper.Replace(table)+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// likeEscaper escapes LIKE's wildcards and escape character.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// quoteString renders a string literal (the sessions run without
// NO_BACKSLASH_ESCAPES, see parseURL).
func quoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}
