package postgres

import (
	"context"
	"testing"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

// TestInspectExpressionsMatchServer checks that the cheaper ways Inspect
// prints expressions give the server's own text: a default printed without
// its table (pg_get_expr relid 0) equals pg_get_expr with the table, and a
// check's pg_get_expr(conbin) is what pg_get_constraintdef wraps in
// "CHECK (...)" (followed by NO INHERIT and NOT VALID).
func TestInspectExpressionsMatchServer(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, `CREATE SCHEMA other;
CREATE TYPE other.mood AS ENUM ('ok', 'meh');
CREATE TYPE public.level AS ENUM ('low', 'high');
CREATE SEQUENCE other.counter;
CREATE TABLE t (
  a int NOT NULL DEFAULT 1,
  b text DEFAULT 'it''s (CHECK)',
  c numeric(5,2) DEFAULT 1.5,
  d timestamptz DEFAULT now(),
  e other.mood DEFAULT 'ok',
  f bigint DEFAULT nextval('other.counter'),
  g text[] DEFAULT ARRAY['x', 'y'],
  h int DEFAULT (2 + 3) * 4,
  i varchar(10) DEFAULT 'v'::varchar,
  j jsonb DEFAULT '{"k": [1, 2]}',
  k date DEFAULT CURRENT_DATE,
  l interval DEFAULT '1 day',
  m level DEFAULT 'high',
  n text DEFAULT NULL,
  o int GENERATED ALWAYS AS (a * 2 + h) STORED,
  p text DEFAULT lower(E'A\\B'),
  CONSTRAINT c_simple CHECK (a > 0),
  CONSTRAINT c_and CHECK ((a > 0) AND (h > 0)) NO INHERIT,
  CONSTRAINT c_text CHECK (b <> 'CHECK (x)' OR b IS NULL),
  CONSTRAINT c_case CHECK (CASE WHEN a > 1 THEN e = 'ok' ELSE m = 'low' END),
  CONSTRAINT c_in CHECK (e IN ('ok', 'meh')),
  CONSTRAINT c_bool CHECK (true)
);
ALTER TABLE t ADD CONSTRAINT c_not_valid CHECK (a < 100) NOT VALID;
ALTER TABLE t ADD CONSTRAINT c_both CHECK (c > 0) NO INHERIT NOT VALID;`)
	db := openTest(t, url, nil)
	ctx := context.Background()
	s, err := db.Inspect(ctx, inspect.Options{NoStats: true})
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	table := s.Table(schema.QName{Schema: "public", Name: "t"})
	if table == nil {
		t.Fatalf("no table t in %v", s.Tables)
	}

	conn, err := db.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET search_path TO public"); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT a.attname, pg_get_expr(d.adbin, d.adrelid)
FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
WHERE d.adrelid = 't'::regclass AND a.attgenerated = '' ORDER BY a.attnum`)
	if err != nil {
		t.Fatal(err)
	}
	defaults := 0
	for rows.Next() {
		var name, want string
		if err := rows.Scan(&name, &want); err != nil {
			t.Fatal(err)
		}
		defaults++
		c := table.Column(name)
		switch {
		case c == nil:
			t.Errorf("column %s not inspected", name)
		case c.Default != want:
			t.Errorf("default of %s: got %q, server prints %q", name, c.Default, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if defaults != 14 { // n's DEFAULT NULL is not stored
		t.Errorf("compared %d defaults, want 14", defaults)
	}
	if n := table.Column("n"); n == nil || n.Default != "" {
		t.Errorf("DEFAULT NULL column n: %+v", n)
	}
	if o := table.Column("o"); o == nil || o.Generated != "((a * 2) + h)" || o.Default != "" {
		t.Errorf("generated column o: %+v", o)
	}

	rows, err = conn.QueryContext(ctx, `SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
WHERE conrelid = 't'::regclass AND contype = 'c' ORDER BY conname`)
	if err != nil {
		t.Fatal(err)
	}
	checks := map[string]*schema.Check{}
	for _, c := range table.Checks {
		checks[c.Name] = c
	}
	compared := 0
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			t.Fatal(err)
		}
		compared++
		c := checks[name]
		if c == nil {
			t.Errorf("check %s not inspected", name)
			continue
		}
		got := "CHECK (" + c.Expr + ")"
		if c.NoInherit {
			got += " NO INHERIT"
		}
		if name == "c_not_valid" || name == "c_both" {
			got += " NOT VALID"
		}
		if got != def {
			t.Errorf("check %s: inspected as %q, server prints %q", name, got, def)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if compared != 8 || len(table.Checks) != 8 {
		t.Errorf("compared %d checks, inspected %d, want 8", compared, len(table.Checks))
	}
}
