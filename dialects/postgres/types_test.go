package postgres

import (
	"fmt"
	"strings"
	"testing"
)

// canonicalTypeCases are spellings and the format_type() output PostgreSQL
// gives for them. TestCanonicalTypeLive checks every builtin row against a
// live server, so the expectations are PostgreSQL's, not ours.
var canonicalTypeCases = []struct {
	in, want string
	userType bool // not a built-in: not checked against the server
}{
	{in: "int", want: "integer"},
	{in: "INT", want: "integer"},
	{in: "int4", want: "integer"},
	{in: "integer", want: "integer"},
	{in: "pg_catalog.int4", want: "integer"},
	{in: "int2", want: "smallint"},
	{in: "smallint", want: "smallint"},
	{in: "int8", want: "bigint"},
	{in: "BigInt", want: "bigint"},
	{in: "varchar(10)", want: "character varying(10)"},
	{in: "VARCHAR ( 255 )", want: "character varying(255)"},
	{in: "character varying(20)", want: "character varying(20)"},
	{in: "varchar", want: "character varying"},
	{in: "char(3)", want: "character(3)"},
	{in: "character(5)", want: "character(5)"},
	{in: "char", want: "character(1)"},
	{in: "bpchar", want: "bpchar"},
	{in: "bpchar(4)", want: "character(4)"},
	{in: `"char"`, want: `"char"`},
	{in: "bool", want: "boolean"},
	{in: "boolean", want: "boolean"},
	{in: "float8", want: "double precision"},
	{in: "double precision", want: "double precision"},
	{in: "float", want: "double precision"},
	{in: "float(24)", want: "real"},
	{in: "float(25)", want: "double precision"},
	{in: "float(1)", want: "real"},
	{in: "float4", want: "real"},
	{in: "real", want: "real"},
	{in: "numeric", want: "numeric"},
	{in: "numeric(12,2)", want: "numeric(12,2)"},
	{in: "decimal(10, 3)", want: "numeric(10,3)"},
	{in: "numeric(7)", want: "numeric(7,0)"},
	{in: "dec(5,1)", want: "numeric(5,1)"},
	{in: "timestamp", want: "timestamp without time zone"},
	{in: "timestamp without time zone", want: "timestamp without time zone"},
	{in: "timestamp(3)", want: "timestamp(3) without time zone"},
	{in: "timestamp(9)", want: "timestamp(6) without time zone"},
	{in: "timestamptz", want: "timestamp with time zone"},
	{in: "timestamptz(0)", want: "timestamp(0) with time zone"},
	{in: "timestamp with time zone", want: "timestamp with time zone"},
	{in: "timestamp(2) with time zone", want: "timestamp(2) with time zone"},
	{in: "time", want: "time without time zone"},
	{in: "time(3)", want: "time(3) without time zone"},
	{in: "timetz", want: "time with time zone"},
	{in: "time with time zone", want: "time with time zone"},
	{in: "time(1) with time zone", want: "time(1) with time zone"},
	{in: "interval", want: "interval"},
	{in: "interval(3)", want: "interval(3)"},
	{in: "interval day", want: "interval day"},
	{in: "interval year to month", want: "interval year to month"},
	{in: "interval day to second", want: "interval day to second"},
	{in: "interval day to second(3)", want: "interval day to second(3)"},
	{in: "interval hour to minute", want: "interval hour to minute"},
	{in: "interval second(2)", want: "interval second(2)"},
	{in: "interval minute to second", want: "interval minute to second"},
	{in: "date", want: "date"},
	{in: "text", want: "text"},
	{in: "TEXT", want: "text"},
	{in: "bytea", want: "bytea"},
	{in: "uuid", want: "uuid"},
	{in: "json", want: "json"},
	{in: "jsonb", want: "jsonb"},
	{in: "inet", want: "inet"},
	{in: "cidr", want: "cidr"},
	{in: "macaddr", want: "macaddr"},
	{in: "macaddr8", want: "macaddr8"},
	{in: "money", want: "money"},
	{in: "xml", want: "xml"},
	{in: "tsvector", want: "tsvector"},
	{in: "tsquery", want: "tsquery"},
	{in: "bit(8)", want: "bit(8)"},
	{in: "bit", want: "bit(1)"},
	{in: `"bit"`, want: `"bit"`},
	{in: "varbit", want: "bit varying"},
	{in: "varbit(5)", want: "bit varying(5)"},
	{in: "bit varying(7)", want: "bit varying(7)"},
	{in: "point", want: "point"},
	{in: "polygon", want: "polygon"},
	{in: "circle", want: "circle"},
	{in: "box", want: "box"},
	{in: "int4range", want: "int4range"},
	{in: "tstzrange", want: "tstzrange"},
	{in: "oid", want: "oid"},
	{in: "name", want: "name"},
	{in: "pg_lsn", want: "pg_lsn"},
	{in: "int[]", want: "integer[]"},
	{in: "int4[][]", want: "integer[]"},
	{in: "integer[3]", want: "integer[]"},
	{in: "int ARRAY", want: "integer[]"},
	{in: "varchar(10)[]", want: "character varying(10)[]"},
	{in: "text[]", want: "text[]"},
	{in: "timestamptz(3)[]", want: "timestamp(3) with time zone[]"},
	{in: "numeric(5,2)[]", want: "numeric(5,2)[]"},
	{in: "serial", want: "serial", userType: true},
	{in: "serial4", want: "serial", userType: true},
	{in: "SERIAL8", want: "bigserial", userType: true},
	{in: "bigserial", want: "bigserial", userType: true},
	{in: "smallserial", want: "smallserial", userType: true},
	{in: "serial2", want: "smallserial", userType: true},
	{in: "order_status", want: "order_status", userType: true},
	{in: "Order_Status", want: "order_status", userType: true},
	{in: "public.order_status", want: "order_status", userType: true},
	{in: "myschema.order_status", want: "myschema.order_status", userType: true},
	{in: "order_status[]", want: "order_status[]", userType: true},
	{in: `"Mood"`, want: `"Mood"`, userType: true},
	{in: `app."Mood"[]`, want: `app."Mood"[]`, userType: true},
	{in: `"user"`, want: `"user"`, userType: true},
}

