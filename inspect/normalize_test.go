package inspect_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidedb/tide/inspect"
	_ "github.com/tidedb/tide/inspect/postgres"
	"github.com/tidedb/tide/inspect/postgres/pgtest"
	"github.com/tidedb/tide/schema"
)

// recordingDB records the shadows it creates; with panicOnInspect its
// shadows panic when inspected.
type recordingDB struct {
	inspect.Database
	shadows        []string
	panicOnInspect bool
}

func (r *recordingDB) Shadow(ctx context.Context) (inspect.Database, func(context.Context) error, error) {
	s, drop, err := r.Database.Shadow(ctx)
	if err == nil {
		r.shadows = append(r.shadows, s.Target()[strings.LastIndex(s.Target(), "/")+1:])
		if r.panicOnInspect {
			s = panickingDB{s}
		}
	}
	return s, drop, err
}

type panickingDB struct{ inspect.Database }

func (panickingDB) Inspect(context.Context, inspect.Options) (*schema.Schema, error) {
	panic("inspect exploded")
}

// assertDropped fails unless none of the recorded shadows exists any more.
func (r *recordingDB) assertDropped(t *testing.T) {
	t.Helper()
	if len(r.shadows) == 0 {
		t.Fatal("no shadow database was created")
	}
	for _, name := range r.shadows {
		var n int
		if err := r.DB().QueryRowContext(context.Background(), "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("shadow database %s was not dropped", name)
		}
	}
}

func openRecording(t *testing.T) *recordingDB {
	t.Helper()
	db, err := inspect.Open(context.Background(), pgtest.NewDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return &recordingDB{Database: db}
}

func desiredSchema() *schema.Schema {
	pos := schema.Pos{File: "app.hcl", Line: 7, Column: 1}
	return &schema.Schema{
		Dialect:    "postgres",
		Namespaces: []*schema.Namespace{{Name: "app", Comment: "Application"}},
		Enums:      []*schema.Enum{{Schema: "app", Name: "status", Values: []string{"new", "done"}}},
		Tables: []*schema.Table{{
			Schema: "app", Name: "users", RenamedFrom: "accounts", Pos: pos,
			Columns: []*schema.Column{
				{Name: "id", Type: "bigint", Identity: schema.IdentityByDefault},
				{Name: "email", Type: "varchar(255)", RenamedFrom: "mail", Backfill: "'unknown'"},
				{Name: "status", Type: "app.status", Default: "'new'"},
				{Name: "n", Type: "int4", Nullable: true, Using: "n::int4"},
			},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
			Checks:     []*schema.Check{{Name: "users_n_chk", Expr: "n > 0"}},
		}},
		Views: []*schema.View{{Schema: "app", Name: "open_users", Def: "SELECT id FROM app.users WHERE status = 'new'"}},
	}
}

func TestNormalizeWithShadow(t *testing.T) {
	t.Parallel()
	for _, fast := range []bool{false, true} {
		t.Run(fmt.Sprintf("fast=%v", fast), func(t *testing.T) {
			t.Parallel()
			testNormalizeWithShadow(t, fast)
		})
	}
}

// testNormalizeWithShadow loads desiredSchema through the whole shadow
// (raw input), or through the fast path (input in the offline normal form,
// as NormalizeWithShadow requires).
func testNormalizeWithShadow(t *testing.T, fast bool) {
	db := openRecording(t)
	normalize, desired := inspect.NormalizeWholeShadow, desiredSchema()
	if fast {
		normalize = inspect.NormalizeFast
		if err := db.Dialect().Normalize(desired); err != nil {
			t.Fatal(err)
		}
	}
	got, err := normalize(context.Background(), db, desired)
	if err != nil {
		t.Fatalf("normalise: %v", err)
	}
	db.assertDropped(t)
	users := got.Table(schema.QName{Schema: "app", Name: "users"})
	if users == nil {
		t.Fatalf("normalised schema has no app.users: %+v", got.Tables)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"namespace", got.Namespace("app") != nil && got.Namespace("app").Comment == "Application", true},
		{"canonical varchar", users.Column("email").Type, "character varying(255)"},
		{"canonical int4", users.Column("n").Type, "integer"},
		{"identity", users.Column("id").Identity, schema.IdentityByDefault},
		{"enum default cast", users.Column("status").Default, "'new'::app.status"},
		{"check expression", users.Checks[0].Expr, "(n > 0)"},
		{"enum", got.Enum(schema.QName{Schema: "app", Name: "status"}) != nil, true},
		{"view depends on table", got.View(schema.QName{Schema: "app", Name: "open_users"}).DependsOn,
			[]schema.QName{{Schema: "app", Name: "users"}}},
		{"table hint", users.RenamedFrom, "accounts"},
		{"table pos", users.Pos, schema.Pos{File: "app.hcl", Line: 7, Column: 1}},
		{"column hints", []string{users.Column("email").RenamedFrom, users.Column("email").Backfill, users.Column("n").Using},
			[]string{"mail", "'unknown'", "n::int4"}},
		{"no stats", users.Stats == nil, true},
	}
	for _, c := range checks {
		if g, w := fmt.Sprintf("%#v", c.got), fmt.Sprintf("%#v", c.want); g != w {
			t.Errorf("%s: got %s, want %s", c.what, g, w)
		}
	}
}

