package postgres

import (
	"testing"

	"github.com/tidedb/tide/schema"
)

func TestConcurrentIndex(t *testing.T) {
	cases := []struct {
		stmt string
		want schema.QName
		ok   bool
	}{
		{`CREATE INDEX CONCURRENTLY IF NOT EXISTS "t_a_idx" ON "app"."t" ("a")`, schema.QName{Schema: "app", Name: "t_a_idx"}, true},
		{`create unique index concurrently "Odd ""Name""" on only "s"."t" (a)`, schema.QName{Schema: "s", Name: `Odd "Name"`}, true},
		{`CREATE INDEX CONCURRENTLY Idx ON t (a)`, schema.QName{Schema: "public", Name: "idx"}, true},
		{`CREATE INDEX "t_a_idx" ON "public"."t" ("a")`, schema.QName{}, false},
		{`DROP INDEX CONCURRENTLY IF EXISTS "public"."t_a_idx"`, schema.QName{}, false},
		{`CREATE INDEX CONCURRENTLYX ON t (a)`, schema.QName{}, false},
	}
	for _, c := range cases {
		got, ok := Dialect{}.ConcurrentIndex(c.stmt)
		if ok != c.ok || got != c.want {
			t.Errorf("ConcurrentIndex(%s) = %v, %v; want %v, %v", c.stmt, got, ok, c.want, c.ok)
		}
	}
}
