// Package mysql is tide's MySQL and MariaDB dialect: canonical types (as
// information_schema spells them), backquote quoting, SQL DDL parsing through
// the TiDB parser, offline normalisation, DDL rendering and the ALTER TABLE
// recipes with explicit ALGORITHM= and LOCK= clauses. Importing the package
// registers it as "mysql" (register.go); the inspector (inspect/mysql)
// returns a Dialect that knows its server and database.
package mysql

import (
	"strings"

	"github.com/tidedb/tide/dialects"
)

// Dialect implements dialects.Dialect for MySQL 8 and MariaDB 10.5+. Its
// methods are spread over files by role: types.go, expr.go, defaults.go,
// normalize*.go, parse*.go, render*.go, quote.go, recipes*.go, session.go.
//
// Without a Server (offline: the registered Dialect, see register.go) it
// names unnamed checks as MySQL does and leaves character sets, collations
// and engines as written. A Dialect with Server set (from the inspector)
// resolves them as that server and database do, and names checks as its
// flavor does.
type Dialect struct {
	// Database is the connection's database: the namespace of objects that
	// name none. "" leaves such objects unqualified (Schema ""), which the
	// renderer writes without a database name.
	Database string
	// Server describes the target server and the Database's defaults; nil
	// offline.
	Server *Server
}

// Server is what the dialect needs to know of a live server to put a schema
// in the form the server's information_schema gives it: the flavor and
// version, the database's default character set and collation, the default
// storage engine, and the character sets and collations the server has.
type Server struct {
	// Version is the server's flavor ("mysql" or "mariadb") and version.
	Version dialects.Version
	// Charset and Collation are the database's defaults, which a table
	// that names none inherits.
	Charset, Collation string
	// Engine is the server's default storage engine ("InnoDB").
	Engine string
	// DefaultCollations maps each character set to the collation a column
	// or table that names only the character set gets.
	DefaultCollations map[string]string
	// Charsets maps each collation to its character set.
	Charsets map[string]string
	// MaxLen maps each character set to its longest character in bytes.
	MaxLen map[string]int
	// Host, Port and User are where and as whom tide connected (never the
	// password), for the online schema change tools' command lines that
	// TABLE_COPY hazards print; "" when not known.
	Host, Port, User string
	// LowerCaseTableNames is the server's lower_case_table_names: 0 when
	// table names are compared as written (case-sensitive), 1 when they are
	// stored in lowercase and 2 when they are stored as written and
	// compared in lowercase.
	LowerCaseTableNames int
	// MetadataLockInfo is true when MariaDB's metadata_lock_info plugin is
	// installed (information_schema.METADATA_LOCK_INFO): the sessions
	// holding a table's metadata locks can be named (exec_blockers.go).
	MetadataLockInfo bool
}

// MariaDB reports whether the server is MariaDB.
func (s *Server) MariaDB() bool { return s != nil && s.Version.Flavor == "mariadb" }

// charsetOf returns the character set of a collation: from the server's
// list when it has the collation, else the name up to its first underscore
// (every MySQL collation name starts with its character set's).
func (s *Server) charsetOf(collation string) string {
	if s != nil {
		if cs, ok := s.Charsets[collation]; ok {
			return cs
		}
	}
	if i := strings.IndexByte(collation, '_'); i > 0 {
		return collation[:i]
	}
	return collation
}

// defaultCollation returns the collation a character set defaults to, ""
// when the server does not know the character set.
func (s *Server) defaultCollation(charset string) string {
	if s == nil {
		return ""
	}
	return s.DefaultCollations[charset]
}

// mariaDB reports whether the dialect targets MariaDB (false offline).
func (d Dialect) mariaDB() bool { return d.Server.MariaDB() }

// Name is the dialect's name as written in HCL and on the command line.
func (Dialect) Name() string { return "mysql" }

// DefaultSchema implements dialects.TypeSystem: the connection's database.
func (d Dialect) DefaultSchema() string { return d.Database }

// Dialect compares names as its server does.
var _ dialects.NameFolder = Dialect{}

// FoldName implements dialects.NameFolder. Column, index and constraint
// names are compared without regard to case on every platform (two columns
// of one table cannot differ only in case, and `Name` and `name` are the
// same column), so they fold to lowercase. Table names fold only when the
// server's lower_case_table_names is not 0 (offline, as on Linux's default
// 0, they are compared as written).
func (d Dialect) FoldName(k dialects.NameKind, name string) string {
	if k == dialects.NameTable && (d.Server == nil || d.Server.LowerCaseTableNames == 0) {
		return name
	}
	return strings.ToLower(name)
}
