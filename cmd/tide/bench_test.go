package main

import (
	"fmt"
	"testing"

	"github.com/tidedb/tide/cmd/tidebench/schemagen"
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/dialects/postgres"
	"github.com/tidedb/tide/planner"
	"github.com/tidedb/tide/schema"
)

// BenchmarkPlanOffline measures the whole offline planning path on
// generated schemas: parse both SQL files, normalise, diff and build.
func BenchmarkPlanOffline(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		base := []byte(schemagen.SQL(schemagen.Options{Tables: n, Schemas: 3}))
		variant := []byte(schemagen.SQL(schemagen.Options{Tables: n, Schemas: 3, Variant: 1}))
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			d := postgres.Dialect{}
			for i := 0; i < b.N; i++ {
				from := mustLoad(b, d, "base.sql", base)
				to := mustLoad(b, d, "variant.sql", variant)
				changes, err := planner.Diff(from, to)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := planner.Build(changes, from, to, d, planner.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func mustLoad(b *testing.B, d dialects.Dialect, name string, src []byte) *schema.Schema {
	s, err := d.ParseSQL(name, src)
	if err != nil {
		b.Fatal(err)
	}
	if err := d.Normalize(s); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkDiffBuild measures the planner alone (Diff and Build) on
// generated schemas already loaded and normalised.
func BenchmarkDiffBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		d := postgres.Dialect{}
		from := mustLoad(b, d, "base.sql", []byte(schemagen.SQL(schemagen.Options{Tables: n, Schemas: 3})))
		to := mustLoad(b, d, "variant.sql", []byte(schemagen.SQL(schemagen.Options{Tables: n, Schemas: 3, Variant: 1})))
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				changes, err := planner.Diff(from, to)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := planner.Build(changes, from, to, d, planner.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
