// Package schema holds tide's dialect-neutral model of a database schema and
// the HCL desired-state language. It is the leaf of the package graph: it
// knows no SQL dialect and performs no I/O beyond reading HCL files.
package schema

// Schema is a whole database state: every namespace, table, type, sequence
// and view tide manages. A desired state (from files) and a live state (from
// a database) are both a Schema.
type Schema struct {
	// Dialect is "postgres", "mysql" or "mssql".
	Dialect string `json:"dialect"`
	// Namespaces are the schemas (PostgreSQL/SQL Server) or databases (MySQL).
	Namespaces []*Namespace `json:"namespaces,omitempty"`
	Tables     []*Table     `json:"tables,omitempty"`
	Enums      []*Enum      `json:"enums,omitempty"`
	Sequences  []*Sequence  `json:"sequences,omitempty"`
	Views      []*View      `json:"views,omitempty"`
}

// Pos is a position in a source file, used to point errors at file:line:col.
// It is zero for objects read from a database.
type Pos struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// QName is a schema-qualified object name.
type QName struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
}

// Namespace is a schema (a namespace of tables and types).
type Namespace struct {
	Name    string `json:"name"`
	Comment string `json:"comment,omitempty"`
	Pos     Pos    `json:"-"`
}

// Table is a table with its columns, keys, constraints and indexes.
type Table struct {
	Schema  string `json:"schema"`
	Name    string `json:"name"`
	Comment string `json:"comment,omitempty"`
	// RenamedFrom is a rename hint: the table's previous name ("old" or
	// "schema.old"). Hints are desired-state only; a live schema has none.
	RenamedFrom string `json:"renamed_from,omitempty"`
	// Rename is how a rename is carried out: "" (the planner's safe default)
	// or "direct" (a plain RENAME that breaks running clients).
	Rename string `json:"rename,omitempty"`

	Columns     []*Column     `json:"columns"`
	PrimaryKey  *PrimaryKey   `json:"primary_key,omitempty"`
	Uniques     []*Unique     `json:"uniques,omitempty"`
	Checks      []*Check      `json:"checks,omitempty"`
	ForeignKeys []*ForeignKey `json:"foreign_keys,omitempty"`
	Indexes     []*Index      `json:"indexes,omitempty"`

	// Attrs holds dialect-specific table options (MySQL engine, charset…),
	// keyed by option name. Nil when the dialect has none.
	Attrs map[string]string `json:"attrs,omitempty"`

	// Stats are live statistics, filled by an inspector; nil for a desired
	// state. They never take part in a diff.
	Stats *TableStats `json:"-"`
	Pos   Pos         `json:"-"`
}

// TableStats are a live table's size estimates from the catalog.
type TableStats struct {
	// Rows is the planner's row estimate (-1 when the table was never analysed).
	Rows int64 `json:"rows"`
	// Bytes is the table's total size on disk, indexes and TOAST included.
	Bytes int64 `json:"bytes"`
}

// QName returns the table's schema-qualified name.
func (t *Table) QName() QName { return QName{Schema: t.Schema, Name: t.Name} }

// Column returns the named column, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Index returns the named index, or nil.
func (t *Table) Index(name string) *Index {
	for _, i := range t.Indexes {
		if i.Name == name {
			return i
		}
	}
	return nil
}

// Identity values for Column.Identity.
const (
	IdentityAlways    = "always"
	IdentityByDefault = "by default"
)

// Column is a table column.
type Column struct {
	Name string `json:"name"`
	// Type is the column type in the dialect's canonical spelling
	// (e.g. "character varying(255)" on PostgreSQL).
	Type string `json:"type"`
	// Nullable is true unless the column is NOT NULL.
	Nullable bool `json:"nullable"`
	// Default is an SQL expression, verbatim; "" means no default.
	Default string `json:"default,omitempty"`
	// Identity is "", IdentityAlways or IdentityByDefault (MySQL: auto_increment
	// is recorded as IdentityByDefault).
	Identity string `json:"identity,omitempty"`
	// Generated is the expression of a stored generated column; "" if none.
	Generated string `json:"generated,omitempty"`
	// Collation is an explicit collation; "" means the default.
	Collation string `json:"collation,omitempty"`
	Comment   string `json:"comment,omitempty"`
	// Attrs holds dialect-specific column options (MySQL charset, unsigned…).
	Attrs map[string]string `json:"attrs,omitempty"`

	// RenamedFrom is a rename hint: the column's previous name.
	RenamedFrom string `json:"renamed_from,omitempty"`
	// Backfill is an SQL expression evaluated per existing row to fill a new
	// or changed column; "" means existing rows take Default.
	Backfill string `json:"backfill,omitempty"`
	// Using is the conversion expression for a type change ("" = a cast).
	Using string `json:"using,omitempty"`
	Pos   Pos    `json:"-"`
}

// PrimaryKey is a table's primary key constraint.
type PrimaryKey struct {
	// Name is the constraint name; "" means the dialect's default name.
	Name    string   `json:"name,omitempty"`
	Columns []string `json:"columns"`
	Pos     Pos      `json:"-"`
}

