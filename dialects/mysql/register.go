package mysql

import "github.com/tidedb/tide/dialects"

// Dialect must satisfy the whole dialects.Dialect contract.
var _ dialects.Dialect = Dialect{}

// OfflineDatabase is the Database of the registered dialect, which plans
// offline (tide plan --from … --dialect mysql) where no connection names a
// database: objects that name none are put in this namespace — the
// desired-state language's default one — and, being the connection's,
// are written without a database name.
const OfflineDatabase = "public"

func init() { dialects.Register(Dialect{Database: OfflineDatabase}) }
