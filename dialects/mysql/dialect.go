// Package mysql is tide's MySQL and MariaDB dialect: canonical types (as
// information_schema spells them), backquote quoting, SQL DDL parsing through
// the TiDB parser, offline normalisation and DDL rendering. The recipes and
// the inspector are not part of it yet, so the dialect is not registered.
package mysql

import "github.com/tidedb/tide/dialects"

// Dialect implements the type system, parser and renderer of
// dialects.Dialect for MySQL 8 and MariaDB 10.5+. Its methods are spread
// over files by role: types.go, expr.go, normalize.go, parse*.go,
// render*.go, quote.go.
type Dialect struct {
	// Database is the connection's database: the namespace of objects that
	// name none. "" leaves such objects unqualified (Schema ""), which the
	// renderer writes without a database name.
	Database string
}

// The roles the dialect fills so far; Recipes comes with the online-DDL work.
var (
	_ dialects.TypeSystem = Dialect{}
	_ dialects.Parser     = Dialect{}
	_ dialects.Renderer   = Dialect{}
)

// Name is the dialect's name as written in HCL and on the command line.
func (Dialect) Name() string { return "mysql" }

// DefaultSchema implements dialects.TypeSystem: the connection's database.
func (d Dialect) DefaultSchema() string { return d.Database }
