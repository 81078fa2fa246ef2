package postgres

import "github.com/tidedb/tide/dialects"

// Dialect must satisfy the whole dialects.Dialect contract.
var _ dialects.Dialect = Dialect{}

func init() { dialects.Register(Dialect{}) }
