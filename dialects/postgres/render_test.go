package postgres

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tidedb/tide/schema"
)

// The -update flag rewrites golden files. Another test file of this package
// may define the same flag (it sorts, and so initialises, before this one);
// the flag is then shared instead of defined twice, which would panic.
var _ = func() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/")
	}
	return true
}()

// updateGolden reports whether -update was given.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// checkGolden compares got with testdata/<path>, rewriting it with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	file := filepath.Join("testdata", path)
	if updateGolden() {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden file %s: %v (run go test -update to create it)", file, err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test -update to accept):\n%s", file, lineDiff(string(want), got))
	}
}

func TestCreateSQLGolden(t *testing.T) {
	stmts, err := Dialect{}.CreateSQL(fixtureSchema())
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "render/create.golden", strings.Join(stmts, ";\n\n")+";\n")
}

// TestCreateSQLLive loads the fixture into an empty database and checks the
// catalog has what the schema says, including the order-sensitive parts
// (views reading views, foreign keys, sequence ownership, comments).
func TestCreateSQLLive(t *testing.T) {
	conn := freshDB(t)
	stmts, err := Dialect{}.CreateSQL(fixtureSchema())
	if err != nil {
		t.Fatal(err)
	}
	if err := execAll(conn, stmts); err != nil {
		t.Fatalf("CreateSQL output does not run: %v", err)
	}
	if err := execAll(conn, fixtureData); err != nil {
		t.Fatalf("fixture rows do not load: %v", err)
	}
	snap := catalogSnapshot(t, conn)
	for _, want := range []string{
		"schema app comment=application objects",
		"enum public.status active,disabled",
		"enum app.unused_kind a,b",
		"sequence public.counter integer start=10 min=1 max=2147483647 inc=5 cycle=false cache=1",
		"owned orders_ref_seq by orders.ref a",
		"owned users_id_seq by users.id i",
		"owned events_kind_seq by events.kind a",
		"column public.users.id bigint not null identity=d generated=",
		"column public.users.email character varying(100) not null identity= generated= comment=login",
		"column public.users.status status not null default='active'::status identity= generated=",
		"column public.users.tags status[] identity= generated=",
		"column public.users.email_lower text default=lower((email)::text) identity= generated=s",
		`column public.users.Mixed Case text identity= generated= collation=C`,
		"column app.events.kind integer not null default=nextval('app.events_kind_seq'::regclass) identity= generated=",
		"constraint public.orders.orders_pkey PRIMARY KEY (id)",
		"constraint public.orders.orders_user_fk FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE",
		"constraint public.users.users_email_key UNIQUE (email)",
		"constraint public.users.users_score_chk CHECK ((score >= 0))",
		"index CREATE INDEX users_name_idx ON public.users USING btree (name DESC NULLS LAST)",
		"index CREATE UNIQUE INDEX users_lower_email_idx ON public.users USING btree (lower((email)::text)) INCLUDE (score) WHERE (name IS NOT NULL)",
		"relation r public.users comment=people who sign in",
		"relation v public.active_emails comment=emails only",
	} {
		if !strings.Contains(snap, want+"\n") && !strings.HasSuffix(snap, want) {
			t.Errorf("catalog lacks %q; catalog:\n%s", want, snap)
		}
	}
}

