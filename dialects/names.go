package dialects

// NameKind is a kind of identifier, as a NameFolder compares them.
type NameKind int

// The kinds of names a NameFolder folds.
const (
	// NameTable is a table's name within its namespace.
	NameTable NameKind = iota
	// NameColumn is a column's name within its table.
	NameColumn
	// NameIndex is an index's name within its table.
	NameIndex
	// NameConstraint is the name of a primary key, unique, check or
	// foreign key constraint within its table.
	NameConstraint
)

// NameFolder is implemented by a dialect whose engine compares the names of
// some kinds without regard to case (MySQL and MariaDB: columns, indexes and
// constraints always, tables when lower_case_table_names is not 0). A
// dialect that does not implement it compares every name exactly
// (PostgreSQL: a quoted identifier keeps its case, and an unquoted one is
// folded by the parser before the model sees it).
type NameFolder interface {
	// FoldName returns the form under which the engine compares names of
	// kind k: two names of that kind denote the same object exactly when
	// their folded forms are equal.
	FoldName(k NameKind, name string) string
}

// FoldName folds name as dialect d compares names of kind k: d's FoldName
// when d implements NameFolder, else name itself (exact comparison).
func FoldName(d Dialect, k NameKind, name string) string {
	if f, ok := d.(NameFolder); ok {
		return f.FoldName(k, name)
	}
	return name
}