func TestCanonicalType(t *testing.T) {
	for _, tc := range canonicalTypeCases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Dialect{}.CanonicalType(tc.in)
			if err != nil {
				t.Fatalf("CanonicalType(%q): %v", tc.in, err)
			}
			if got != tc.want {
				t.Fatalf("CanonicalType(%q) = %q, want %q", tc.in, got, tc.want)
			}
			again, err := Dialect{}.CanonicalType(got)
			if err != nil || again != got {
				t.Fatalf("CanonicalType is not idempotent: %q -> %q (%v)", got, again, err)
			}
		})
	}
}

func TestCanonicalTypeErrors(t *testing.T) {
	cases := []struct{ in, wantErr string }{
		{"", "empty type"},
		{"varchar(", "syntax error"},
		{"varchar(0)", "must be at least 1"},
		{"varchar(10485761)", "cannot exceed 10485760"},
		{"numeric(0)", "precision 0 must be between 1 and 1000"},
		{"numeric(1001,2)", "between 1 and 1000"},
		{"numeric(1,2,3)", "NUMERIC takes"},
		{"float(54)", "precision for type float"},
		{"float(0)", "precision for type float"},
		{"int4(3)", "takes no modifier"},
		{"text(5)", "takes no modifier"},
		{"int; DROP TABLE users", "expected one type name"},
		{"int FROM users", "expected one type name"},
		{"int AS x", "expected one type name"},
		{"int::text", "expected one type name"},
		{"int COLLATE \"C\"", "expected one type name"},
		{"serial[]", "arrays of serial"},
		{"serial(3)", "takes no modifier"},
		{"order_status(3)", "only supported on built-in types"},
		{"a.b.c", "[schema.]name"},
		{"numeric(1.5)", "integer constants"},
		{"timestamp(-1)", "syntax error"},
		{"setof int", "SETOF"},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			got, err := Dialect{}.CanonicalType(tc.in)
			if err == nil {
				t.Fatalf("CanonicalType(%q) = %q, want an error containing %q", tc.in, got, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("CanonicalType(%q) error = %q, want it to contain %q", tc.in, err, tc.wantErr)
			}
		})
	}
}

// TestCanonicalTypeLive creates a column of every built-in spelling in a
// fresh database and compares format_type() with CanonicalType.
func TestCanonicalTypeLive(t *testing.T) {
	conn, ctx := parserTestDB(t)
	var cols []string
	var want []string
	for i, tc := range canonicalTypeCases {
		if tc.userType {
			continue
		}
		cols = append(cols, fmt.Sprintf("c%d %s", i, tc.in))
		want = append(want, tc.want)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE types_probe ("+strings.Join(cols, ", ")+")"); err != nil {
		t.Fatalf("creating probe table: %v", err)
	}
	rows, err := conn.Query(ctx, `SELECT format_type(atttypid, atttypmod) FROM pg_attribute
		WHERE attrelid = 'types_probe'::regclass AND attnum > 0 ORDER BY attnum`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var got string
		if err := rows.Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want[i] {
			t.Errorf("column %q: server says %q, CanonicalType says %q", cols[i], got, want[i])
		}
		i++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(want) {
		t.Fatalf("read %d columns, want %d", i, len(want))
	}
}
