package mysql

import "github.com/tidedb/tide/dialects"

// Dialect must satisfy the whole dialects.Dialect contract.
var _ dialects.Dialect = Dialect{}

// OfflineDatabase is the Database of the registered dialect, which plans
// offline (tide plan --from … --dialect mysql) where no connection names a
// database: "", so objects that name none stay unqualified (Schema ""),
// "the target database", shown and written without a database name (and
// as <database> in the online schema change tools' command lines).
const OfflineDatabase = ""

func init() { dialects.Register(Dialect{Database: OfflineDatabase}) }
