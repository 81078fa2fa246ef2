package schema

// Change is one difference between two schemas, in dialect-neutral terms.
// The planner's Diff produces an ordered list of Changes; a dialect turns
// each into the steps of its safe recipe.
type Change interface {
	// Kind is the change's stable snake_case name, used in plans
	// ("add_column", "alter_column", …).
	Kind() string
	// Object is the qualified name of the object the change is about
	// ("public.users", "public.users.email").
	Object() string
}

// ColumnChange is a bitmask of what differs between two versions of a column.
type ColumnChange uint32

// The parts of a column that an AlterColumn may change.
const (
	ChangeType ColumnChange = 1 << iota
	ChangeNull
	ChangeDefault
	ChangeIdentity
	ChangeGenerated
	ChangeCollation
	ChangeComment
	ChangeAttrs
)

// Has reports whether every bit of o is set in c.
func (c ColumnChange) Has(o ColumnChange) bool { return c&o == o }

// String lists the set bits, for messages and tests.
func (c ColumnChange) String() string {
	names := []string{"type", "null", "default", "identity", "generated", "collation", "comment", "attrs"}
	s := ""
	for i, n := range names {
		if c&(1<<i) != 0 {
			if s != "" {
				s += "|"
			}
			s += n
		}
	}
	return s
}

func qn(s, n string) string {
	if s == "" {
		return n
	}
	return s + "." + n
}

func (q QName) String() string { return qn(q.Schema, q.Name) }

type (
	// AddNamespace creates a schema.
	AddNamespace struct{ N *Namespace }
	// DropNamespace drops an (empty) schema.
	DropNamespace struct{ N *Namespace }
	// SetNamespaceComment changes a schema's comment.
	SetNamespaceComment struct{ From, To *Namespace }

	// AddTable creates a table with its columns, keys, checks and indexes.
	// Its foreign keys are separate AddForeignKey changes.
	AddTable struct{ T *Table }
	// DropTable drops a table.
	DropTable struct{ T *Table }
	// RenameTable renames From to To (same columns); from a renamed_from hint.
	RenameTable struct{ From, To *Table }
	// SetTableComment changes a table's comment.
	SetTableComment struct{ From, To *Table }
	// SetTableAttrs changes dialect-specific table options.
	SetTableAttrs struct{ From, To *Table }

	// AddColumn adds a column to an existing table.
	AddColumn struct {
		T *Table
		C *Column
	}
	// DropColumn drops a column.
	DropColumn struct {
		T *Table
		C *Column
	}
	// RenameColumn renames a column; from a renamed_from hint.
	RenameColumn struct {
		T        *Table
		From, To *Column
	}
	// AlterColumn changes a column in place; Changes says which parts.
	AlterColumn struct {
		T        *Table
		From, To *Column
		Changes  ColumnChange
	}

	// AddPrimaryKey adds a primary key to an existing table.
	AddPrimaryKey struct {
		T  *Table
		PK *PrimaryKey
	}
	// DropPrimaryKey drops a primary key.
	DropPrimaryKey struct {
		T  *Table
		PK *PrimaryKey
	}
	// AddUnique adds a unique constraint.
	AddUnique struct {
		T *Table
		U *Unique
	}
	// DropUnique drops a unique constraint.
	DropUnique struct {
		T *Table
		U *Unique
	}
	// AddCheck adds a check constraint.
	AddCheck struct {
		T *Table
		C *Check
	}
	// DropCheck drops a check constraint.
	DropCheck struct {
		T *Table
		C *Check
	}
	// AddForeignKey adds a foreign key.
	AddForeignKey struct {
		T  *Table
		FK *ForeignKey
	}
	// DropForeignKey drops a foreign key.
	DropForeignKey struct {
		T  *Table
		FK *ForeignKey
	}
	// AddIndex creates an index on an existing table.
	AddIndex struct {
		T *Table
		I *Index
	}
	// DropIndex drops an index.
	DropIndex struct {
		T *Table
		I *Index
	}
	// RenameIndex renames an index whose definition is unchanged.
	RenameIndex struct {
		T        *Table
		From, To *Index
	}
	// RenameConstraint renames a constraint (primary key, unique, check or
	// foreign key) whose definition is unchanged.
	RenameConstraint struct {
		T        *Table
		From, To string
	}

	// AddEnum creates an enum type.
	AddEnum struct{ E *Enum }
	// DropEnum drops an enum type.
	DropEnum struct{ E *Enum }
	// AddEnumValue appends or inserts one value into an enum; Before/After
	// name the neighbour it goes next to ("" when appended at the end).
	AddEnumValue struct {
		E             *Enum
		Value         string
		Before, After string
	}
	// ReplaceEnum changes an enum in a way that cannot be done by adding
	// values (a value removed or reordered).
	ReplaceEnum struct{ From, To *Enum }

	// AddSequence creates a sequence.
	AddSequence struct{ S *Sequence }
	// DropSequence drops a sequence.
	DropSequence struct{ S *Sequence }
	// AlterSequence changes a sequence's options.
	AlterSequence struct{ From, To *Sequence }

	// AddView creates a view.
	AddView struct{ V *View }
	// DropView drops a view. BeforeChange is set when the view is dropped
	// early, before tables or types it reads change (it is created again
	// afterwards when the desired state still has it); such a drop belongs to
	// the expansion, not to the contract.
	DropView struct {
		V            *View
		BeforeChange bool
	}
	// SetViewComment changes a view's comment.
	SetViewComment struct{ From, To *View }
)

