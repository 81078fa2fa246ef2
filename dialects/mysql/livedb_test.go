package mysql

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect/mysql/mytest"
)

// scratchDB creates a database named tide_test_<random> on the test server
// (mytest: TIDE_TEST_MYSQL_URL, else the local MariaDB), returns a
// connection pool whose default database it is (one connection, several
// statements per Exec, so a whole file runs in one) and its name, and
// drops it when the test ends.
func scratchDB(t *testing.T) (*sql.DB, string) {
	t.Helper()
	url := mytest.NewDB(t)
	db := mytest.Open(t, url)
	db.SetMaxOpenConns(1)
	return db, mytest.Config(t, url).DBName
}

// execAll runs statements one by one; the error names the failing one.
func execAll(db *sql.DB, stmts []string) error {
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			return fmt.Errorf("%s\n  -> %w", s, err)
		}
	}
	return nil
}

// catalogFacts describes the tables of a database as sorted lines, one per
// fact, in a form where two databases built from equivalent DDL on one
// server compare equal: column types through CanonicalType, check
// constraints without their (server-generated) names, and RESTRICT and NO
// ACTION as one.
func catalogFacts(t *testing.T, db *sql.DB, database string) []string {
	t.Helper()
	var out []string
	query := func(q string, row func(vals []sql.NullString) string) {
		rows, err := db.Query(q, database)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, row(vals))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	str := func(v sql.NullString) string {
		if !v.Valid {
			return "NULL"
		}
		return v.String
	}
	query(`SELECT table_name, engine, table_collation, table_comment, auto_increment
	         FROM information_schema.tables WHERE table_schema = ?`, func(v []sql.NullString) string {
		return fmt.Sprintf("table %s engine=%s collation=%s comment=%q auto_increment=%s", str(v[0]), str(v[1]), str(v[2]), str(v[3]), str(v[4]))
	})
	query(`SELECT table_name, column_name, ordinal_position, column_type, is_nullable, column_default, extra,
	              character_set_name, collation_name, generation_expression, column_comment
	         FROM information_schema.columns WHERE table_schema = ?`, func(v []sql.NullString) string {
		typ, err := canonicalType(str(v[3]))
		if err != nil {
			typ = "(" + err.Error() + ")"
		}
		return fmt.Sprintf("column %s.%s #%s %s null=%s default=%s extra=%s charset=%s collation=%s generated=%s comment=%q",
			str(v[0]), str(v[1]), str(v[2]), typ, str(v[4]), str(v[5]), str(v[6]), str(v[7]), str(v[8]), str(v[9]), str(v[10]))
	})
	query(`SELECT table_name, index_name, seq_in_index, column_name, sub_part, non_unique, index_type, collation
	         FROM information_schema.statistics WHERE table_schema = ?`, func(v []sql.NullString) string {
		return fmt.Sprintf("index %s.%s %s: %s(%s) non_unique=%s type=%s order=%s", str(v[0]), str(v[1]), str(v[2]), str(v[3]), str(v[4]), str(v[5]), str(v[6]), str(v[7]))
	})
	rule := func(r string) string {
		if r == "NO ACTION" {
			return "RESTRICT"
		}
		return r
	}
	query(`SELECT r.table_name, r.constraint_name, r.referenced_table_name, r.update_rule, r.delete_rule,
	              group_concat(k.column_name, '->', k.referenced_column_name ORDER BY k.ordinal_position)
	         FROM information_schema.referential_constraints r
	         JOIN information_schema.key_column_usage k
	           ON k.constraint_schema = r.constraint_schema AND k.table_name = r.table_name AND k.constraint_name = r.constraint_name
	        WHERE r.constraint_schema = ?
	        GROUP BY r.table_name, r.constraint_name, r.referenced_table_name, r.update_rule, r.delete_rule`, func(v []sql.NullString) string {
		return fmt.Sprintf("foreign key %s.%s -> %s (%s) update=%s delete=%s", str(v[0]), str(v[1]), str(v[2]), str(v[5]), rule(str(v[3])), rule(str(v[4])))
	})
	query(`SELECT table_name, check_clause FROM information_schema.check_constraints WHERE constraint_schema = ?`, func(v []sql.NullString) string {
		return fmt.Sprintf("check %s: %s", str(v[0]), str(v[1]))
	})
	sort.Strings(out)
	return out
}

// diffLines returns the lines only in a and only in b.
func diffLines(a, b []string) (onlyA, onlyB []string) {
	inB := map[string]int{}
	for _, l := range b {
		inB[l]++
	}
	for _, l := range a {
		if inB[l] > 0 {
			inB[l]--
			continue
		}
		onlyA = append(onlyA, l)
	}
	inA := map[string]int{}
	for _, l := range a {
		inA[l]++
	}
	for _, l := range b {
		if inA[l] > 0 {
			inA[l]--
			continue
		}
		onlyB = append(onlyB, l)
	}
	return onlyA, onlyB
}

// indent prefixes each line for a readable failure message.
func indent(lines []string) string {
	if len(lines) == 0 {
		return "  (none)"
	}
	return "  " + strings.Join(lines, "\n  ")
}
