package apply

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tidedb/tide/planner"
)

func pgQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func bracketQuote(s string) string { return "[" + strings.ReplaceAll(s, "]", "]]") + "]" }

// TestStepTables: the step's own table comes first, then every quoted
// schema-qualified name of its statements once, in order; escaped quotes
// inside names are read back; unqualified names are skipped.
func TestStepTables(t *testing.T) {
	cases := []struct {
		quote  func(string) string
		object string
		stmts  []string
		want   string
	}{
		{pgQuote, "public.child.child_parent_fk",
			[]string{`ALTER TABLE "public"."child" ADD CONSTRAINT "child_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."parent" ("id") NOT VALID`},
			"public.child public.parent"},
		{pgQuote, "app.t.c",
			[]string{`CREATE INDEX CONCURRENTLY "i" ON "app"."We""ird" ("c")`, `ALTER TABLE "app"."t" ADD COLUMN "x" int`, `SELECT "a" . "b", "s"."Other"`},
			`app.t app.We"ird s.Other`},
		{bracketQuote, "dbo.orders.fk",
			[]string{"ALTER TABLE [dbo].[orders] ADD CONSTRAINT [fk] FOREIGN KEY ([c]) REFERENCES [sales].[cust]]s] ([id])"},
			"dbo.orders sales.cust]s"},
		{func(s string) string { return s }, "public.t.c", []string{`ALTER TABLE "public"."u"`}, "public.t"},
		{pgQuote, "nodots", []string{`ALTER TABLE "unclosed`}, ""},
	}
	for _, c := range cases {
		var got []string
		for _, q := range stepTables(planner.Step{Object: c.object, Statements: c.stmts}, c.quote) {
			got = append(got, fmt.Sprintf("%s.%s", q.Schema, q.Name))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s %q: got %q, want %q", c.object, c.stmts, strings.Join(got, " "), c.want)
		}
	}
}