func colObj(t *Table, c string) string { return qn(t.Schema, t.Name) + "." + c }

// Kind implements Change.
func (AddNamespace) Kind() string { return "add_schema" }

// Kind implements Change.
func (DropNamespace) Kind() string { return "drop_schema" }

// Kind implements Change.
func (SetNamespaceComment) Kind() string { return "set_schema_comment" }

// Kind implements Change.
func (AddTable) Kind() string { return "add_table" }

// Kind implements Change.
func (DropTable) Kind() string { return "drop_table" }

// Kind implements Change.
func (RenameTable) Kind() string { return "rename_table" }

// Kind implements Change.
func (SetTableComment) Kind() string { return "set_table_comment" }

// Kind implements Change.
func (SetTableAttrs) Kind() string { return "set_table_options" }

// Kind implements Change.
func (AddColumn) Kind() string { return "add_column" }

// Kind implements Change.
func (DropColumn) Kind() string { return "drop_column" }

// Kind implements Change.
func (RenameColumn) Kind() string { return "rename_column" }

// Kind implements Change.
func (AlterColumn) Kind() string { return "alter_column" }

// Kind implements Change.
func (AddPrimaryKey) Kind() string { return "add_primary_key" }

// Kind implements Change.
func (DropPrimaryKey) Kind() string { return "drop_primary_key" }

// Kind implements Change.
func (AddUnique) Kind() string { return "add_unique" }

// Kind implements Change.
func (DropUnique) Kind() string { return "drop_unique" }

// Kind implements Change.
func (AddCheck) Kind() string { return "add_check" }

// Kind implements Change.
func (DropCheck) Kind() string { return "drop_check" }

// Kind implements Change.
func (AddForeignKey) Kind() string { return "add_foreign_key" }

// Kind implements Change.
func (DropForeignKey) Kind() string { return "drop_foreign_key" }

// Kind implements Change.
func (AddIndex) Kind() string { return "add_index" }

// Kind implements Change.
func (DropIndex) Kind() string { return "drop_index" }

// Kind implements Change.
func (RenameIndex) Kind() string { return "rename_index" }

// Kind implements Change.
func (RenameConstraint) Kind() string { return "rename_constraint" }

// Kind implements Change.
func (AddEnum) Kind() string { return "add_enum" }

// Kind implements Change.
func (DropEnum) Kind() string { return "drop_enum" }

