package postgres

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// queryCounter is a pgx tracer counting the catalog queries the connections
// of a pool run: every statement but those starting and ending the helper's
// transaction, which it runs or not depending on how soon it connects
// (see helper).
type queryCounter struct{ n atomic.Int64 }

func (q *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	sql := strings.ToLower(d.SQL)
	if !strings.HasPrefix(sql, "begin") && !strings.HasPrefix(sql, "rollback") && !strings.HasPrefix(sql, "set transaction snapshot") {
		q.n.Add(1)
	}
	return ctx
}

func (q *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// openTest opens a database for a test and closes it at the end.
func openTest(t *testing.T, url string, tracer pgx.QueryTracer) *Database {
	t.Helper()
	db, err := open(context.Background(), url, tracer)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestInspectRichSchema loads a script with every object kind and attribute
// and compares the inspection with a golden file, then checks the facts the
// rest of tide relies on one by one.
func TestInspectRichSchema(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	pgtest.Exec(t, url, readFile(t, filepath.Join("testdata", "rich.sql")))
	db := openTest(t, url, nil)
	got, err := db.Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	b, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "rich.golden.json")
	if *update {
		if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readFile(t, golden); want != string(b)+"\n" {
		t.Errorf("Inspect differs from %s (rerun with -update after checking):\n%s", golden, b)
	}

	users := got.Table(schema.QName{Schema: "public", Name: "users"})
	orgs := got.Table(schema.QName{Schema: "public", Name: "orgs"})
	orders := got.Table(schema.QName{Schema: "sales", Name: "orders"})
	lines := got.Table(schema.QName{Schema: "sales", Name: "order_lines"})
	events := got.Table(schema.QName{Schema: "Audit", Name: "Event Log"})
	if users == nil || orgs == nil || orders == nil || lines == nil || events == nil {
		t.Fatalf("missing tables: %v", got.Tables)
	}
	col := func(tb *schema.Table, name string) *schema.Column {
		t.Helper()
		c := tb.Column(name)
		if c == nil {
			t.Fatalf("%s.%s: no column %s", tb.Schema, tb.Name, name)
		}
		return c
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"namespaces (public omitted)", names(got.Namespaces), "Audit,sales"},
		{"sales comment", got.Namespace("sales").Comment, "Sales data"},
		{"users column order", columnNames(users), "id,org_id,org_code,email,status,tags,qty,price,total,invoice,created_at"},
		{"serial", *col(users, "id"), schema.Column{Name: "id", Type: "serial"}},
		{"bigserial", col(orders, "id").Type, "bigserial"},
		{"smallserial", col(orders, "small").Type, "smallserial"},
		{"identity always", col(orgs, "id").Identity, schema.IdentityAlways},
		{"identity by default", col(events, "ID").Identity, schema.IdentityByDefault},
		{"varchar", col(users, "email").Type, "character varying(255)"},
		{"public enum unqualified", col(users, "status").Type, "order_status"},
		{"enum default", col(users, "status").Default, "'pending'::order_status"},
		{"schema enum qualified", col(orders, "channel").Type, "sales.channel"},
		{"schema enum array", col(orders, "channels").Type, "sales.channel[]"},
		{"text array", col(users, "tags").Type, "text[]"},
		{"generated", *col(users, "total"), schema.Column{Name: "total", Type: "numeric(12,2)", Nullable: true, Generated: "((qty)::numeric * price)"}},
		{"collation C", col(orgs, "name").Collation, "C"},
		{"collation POSIX", col(orders, "note").Collation, "POSIX"},
		{"no collation", col(users, "email").Collation, ""},
		{"column comment", col(orgs, "name").Comment, "Display name"},
		{"table comment", orgs.Comment, "Organisations"},
		{"pk default name", *users.PrimaryKey, schema.PrimaryKey{Name: "users_pkey", Columns: []string{"id"}}},
		{"pk named", *orders.PrimaryKey, schema.PrimaryKey{Name: "orders_pk", Columns: []string{"id", "line_no"}}},
		{"check", *users.Checks[0], schema.Check{Name: "users_qty_chk", Expr: "(qty > 0)", NoInherit: true}},
		{"unique deferrable", *orders.Uniques[0], schema.Unique{Name: "orders_user_line_key", Columns: []string{"user_id", "line_no"}, Deferrable: true}},
		{"multi-column fk", *lines.ForeignKeys[0], schema.ForeignKey{Name: "order_lines_order_fk", Columns: []string{"line_no", "order_id"},
			RefSchema: "sales", RefTable: "orders", RefColumns: []string{"line_no", "id"}, OnDelete: schema.ActionSetNull, OnUpdate: schema.ActionSetDefault}},
		{"fk deferred", *users.ForeignKeys[0], schema.ForeignKey{Name: "users_org_code_fk", Columns: []string{"org_code"},
			RefSchema: "public", RefTable: "orgs", RefColumns: []string{"code"}, OnUpdate: schema.ActionSetNull, Deferrable: true, InitiallyDeferred: true}},
		{"fk cascade", users.ForeignKeys[1].OnDelete, schema.ActionCascade},
		{"fk restrict", orders.ForeignKeys[0].OnDelete, schema.ActionRestrict},
		{"indexes (constraint indexes omitted)", indexNames(users), "users_created_idx,users_email_c_idx,users_lower_email_idx,users_org_nulls_idx,users_tags_idx"},
		{"expression/include/partial", *users.Index("users_lower_email_idx"), schema.Index{Name: "users_lower_email_idx", Unique: true,
			Parts: []schema.IndexPart{{Expr: "lower(email::text)"}}, Where: "(status <> 'shipped'::order_status)", Include: []string{"org_id"}}},
		{"desc nulls last + opclass", users.Index("users_created_idx").Parts, []schema.IndexPart{
			{Column: "created_at", Desc: true, Nulls: "last"}, {Column: "email", Opclass: "varchar_pattern_ops"}}},
		{"nulls first + parenthesised expression", users.Index("users_org_nulls_idx").Parts, []schema.IndexPart{
			{Column: "org_id", Nulls: "first"}, {Expr: "qty + 1"}}},
		{"index collation", users.Index("users_email_c_idx").Parts, []schema.IndexPart{{Column: "email", Collation: "C"}}},
		{"gin", users.Index("users_tags_idx").Using, "gin"},
		{"enum values in sort order", got.Enum(schema.QName{Schema: "sales", Name: "channel"}).Values, []string{"web", "phone", "store"}},
		{"sequences (serial and identity omitted)", len(got.Sequences), 2},
		{"sequence", *got.Sequence(schema.QName{Schema: "public", Name: "invoice_numbers"}), schema.Sequence{
			Schema: "public", Name: "invoice_numbers", Type: "integer", Start: 1000, Increment: 10, Cache: 5, OwnedBy: "users.invoice"}},
		{"descending sequence", *got.Sequence(schema.QName{Schema: "sales", Name: "countdown"}), schema.Sequence{
			Schema: "sales", Name: "countdown", Increment: -1, MinValue: -50, MaxValue: 0, Cycle: true}},
		{"sequence default kept", col(users, "invoice").Default, "nextval('invoice_numbers'::regclass)"},
		{"view def", got.View(schema.QName{Schema: "public", Name: "active_users"}).Def,
			"SELECT users.id,\n    users.email\n   FROM users\n  WHERE users.status <> 'shipped'::order_status"},
		{"view comment", got.View(schema.QName{Schema: "public", Name: "active_users"}).Comment, "Users with open orders"},
		{"view deps", got.View(schema.QName{Schema: "sales", Name: "user_orders"}).DependsOn,
			[]schema.QName{{Schema: "public", Name: "active_users"}, {Schema: "sales", Name: "orders"}}},
	}
	for _, c := range checks {
		if g, w := fmt.Sprintf("%#v", c.got), fmt.Sprintf("%#v", c.want); g != w {
			t.Errorf("%s:\n got %s\nwant %s", c.what, g, w)
		}
	}
	if users.Stats != nil {
		t.Errorf("NoStats: users.Stats = %+v, want nil", users.Stats)
	}
}

func names(ns []*schema.Namespace) string {
	var s []string
	for _, n := range ns {
		s = append(s, n.Name)
	}
	return strings.Join(s, ",")
}

func columnNames(t *schema.Table) string {
	var s []string
	for _, c := range t.Columns {
		s = append(s, c.Name)
	}
	return strings.Join(s, ",")
}

func indexNames(t *schema.Table) string {
	var s []string
	for _, i := range t.Indexes {
		s = append(s, i.Name)
	}
	return strings.Join(s, ",")
}

// TestInspectQueryCountIsFixed checks that the number of statements Inspect
// runs does not depend on the number of tables.
func TestInspectQueryCountIsFixed(t *testing.T) {
	t.Parallel()
	count := func(tables int) int64 {
		url := pgtest.NewDB(t)
		var script strings.Builder
		for i := range tables {
			fmt.Fprintf(&script, `CREATE TABLE t%d (id serial PRIMARY KEY, v text UNIQUE, w int CHECK (w > 0));
CREATE INDEX t%d_w_idx ON t%d (w); CREATE VIEW v%d AS SELECT * FROM t%d;`+"\n", i, i, i, i, i)
		}
		pgtest.Exec(t, url, script.String())
		tracer := &queryCounter{}
		db := openTest(t, url, tracer)
		before := tracer.n.Load()
		s, err := db.Inspect(context.Background(), inspect.Options{})
		if err != nil {
			t.Fatalf("Inspect: %v", err)
		}
		if len(s.Tables) != tables || len(s.Views) != tables {
			t.Fatalf("got %d tables and %d views, want %d of each", len(s.Tables), len(s.Views), tables)
		}
		return tracer.n.Load() - before
	}
	small, large := count(3), count(50)
	if small != large {
		t.Errorf("Inspect ran %d statements for 3 tables but %d for 50: catalog reads must not be per table", small, large)
	}
	if small == 0 {
		t.Errorf("the tracer counted no statements: the count is not being measured")
	}
}
