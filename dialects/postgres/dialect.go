// Package postgres is tide's PostgreSQL dialect: canonical types, quoting,
// SQL DDL parsing through PostgreSQL's own parser (pg_query_go), offline
// normalisation, DDL rendering and the recipe for every change kind.
package postgres

// Dialect implements dialects.Dialect for PostgreSQL. Its methods are spread
// over files by role: types.go, normalize.go, parse*.go, render*.go,
// recipes*.go, quote.go.
type Dialect struct{}

// Name implements dialects.Dialect.
func (Dialect) Name() string { return "postgres" }

// DefaultSchema implements dialects.TypeSystem.
func (Dialect) DefaultSchema() string { return "public" }
