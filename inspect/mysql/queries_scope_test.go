package mysql

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect/mysql/mytest"
)

// TestCatalogQueriesScanOneDatabase: every catalog query the inspector runs
// on the live server reads the information_schema of the inspected database
// only (EXPLAIN: "Scanned 1 database"), never every database's tables —
// which is slow on a big server and waits for any table another session
// holds an exclusive metadata lock on, in any database.
func TestCatalogQueriesScanOneDatabase(t *testing.T) {
	url := mytest.NewDB(t)
	mytest.Exec(t, url, `CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p int, CHECK (p > 0), CONSTRAINT c_p FOREIGN KEY (p) REFERENCES p (id));`)
	db := mytest.Open(t, url)
	name := mytest.Config(t, url).DBName
	queries := map[string]string{
		"tables":       queryTables,
		"columns":      queryColumns,
		"checks":       queryChecksMariaDB,
		"indexes":      fmt.Sprintf(queryIndexesMariaDB, "TRUE"),
		"foreign keys": queryForeignKeys,
	}
	for what, q := range queries {
		args := make([]any, strings.Count(q, "?"))
		for i := range args {
			args[i] = name
		}
		for _, extra := range explainExtras(t, db, q, args) {
			if !strings.Contains(extra, "Scanned 1 database") && !strings.Contains(extra, "Scanned 0 databases") {
				t.Errorf("%s: EXPLAIN says %q; want every information_schema table restricted to the database", what, extra)
			}
		}
	}
}

// explainExtras returns the Extra column of EXPLAIN for each
// information_schema table the query reads.
func explainExtras(t *testing.T, db *sql.DB, query string, args []any) []string {
	t.Helper()
	rows, err := db.Query("EXPLAIN "+query, args...)
	if err != nil {
		t.Fatalf("EXPLAIN: %v\n%s", err, query)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, c := range cols {
			if strings.EqualFold(c, "Extra") && strings.Contains(vals[i].String, "Scanned") {
				out = append(out, vals[i].String)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("EXPLAIN shows no information_schema scan:\n%s", query)
	}
	return out
}