func TestNormalizeWithShadowStatementError(t *testing.T) {
	t.Parallel()
	db := openRecording(t)
	desired := desiredSchema()
	desired.Tables[0].Columns[3].Default = "no_such_function()"
	_, err := inspect.NormalizeWithShadow(context.Background(), db, desired)
	if err == nil {
		t.Fatal("NormalizeWithShadow succeeded with an invalid default")
	}
	t.Log(err)
	for _, want := range []string{`table "app.users" (app.hcl:7:1)`, "no_such_function", "statement "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q: %v", want, err)
		}
	}
	db.assertDropped(t)
}

func TestNormalizeWithShadowDropsOnPanic(t *testing.T) {
	t.Parallel()
	db := openRecording(t)
	db.panicOnInspect = true
	func() {
		defer func() {
			if r := recover(); r == nil {
				t.Error("the panic did not propagate")
			}
		}()
		_, _ = inspect.NormalizeWithShadow(context.Background(), db, desiredSchema())
	}()
	db.assertDropped(t)
}

// TestNormalizeWithShadowRoundTrip checks that an inspected schema is its
// own canonical form: normalising what Inspect read from a database gives
// the same schema back (fingerprints equal).
func TestNormalizeWithShadowRoundTrip(t *testing.T) {
	t.Parallel()
	url := pgtest.NewDB(t)
	script, err := os.ReadFile(filepath.Join("postgres", "testdata", "rich.sql"))
	if err != nil {
		t.Fatal(err)
	}
	pgtest.Exec(t, url, string(script))
	db, err := inspect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	live, err := db.Inspect(context.Background(), inspect.Options{NoStats: true})
	if err != nil {
		t.Fatal(err)
	}
	again, err := inspect.NormalizeWithShadow(context.Background(), db, live)
	if err != nil {
		t.Fatalf("NormalizeWithShadow(inspected schema): %v", err)
	}
	if len(again.Tables) != 5 || len(again.Views) != 2 || len(again.Enums) != 2 || len(again.Sequences) != 2 {
		t.Fatalf("normalised schema lost objects: %d tables, %d views, %d enums, %d sequences",
			len(again.Tables), len(again.Views), len(again.Enums), len(again.Sequences))
	}
	if schema.Fingerprint(live) != schema.Fingerprint(again) {
		a, _ := json.MarshalIndent(live, "", "  ")
		b, _ := json.MarshalIndent(again, "", "  ")
		t.Errorf("normalising an inspected schema changed it:\n%s", lineDiff(string(a), string(b)))
	}
}

// lineDiff lists the lines of want and got that differ, position by position.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var out []string
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			out = append(out, fmt.Sprintf("line %d:\n  inspected:  %s\n  normalised: %s", i+1, wl, gl))
		}
		if len(out) == 20 {
			break
		}
	}
	return strings.Join(out, "\n")
}
