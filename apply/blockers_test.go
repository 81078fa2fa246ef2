package apply

import (
	"errors"
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

// TestBlockedErrorMessage: a watched wait names what the step waited for
// and each blocker with what it holds or is queued for; otherwise the
// sessions holding locks on the step's tables are named with their modes
// and table, or the message says none was found.
func TestBlockedErrorMessage(t *testing.T) {
	st := planner.Step{ID: 4, Object: "public.t.c"}
	timeout := errors.New("canceling statement due to lock timeout")
	cases := []struct {
		err       BlockedError
		want, not []string
	}{
		{BlockedError{Step: st, Attempts: 3, Err: timeout, Waiting: "ShareUpdateExclusiveLock on public.t",
			Blockers: []Blocker{{PID: 7, User: "app", Application: "web", Client: "10.0.0.2", State: "active", Locks: "is queued ahead for AccessExclusiveLock on public.t (itself waiting for pid 5)", Query: "LOCK TABLE t"}}},
			[]string{"step 4 (public.t.c) after 3 attempts", "it waited for ShareUpdateExclusiveLock on public.t, blocked by:",
				"pid 7  user app  application web  from 10.0.0.2  state active  is queued ahead for AccessExclusiveLock on public.t (itself waiting for pid 5)  no open transaction",
				"query: LOCK TABLE t", "end those transactions"},
			[]string{"holds", "tables it needs"}},
		{BlockedError{Step: st, Attempts: 2, Err: timeout, Tables: []string{"public.t", "public.u"},
			Blockers: []Blocker{{PID: 9, Table: "public.u", Locks: "RowExclusiveLock"}}},
			[]string{"sessions holding locks on the tables it needs (public.t, public.u):", "application (no application_name)", "holds RowExclusiveLock on public.u"},
			[]string{"waited for"}},
		{BlockedError{Step: st, Attempts: 2, Err: timeout, Tables: []string{"public.t"}},
			[]string{"no other session holds a lock on public.t now"}, []string{"end those transactions"}},
		{BlockedError{Step: st, Attempts: 2, Err: timeout},
			[]string{"tide cannot tell which table the step waits for"}, nil},
	}
	for i, c := range cases {
		msg := c.err.Error()
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("case %d lacks %q:\n%s", i, w, msg)
			}
		}
		for _, w := range c.not {
			if strings.Contains(msg, w) {
				t.Errorf("case %d has %q:\n%s", i, w, msg)
			}
		}
	}
}
