package postgres

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
)

// freshDB creates an empty database with a unique name (pgtest.NewDB),
// returns a connection to it, and drops it when the test ends.
func freshDB(t *testing.T) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, pgtest.NewDB(t))
	if err != nil {
		t.Fatalf("connect to the test database: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// execAll runs statements one by one; the error names the failing one.
func execAll(conn *pgx.Conn, stmts []string) error {
	for _, s := range stmts {
		if _, err := conn.Exec(context.Background(), s); err != nil {
			return fmt.Errorf("%s\n  -> %w", s, err)
		}
	}
	return nil
}

// catalogQueries describe a database's user objects, one line per fact.
var catalogQueries = []string{
	`SELECT 'schema ' || n.nspname || coalesce(' comment=' || obj_description(n.oid, 'pg_namespace'), '')
	   FROM pg_namespace n WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'`,
	`SELECT 'relation ' || c.relkind::text || ' ' || n.nspname || '.' || c.relname || coalesce(' comment=' || obj_description(c.oid, 'pg_class'), '')
	   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	  WHERE c.relkind IN ('r','v','S','i') AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'`,
	`SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
	        || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
	        || coalesce(' default=' || pg_get_expr(d.adbin, d.adrelid), '')
	        || ' identity=' || a.attidentity::text || ' generated=' || a.attgenerated::text
	        || coalesce(' collation=' || co.collname, '')
	        || coalesce(' comment=' || col_description(c.oid, a.attnum), '')
	   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	   LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
	   LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> (SELECT typcollation FROM pg_type WHERE oid = a.atttypid)
	  WHERE c.relkind IN ('r','v') AND a.attnum > 0 AND NOT a.attisdropped
	    AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'`,
	`SELECT 'constraint ' || n.nspname || '.' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
	   FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	  WHERE n.nspname NOT LIKE 'pg\_%'`,
	`SELECT 'index ' || pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
	   JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'`,
	`SELECT 'enum ' || n.nspname || '.' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
	   FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
	  GROUP BY n.nspname, t.typname`,
	`SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' || data_type::text || ' start=' || start_value || ' min=' || min_value
	        || ' max=' || max_value || ' inc=' || increment_by || ' cycle=' || cycle || ' cache=' || cache_size
	   FROM pg_sequences`,
	`SELECT 'owned ' || s.relname || ' by ' || t.relname || '.' || a.attname || ' ' || d.deptype::text
	   FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
	   JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
	  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a','i')`,
	`SELECT 'view ' || schemaname || '.' || viewname || ' ' || definition FROM pg_views
	  WHERE schemaname NOT LIKE 'pg\_%' AND schemaname <> 'information_schema'`,
}

// catalogSnapshot returns the sorted description of every user object, so
// that two states of a database compare as text.
func catalogSnapshot(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	var lines []string
	for _, q := range catalogQueries {
		rows, err := conn.Query(context.Background(), q)
		if err != nil {
			t.Fatalf("catalog query failed: %v\n%s", err, q)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatalf("scan catalog row: %v", err)
			}
			lines = append(lines, s)
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("catalog query failed: %v\n%s", err, q)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// lineDiff lists the lines only in a and only in b, for failure messages.
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if !mb[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ma[l] {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}