func TestCreateSQLErrors(t *testing.T) {
	cycle := &schema.Schema{Views: []*schema.View{
		{Schema: "public", Name: "a", Def: "SELECT * FROM b"},
		{Schema: "public", Name: "b", Def: "SELECT * FROM a"},
	}}
	attrs := &schema.Schema{Tables: []*schema.Table{{Schema: "public", Name: "t", Attrs: map[string]string{"engine": "InnoDB"},
		Columns: []*schema.Column{{Name: "a", Type: "integer"}}}}}
	for name, tc := range map[string]struct {
		s    *schema.Schema
		want string
	}{
		"view cycle":  {cycle, "views public.a, public.b read each other in a cycle"},
		"table attrs": {attrs, "table public.t: PostgreSQL has no table options, but engine are set"},
		"nil":         {nil, "no schema given"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Dialect{}.CreateSQL(tc.s)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestOrderViews(t *testing.T) {
	v := func(name, def string, deps ...schema.QName) *schema.View {
		return &schema.View{Schema: "public", Name: name, Def: def, DependsOn: deps}
	}
	q := func(n string) schema.QName { return schema.QName{Schema: "public", Name: n} }
	tests := []struct {
		name  string
		views []*schema.View
		want  string
	}{
		{"independent keep order", []*schema.View{v("b", "SELECT 1"), v("a", "SELECT 2")}, "b,a"},
		{"text reference", []*schema.View{v("top", "SELECT * FROM mid"), v("mid", "SELECT * FROM base"), v("base", "SELECT 1")}, "base,mid,top"},
		{"quoted reference", []*schema.View{v("x", `SELECT * FROM "Y"`), v("Y", "SELECT 1")}, "Y,x"},
		{"substring is not a reference", []*schema.View{v("x", "SELECT * FROM users_v2"), v("users", "SELECT 1")}, "x,users"},
		{"depends_on wins over text", []*schema.View{v("x", "SELECT * FROM y", q("z")), v("y", "SELECT 1"), v("z", "SELECT 1")}, "y,z,x"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := orderViews(tc.views)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, v := range got {
				names = append(names, v.Name)
			}
			if strings.Join(names, ",") != tc.want {
				t.Errorf("order = %s, want %s", strings.Join(names, ","), tc.want)
			}
		})
	}
}

func TestRenderType(t *testing.T) {
	s := &schema.Schema{Enums: []*schema.Enum{
		{Schema: "public", Name: "mood"}, {Schema: "app", Name: "mood"}, {Schema: "app", Name: "Kind"},
	}}
	tests := []struct{ typ, tableSchema, want string }{
		{"integer", "public", "integer"},
		{"character varying(10)[]", "public", "character varying(10)[]"},
		{"mood", "public", `"public"."mood"`},
		{"mood", "app", `"app"."mood"`},
		{"mood[]", "other", `"public"."mood"[]`},
		{"app.mood", "public", `"app"."mood"`},
		{`app."Kind"[][]`, "public", `"app"."Kind"[][]`},
		{"Kind", "other", `"app"."Kind"`},
		{"unknown_type", "public", "unknown_type"},
	}
	for _, tc := range tests {
		if got := RenderType(tc.typ, s, tc.tableSchema); got != tc.want {
			t.Errorf("RenderType(%q, %q) = %s, want %s", tc.typ, tc.tableSchema, got, tc.want)
		}
	}
}

func TestSessionSettings(t *testing.T) {
	tests := []struct {
		lock, stmt time.Duration
		want       string
	}{
		{2 * time.Second, 0, "SET lock_timeout = '2s'; SET statement_timeout = '0'"},
		{1500 * time.Millisecond, time.Hour, "SET lock_timeout = '1500ms'; SET statement_timeout = '3600s'"},
		{time.Microsecond, -time.Second, "SET lock_timeout = '1ms'; SET statement_timeout = '0'"},
	}
	for _, tc := range tests {
		got := strings.Join(Dialect{}.SessionSettings(tc.lock, tc.stmt), "; ")
		if got != tc.want {
			t.Errorf("SessionSettings(%v, %v) = %s, want %s", tc.lock, tc.stmt, got, tc.want)
		}
	}
}

func TestSessionSettingsLive(t *testing.T) {
	conn := freshDB(t)
	if err := execAll(conn, Dialect{}.SessionSettings(1500*time.Millisecond, 0)); err != nil {
		t.Fatal(err)
	}
	var lock string
	if err := conn.QueryRow(t.Context(), "SHOW lock_timeout").Scan(&lock); err != nil {
		t.Fatal(err)
	}
	if lock != "1500ms" {
		t.Errorf("lock_timeout = %s, want 1500ms", lock)
	}
}

func TestTypeConversions(t *testing.T) {
	tests := []struct {
		from, to      string
		coercible, us bool
	}{
		{"character varying(10)", "character varying(20)", true, false},
		{"character varying(20)", "character varying(10)", false, false},
		{"character varying(10)", "text", true, false},
		{"text", "character varying", true, false},
		{"text", "character varying(5)", false, false},
		{"numeric(10,2)", "numeric(12,2)", true, false},
		{"numeric(10,2)", "numeric(12,3)", false, false},
		{"numeric(10,2)", "numeric", true, false},
		{"integer", "bigint", false, false},
		{"text", "integer", false, true},
		{"integer", "text", false, true},
		{"timestamp(3) without time zone", "timestamp(6) without time zone", true, false},
		{"cidr", "inet", true, false},
		{"json", "jsonb", false, true},
		{"integer[]", "bigint[]", false, false},
		{"status", "text", false, true},
	}
	for _, tc := range tests {
		if got := binaryCoercible(tc.from, tc.to); got != tc.coercible {
			t.Errorf("binaryCoercible(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.coercible)
		}
		if got := needsUsing(tc.from, tc.to); got != tc.us {
			t.Errorf("needsUsing(%s, %s) = %v, want %v", tc.from, tc.to, got, tc.us)
		}
	}
}
