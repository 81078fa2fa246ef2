package apply

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

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
// sessions the server lists for the step's tables are named with the table
// and what the dialect says of their locks, or the message says none was
// found. A session without an application name is named without one.
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
			Blockers: []Blocker{{PID: 9, User: "app", Client: "10.0.0.3", Table: "public.u", Locks: "RowExclusiveLock"}}},
			[]string{"sessions the server lists for the tables it needs (public.t, public.u):", "pid 9  user app  from 10.0.0.3  state ", "listed for public.u: RowExclusiveLock"},
			[]string{"waited for", "application", "holds"}},
		// A MySQL server without performance_schema metadata locks cannot
		// tell which tables an open transaction locks: the line says what the
		// dialect knows, without claiming the locks are on the table.
		{BlockedError{Step: st, Attempts: 2, Err: timeout, Tables: []string{"shop.items"},
			Blockers: []Blocker{{PID: 31, User: "root", Client: "localhost:4711", State: "Sleep", Table: "shop.items",
				Locks: "an open transaction's locks (1 table(s), 2 row(s); whether on this table is not known without performance_schema metadata locks)"}}},
			[]string{"pid 31  user root  from localhost:4711  state Sleep  listed for shop.items: an open transaction's locks (1 table(s), 2 row(s); whether on this table is not known"},
			[]string{"application", "holds", "no application_name"}},
		{BlockedError{Step: st, Attempts: 2, Err: timeout, Tables: []string{"public.t"}},
			[]string{"no other session holds a lock on public.t now"}, []string{"end those transactions"}},
		// The server knows the table is locked but not by whom: the note
		// replaces the claim that nobody holds a lock.
		{BlockedError{Step: st, Attempts: 2, Err: timeout, Tables: []string{"shop.items"}, Notes: []string{"shop.items is locked: SHOW OPEN TABLES counts 1 table lock(s)"}},
			[]string{"no session could be named as holding a lock on shop.items: shop.items is locked: SHOW OPEN TABLES counts 1 table lock(s)"}, []string{"no other session holds", "end those transactions"}},
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

// TestLockHeldErrorMessage: the holder of the apply lock is named by what
// the dialect knows of it — no application when it has none, and no claim
// about what its "since" time means beyond that it was there then.
func TestLockHeldErrorMessage(t *testing.T) {
	since := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		holder    LockHolder
		want, not []string
	}{
		{LockHolder{PID: 12, User: "deploy", Application: "tide", Client: "10.0.0.2:5123", Since: since},
			[]string{"the apply lock is held by pid 12, user deploy, application tide, from 10.0.0.2:5123, since 2024-05-01T12:00:00Z"}, nil},
		{LockHolder{PID: 7, User: "root", Client: "localhost", Since: since},
			[]string{"the apply lock is held by pid 7, user root, from localhost, since 2024-05-01T12:00:00Z; nothing was changed"},
			[]string{"application", "session active"}},
	}
	for i, c := range cases {
		msg := (&LockHeldError{Target: "db", Holders: []LockHolder{c.holder}}).Error()
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