// Kind implements Change.
func (AddEnumValue) Kind() string { return "add_enum_value" }

// Kind implements Change.
func (ReplaceEnum) Kind() string { return "replace_enum" }

// Kind implements Change.
func (AddSequence) Kind() string { return "add_sequence" }

// Kind implements Change.
func (DropSequence) Kind() string { return "drop_sequence" }

// Kind implements Change.
func (AlterSequence) Kind() string { return "alter_sequence" }

// Kind implements Change.
func (AddView) Kind() string { return "add_view" }

// Kind implements Change.
func (DropView) Kind() string { return "drop_view" }

// Kind implements Change.
func (SetViewComment) Kind() string { return "set_view_comment" }

// Object implements Change.
func (c AddNamespace) Object() string { return c.N.Name }

// Object implements Change.
func (c DropNamespace) Object() string { return c.N.Name }

// Object implements Change.
func (c SetNamespaceComment) Object() string { return c.To.Name }

// Object implements Change.
func (c AddTable) Object() string { return c.T.QName().String() }

// Object implements Change.
func (c DropTable) Object() string { return c.T.QName().String() }

// Object implements Change.
func (c RenameTable) Object() string { return c.To.QName().String() }

// Object implements Change.
func (c SetTableComment) Object() string { return c.To.QName().String() }

// Object implements Change.
func (c SetTableAttrs) Object() string { return c.To.QName().String() }

// Object implements Change.
func (c AddColumn) Object() string { return colObj(c.T, c.C.Name) }

// Object implements Change.
func (c DropColumn) Object() string { return colObj(c.T, c.C.Name) }

// Object implements Change.
func (c RenameColumn) Object() string { return colObj(c.T, c.To.Name) }

// Object implements Change.
func (c AlterColumn) Object() string { return colObj(c.T, c.To.Name) }

// Object implements Change.
func (c AddPrimaryKey) Object() string { return c.T.QName().String() }

// Object implements Change.
func (c DropPrimaryKey) Object() string { return c.T.QName().String() }

// Object implements Change.
func (c AddUnique) Object() string { return colObj(c.T, c.U.Name) }

// Object implements Change.
func (c DropUnique) Object() string { return colObj(c.T, c.U.Name) }

// Object implements Change.
func (c AddCheck) Object() string { return colObj(c.T, c.C.Name) }

// Object implements Change.
func (c DropCheck) Object() string { return colObj(c.T, c.C.Name) }

// Object implements Change.
func (c AddForeignKey) Object() string { return colObj(c.T, c.FK.Name) }

// Object implements Change.
func (c DropForeignKey) Object() string { return colObj(c.T, c.FK.Name) }

// Object implements Change.
func (c AddIndex) Object() string { return qn(c.T.Schema, c.I.Name) }

// Object implements Change.
func (c DropIndex) Object() string { return qn(c.T.Schema, c.I.Name) }

// Object implements Change.
func (c RenameIndex) Object() string { return qn(c.T.Schema, c.To.Name) }

// Object implements Change.
func (c RenameConstraint) Object() string { return colObj(c.T, c.To) }

// Object implements Change.
func (c AddEnum) Object() string { return c.E.QName().String() }

// Object implements Change.
func (c DropEnum) Object() string { return c.E.QName().String() }

// Object implements Change.
func (c AddEnumValue) Object() string { return c.E.QName().String() }

// Object implements Change.
func (c ReplaceEnum) Object() string { return c.To.QName().String() }

// Object implements Change.
func (c AddSequence) Object() string { return c.S.QName().String() }

// Object implements Change.
func (c DropSequence) Object() string { return c.S.QName().String() }

// Object implements Change.
func (c AlterSequence) Object() string { return c.To.QName().String() }

// Object implements Change.
func (c AddView) Object() string { return c.V.QName().String() }

// Object implements Change.
func (c DropView) Object() string { return c.V.QName().String() }

// Object implements Change.
func (c SetViewComment) Object() string { return c.To.QName().String() }