// Unique is a unique constraint (as opposed to a unique index).
type Unique struct {
	Name              string   `json:"name"`
	Columns           []string `json:"columns"`
	Deferrable        bool     `json:"deferrable,omitempty"`
	InitiallyDeferred bool     `json:"initially_deferred,omitempty"`
	Pos               Pos      `json:"-"`
}

// Check is a check constraint.
type Check struct {
	Name string `json:"name"`
	// Expr is the boolean SQL expression, without the CHECK keyword.
	Expr      string `json:"expr"`
	NoInherit bool   `json:"no_inherit,omitempty"`
	Pos       Pos    `json:"-"`
}

// Referential actions for ForeignKey.OnDelete and OnUpdate, lower case.
const (
	ActionNoAction   = "no action"
	ActionRestrict   = "restrict"
	ActionCascade    = "cascade"
	ActionSetNull    = "set null"
	ActionSetDefault = "set default"
)

// ForeignKey is a foreign key constraint.
type ForeignKey struct {
	Name       string   `json:"name"`
	Columns    []string `json:"columns"`
	RefSchema  string   `json:"ref_schema"`
	RefTable   string   `json:"ref_table"`
	RefColumns []string `json:"ref_columns"`
	// OnDelete and OnUpdate are one of the Action* constants; "" = no action.
	OnDelete          string `json:"on_delete,omitempty"`
	OnUpdate          string `json:"on_update,omitempty"`
	Deferrable        bool   `json:"deferrable,omitempty"`
	InitiallyDeferred bool   `json:"initially_deferred,omitempty"`
	Pos               Pos    `json:"-"`
}

// RefQName returns the referenced table's qualified name.
func (f *ForeignKey) RefQName() QName { return QName{Schema: f.RefSchema, Name: f.RefTable} }

// Index is a (possibly unique, partial or expression) index.
type Index struct {
	Name   string      `json:"name"`
	Unique bool        `json:"unique,omitempty"`
	Parts  []IndexPart `json:"parts"`
	// Where is the predicate of a partial index; "" if none.
	Where string `json:"where,omitempty"`
	// Using is the access method ("" means the dialect's default, btree).
	Using string `json:"using,omitempty"`
	// Include lists covering (non-key) columns.
	Include []string `json:"include,omitempty"`
	Pos     Pos      `json:"-"`
}

// IndexPart is one key of an index: a column or an expression.
type IndexPart struct {
	// Column is the indexed column; exactly one of Column and Expr is set.
	Column string `json:"column,omitempty"`
	// Expr is an indexed expression, verbatim.
	Expr string `json:"expr,omitempty"`
	Desc bool   `json:"desc,omitempty"`
	// Nulls is "", "first" or "last"; "" means the default for the direction.
	Nulls string `json:"nulls,omitempty"`
	// Opclass is an explicit operator class; "" means the default.
	Opclass string `json:"opclass,omitempty"`
	// Collation is an explicit collation; "" means the column's.
	Collation string `json:"collation,omitempty"`
	// Length is a key prefix length (MySQL); 0 means the whole value.
	Length int `json:"length,omitempty"`
}

// Enum is an enumerated type (PostgreSQL CREATE TYPE … AS ENUM).
type Enum struct {
	Schema string   `json:"schema"`
	Name   string   `json:"name"`
	Values []string `json:"values"`
	Pos    Pos      `json:"-"`
}

// QName returns the enum's schema-qualified name.
func (e *Enum) QName() QName { return QName{Schema: e.Schema, Name: e.Name} }

// Sequence is a standalone sequence. Zero numeric fields mean the dialect's
// default for the sequence type.
type Sequence struct {
	Schema    string `json:"schema"`
	Name      string `json:"name"`
	Type      string `json:"type,omitempty"`
	Start     int64  `json:"start,omitempty"`
	Increment int64  `json:"increment,omitempty"`
	MinValue  int64  `json:"min_value,omitempty"`
	MaxValue  int64  `json:"max_value,omitempty"`
	Cache     int64  `json:"cache,omitempty"`
	Cycle     bool   `json:"cycle,omitempty"`
	// OwnedBy is "table.column" (in the sequence's schema) or "".
	OwnedBy string `json:"owned_by,omitempty"`
	Pos     Pos    `json:"-"`
}

// QName returns the sequence's schema-qualified name.
func (s *Sequence) QName() QName { return QName{Schema: s.Schema, Name: s.Name} }

// View is a (non-materialised) view.
type View struct {
	Schema string `json:"schema"`
	Name   string `json:"name"`
	// Def is the view's SELECT, verbatim.
	Def     string `json:"def"`
	Comment string `json:"comment,omitempty"`
	// DependsOn lists the tables and views the view reads, when known
	// (an inspector fills it from the catalog).
	DependsOn []QName `json:"depends_on,omitempty"`
	Pos       Pos     `json:"-"`
}

// QName returns the view's schema-qualified name.
func (v *View) QName() QName { return QName{Schema: v.Schema, Name: v.Name} }
