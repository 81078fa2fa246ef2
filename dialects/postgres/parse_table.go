package postgres

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/tidedb/tide/schema"
)

// tableBuild collects one CREATE TABLE's (or ALTER TABLE's) constraints in
// source order, so that generated names are chosen in PostgreSQL's order:
// serial sequences, then checks, then the primary key, then unique
// constraints, then foreign keys.
type tableBuild struct {
	t       *schema.Table
	checks  []*pg_query.Constraint
	keys    []*pg_query.Constraint // PRIMARY KEY and UNIQUE, with Keys filled
	foreign []*pg_query.Constraint // FOREIGN KEY, with FkAttrs filled
	// creating is true for CREATE TABLE (duplicate keys are merged, as
	// PostgreSQL does) and false for ALTER TABLE.
	creating bool
}

// createTable handles CREATE TABLE.
func (p *sqlParser) createTable(st *pg_query.CreateStmt) error {
	q, err := p.qnameOf(st.Relation)
	if err != nil {
		return err
	}
	switch {
	case st.Relation.Relpersistence == "t":
		return p.errorf(-1, "table %s: temporary tables are not part of a schema; remove TEMPORARY", q)
	case st.Relation.Relpersistence == "u":
		return p.errorf(-1, "table %s: UNLOGGED tables are not supported; remove UNLOGGED", q)
	case len(st.InhRelations) > 0:
		return p.errorf(-1, "table %s: INHERITS is not supported", q)
	case st.Partspec != nil || st.Partbound != nil:
		return p.errorf(-1, "table %s: partitioned tables are not supported", q)
	case st.OfTypename != nil:
		return p.errorf(-1, "table %s: typed tables (OF type) are not supported", q)
	case len(st.Options) > 0:
		return p.errorf(-1, "table %s: WITH (…) storage options are not supported; remove them", q)
	case st.Tablespacename != "":
		return p.errorf(-1, "table %s: TABLESPACE is not supported; remove it", q)
	case st.AccessMethod != "":
		return p.errorf(-1, "table %s: USING %s (table access method) is not supported; remove it", q, st.AccessMethod)
	}
	if prev := p.table(q); prev != nil {
		return p.errorf(-1, "table %s is defined twice (first at %s)", q, prev.Pos)
	}
	if err := p.claimRelation(q, "table"); err != nil {
		return err
	}
	t := &schema.Table{Schema: q.Schema, Name: q.Name, Columns: []*schema.Column{}, Pos: p.posAt(p.stmtStart)}
	b := &tableBuild{t: t, creating: true}
	for _, elt := range st.TableElts {
		switch e := elt.GetNode().(type) {
		case *pg_query.Node_ColumnDef:
			if err := p.column(b, e.ColumnDef); err != nil {
				return err
			}
		case *pg_query.Node_Constraint:
			if err := p.tableConstraint(b, e.Constraint); err != nil {
				return err
			}
		case *pg_query.Node_TableLikeClause:
			return p.errorf(-1, "table %s: LIKE is not supported; list the columns", q)
		default:
			return p.errorf(-1, "table %s: unsupported table element %s", q, p.statementKind(elt))
		}
	}
	if err := p.buildConstraints(b); err != nil {
		return err
	}
	p.out.Tables = append(p.out.Tables, t)
	p.tables[q] = t
	return nil
}

// column reads a column definition with its inline constraints.
func (p *sqlParser) column(b *tableBuild, cd *pg_query.ColumnDef) error {
	t := b.t
	where := t.QName().String() + "." + cd.Colname
	if t.Column(cd.Colname) != nil {
		return p.errorf(cd.Location, "column %s is defined twice", where)
	}
	switch {
	case cd.Compression != "":
		return p.errorf(cd.Location, "column %s: COMPRESSION is not supported; remove it", where)
	case cd.StorageName != "" || cd.Storage != "":
		return p.errorf(cd.Location, "column %s: STORAGE is not supported; remove it", where)
	case cd.TypeName == nil:
		return p.errorf(cd.Location, "column %s has no type", where)
	}
	typ, err := formatTypeName(cd.TypeName, deparseTypeForMessage(cd.TypeName))
	if err != nil {
		return p.errorf(cd.TypeName.Location, "column %s: %v", where, err)
	}
	c := &schema.Column{Name: cd.Colname, Type: typ, Nullable: true, Pos: p.posOf(cd.Location)}
	c.RenamedFrom = p.renameHintAt(cd.Location)
	if cd.CollClause != nil {
		parts, err := p.strings(cd.CollClause.Collname)
		if err != nil {
			return err
		}
		c.Collation = strings.Join(parts, ".")
	}
	if cd.IsNotNull {
		c.Nullable = false
	}
	sawNull, sawNotNull := false, false
	var last *pg_query.Constraint // the constraint DEFERRABLE etc. apply to
	for _, n := range cd.Constraints {
		con := n.GetConstraint()
		if con == nil {
			return p.errorf(cd.Location, "column %s: unsupported column clause %s", where, p.statementKind(n))
		}
		switch con.Contype {
		case pg_query.ConstrType_CONSTR_NULL:
			if sawNotNull {
				return p.errorf(con.Location, "column %s: conflicting NULL/NOT NULL declarations", where)
			}
			sawNull, c.Nullable = true, true
		case pg_query.ConstrType_CONSTR_NOTNULL:
			if sawNull {
				return p.errorf(con.Location, "column %s: conflicting NULL/NOT NULL declarations", where)
			}
			sawNotNull, c.Nullable = true, false
		case pg_query.ConstrType_CONSTR_DEFAULT:
			if c.Default != "" || c.Identity != "" || c.Generated != "" {
				return p.errorf(con.Location, "column %s: a column has at most one of DEFAULT, IDENTITY and GENERATED", where)
			}
			if isNullDefault(con.RawExpr) {
				break // PostgreSQL stores no default for DEFAULT NULL
			}
			if c.Default, err = p.expr(con.RawExpr, "column "+where+" DEFAULT"); err != nil {
				return err
			}
		case pg_query.ConstrType_CONSTR_IDENTITY:
			if c.Default != "" || c.Identity != "" || c.Generated != "" {
				return p.errorf(con.Location, "column %s: a column has at most one of DEFAULT, IDENTITY and GENERATED", where)
			}
			if len(con.Options) > 0 {
				return p.errorf(con.Location, "column %s: identity sequence options are not supported; write GENERATED … AS IDENTITY without (…)", where)
			}
			c.Identity = schema.IdentityByDefault
			if con.GeneratedWhen == "a" {
				c.Identity = schema.IdentityAlways
			}
			p.scope(t.Schema).sequenceName(t.Name, c.Name)
		case pg_query.ConstrType_CONSTR_GENERATED:
			if c.Default != "" || c.Identity != "" || c.Generated != "" {
				return p.errorf(con.Location, "column %s: a column has at most one of DEFAULT, IDENTITY and GENERATED", where)
			}
			if c.Generated, err = p.expr(con.RawExpr, "column "+where+" GENERATED"); err != nil {
				return err
			}
		case pg_query.ConstrType_CONSTR_CHECK:
			b.checks = append(b.checks, con)
		case pg_query.ConstrType_CONSTR_PRIMARY, pg_query.ConstrType_CONSTR_UNIQUE:
			con.Keys = []*pg_query.Node{pg_query.MakeStrNode(c.Name)}
			b.keys = append(b.keys, con)
		case pg_query.ConstrType_CONSTR_FOREIGN:
			con.FkAttrs = []*pg_query.Node{pg_query.MakeStrNode(c.Name)}
			b.foreign = append(b.foreign, con)
		case pg_query.ConstrType_CONSTR_ATTR_DEFERRABLE, pg_query.ConstrType_CONSTR_ATTR_NOT_DEFERRABLE,
			pg_query.ConstrType_CONSTR_ATTR_DEFERRED, pg_query.ConstrType_CONSTR_ATTR_IMMEDIATE:
			if err := p.applyConstraintAttr(last, con, where); err != nil {
				return err
			}
			continue
		default:
			return p.errorf(con.Location, "column %s: unsupported constraint %s", where, con.Contype)
		}
		last = con
	}
	if IsSerialType(c.Type) {
		p.scope(t.Schema).sequenceName(t.Name, c.Name)
	}
	t.Columns = append(t.Columns, c)
	return nil
}

// applyConstraintAttr applies a column constraint's trailing DEFERRABLE /
// INITIALLY DEFERRED to the constraint before it, as PostgreSQL's
// transformConstraintAttrs does.
func (p *sqlParser) applyConstraintAttr(last, attr *pg_query.Constraint, where string) error {
	if last == nil || (last.Contype != pg_query.ConstrType_CONSTR_PRIMARY && last.Contype != pg_query.ConstrType_CONSTR_UNIQUE && last.Contype != pg_query.ConstrType_CONSTR_FOREIGN) {
		return p.errorf(attr.Location, "column %s: misplaced %s clause: it must follow a PRIMARY KEY, UNIQUE or REFERENCES constraint", where, constraintAttrNames[attr.Contype])
	}
	switch attr.Contype {
	case pg_query.ConstrType_CONSTR_ATTR_DEFERRABLE:
		last.Deferrable = true
	case pg_query.ConstrType_CONSTR_ATTR_NOT_DEFERRABLE:
		last.Deferrable = false
	case pg_query.ConstrType_CONSTR_ATTR_DEFERRED:
		last.Deferrable, last.Initdeferred = true, true
	case pg_query.ConstrType_CONSTR_ATTR_IMMEDIATE:
		last.Initdeferred = false
	}
	return nil
}

// constraintAttrNames spell constraint attributes for messages.
var constraintAttrNames = map[pg_query.ConstrType]string{
	pg_query.ConstrType_CONSTR_ATTR_DEFERRABLE:     "DEFERRABLE",
	pg_query.ConstrType_CONSTR_ATTR_NOT_DEFERRABLE: "NOT DEFERRABLE",
	pg_query.ConstrType_CONSTR_ATTR_DEFERRED:       "INITIALLY DEFERRED",
	pg_query.ConstrType_CONSTR_ATTR_IMMEDIATE:      "INITIALLY IMMEDIATE",
}

// tableConstraint queues a table constraint of CREATE TABLE or ALTER TABLE.
func (p *sqlParser) tableConstraint(b *tableBuild, con *pg_query.Constraint) error {
	switch con.Contype {
	case pg_query.ConstrType_CONSTR_CHECK:
		b.checks = append(b.checks, con)
	case pg_query.ConstrType_CONSTR_PRIMARY, pg_query.ConstrType_CONSTR_UNIQUE:
		b.keys = append(b.keys, con)
	case pg_query.ConstrType_CONSTR_FOREIGN:
		b.foreign = append(b.foreign, con)
	case pg_query.ConstrType_CONSTR_EXCLUSION:
		return p.errorf(con.Location, "table %s: EXCLUDE constraints are not supported", b.t.QName())
	default:
		return p.errorf(con.Location, "table %s: unsupported table constraint %s", b.t.QName(), con.Contype)
	}
	return nil
}

// buildConstraints names and adds the queued constraints in PostgreSQL's order.
func (p *sqlParser) buildConstraints(b *tableBuild) error {
	t := b.t
	sc := p.scope(t.Schema)
	for _, con := range b.checks {
		if err := p.addCheck(b, sc, con); err != nil {
			return err
		}
	}
	// The primary key's index is created first, then the unique ones.
	var ordered []*pg_query.Constraint
	for _, con := range b.keys {
		if con.Contype == pg_query.ConstrType_CONSTR_PRIMARY {
			ordered = append(ordered, con)
		}
	}
	for _, con := range b.keys {
		if con.Contype != pg_query.ConstrType_CONSTR_PRIMARY {
			ordered = append(ordered, con)
		}
	}
	keys, err := p.mergeDuplicateKeys(b, ordered)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := p.addKey(b, sc, k); err != nil {
			return err
		}
	}
	for _, con := range b.foreign {
		if err := p.addForeignKey(b, sc, con); err != nil {
			return err
		}
	}
	return nil
}

// keyConstraint is a primary key or unique constraint being built.
type keyConstraint struct {
	con     *pg_query.Constraint
	primary bool
	name    string
	cols    []string
}

// mergeDuplicateKeys drops a CREATE TABLE's key constraints that repeat an
// earlier one (same columns and deferrability), as PostgreSQL's
// transformIndexConstraints does: "id int PRIMARY KEY UNIQUE" makes only the
// primary key. An unnamed survivor takes a later duplicate's name.
func (p *sqlParser) mergeDuplicateKeys(b *tableBuild, cons []*pg_query.Constraint) ([]*keyConstraint, error) {
	var out []*keyConstraint
	for _, con := range cons {
		k := &keyConstraint{con: con, primary: con.Contype == pg_query.ConstrType_CONSTR_PRIMARY, name: con.Conname}
		cols, err := p.strings(con.Keys)
		if err != nil {
			return nil, err
		}
		k.cols = cols
		merged := false
		if b.creating {
			for _, prev := range out {
				if equalStrings(prev.cols, k.cols) && prev.con.Deferrable == con.Deferrable && prev.con.Initdeferred == con.Initdeferred && len(con.Including) == 0 && len(prev.con.Including) == 0 {
					if prev.name == "" {
						prev.name = k.name
					}
					merged = true
					break
				}
			}
		}
		if !merged {
			out = append(out, k)
		}
	}
	return out, nil
}

// addCheck adds one check constraint.
func (p *sqlParser) addCheck(b *tableBuild, sc *nameScope, con *pg_query.Constraint) error {
	t := b.t
	if con.SkipValidation {
		return p.errorf(con.Location, "table %s: NOT VALID is not part of a desired schema; remove it (tide adds constraints NOT VALID and validates them itself)", t.QName())
	}
	expr, err := p.expr(con.RawExpr, "table "+t.QName().String()+" CHECK")
	if err != nil {
		return err
	}
	name := con.Conname
	if name == "" {
		name = sc.checkName(t.Name, referencedColumns(con.RawExpr))
	} else if err := p.claimConstraint(sc, t, name, con.Location); err != nil {
		return err
	}
	t.Checks = append(t.Checks, &schema.Check{Name: name, Expr: expr, NoInherit: con.IsNoInherit, Pos: p.posOf(con.Location)})
	return nil
}

// claimConstraint records a user-named constraint, or reports a clash.
func (p *sqlParser) claimConstraint(sc *nameScope, t *schema.Table, name string, loc int32) error {
	// PostgreSQL wants constraint names unique per table; the schema-wide
	// record only keeps generated names from colliding, as PostgreSQL does.
	if hasConstraint(t, name) {
		return p.errorf(loc, "table %s: constraint %q is defined twice", t.QName(), name)
	}
	sc.constraints[name] = true
	return nil
}

// addKey adds a primary key or unique constraint.
func (p *sqlParser) addKey(b *tableBuild, sc *nameScope, k *keyConstraint) error {
	t, con := b.t, k.con
	kind := "UNIQUE"
	if k.primary {
		kind = "PRIMARY KEY"
	}
	switch {
	case len(con.Including) > 0:
		return p.errorf(con.Location, "table %s: %s … INCLUDE is not supported; use a unique index with include", t.QName(), kind)
	case con.NullsNotDistinct:
		return p.errorf(con.Location, "table %s: UNIQUE NULLS NOT DISTINCT is not supported", t.QName())
	case len(con.Options) > 0 || con.Indexspace != "":
		return p.errorf(con.Location, "table %s: %s storage options (WITH, USING INDEX TABLESPACE) are not supported; remove them", t.QName(), kind)
	case con.Indexname != "":
		return p.errorf(con.Location, "table %s: %s USING INDEX is not supported; declare the constraint with its columns", t.QName(), kind)
	}
	for _, col := range k.cols {
		if t.Column(col) == nil {
			return p.errorf(con.Location, "table %s: %s names column %q, which the table does not have", t.QName(), kind, col)
		}
	}
	if k.primary {
		if t.PrimaryKey != nil {
			return p.errorf(con.Location, "table %s: multiple primary keys are not allowed", t.QName())
		}
		if con.Deferrable {
			return p.errorf(con.Location, "table %s: a DEFERRABLE primary key is not supported", t.QName())
		}
		name := k.name
		if name == "" {
			name = sc.primaryKeyName(t.Name)
		} else if err := p.claimKeyName(sc, t, name, con.Location); err != nil {
			return err
		}
		t.PrimaryKey = &schema.PrimaryKey{Name: name, Columns: k.cols, Pos: p.posOf(con.Location)}
		for _, col := range k.cols {
			t.Column(col).Nullable = false
		}
		return nil
	}
	name := k.name
	if name == "" {
		name = sc.uniqueName(t.Name, k.cols)
	} else if err := p.claimKeyName(sc, t, name, con.Location); err != nil {
		return err
	}
	t.Uniques = append(t.Uniques, &schema.Unique{Name: name, Columns: k.cols, Deferrable: con.Deferrable, InitiallyDeferred: con.Initdeferred, Pos: p.posOf(con.Location)})
	return nil
}

// claimKeyName records a user-named key constraint, whose index is a relation.
func (p *sqlParser) claimKeyName(sc *nameScope, t *schema.Table, name string, loc int32) error {
	if sc.constraintIndexTaken(name) {
		return p.errorf(loc, "table %s: the name %q is already used by a relation or constraint in schema %s", t.QName(), name, t.Schema)
	}
	sc.relations[name], sc.constraints[name] = true, true
	return nil
}

// fkActions maps pg_query's referential action codes to the model's.
var fkActions = map[string]string{
	"":  "",
	"a": "",
	"r": schema.ActionRestrict,
	"c": schema.ActionCascade,
	"n": schema.ActionSetNull,
	"d": schema.ActionSetDefault,
}

// addForeignKey adds a foreign key.
func (p *sqlParser) addForeignKey(b *tableBuild, sc *nameScope, con *pg_query.Constraint) error {
	t := b.t
	switch {
	case con.SkipValidation:
		return p.errorf(con.Location, "table %s: NOT VALID is not part of a desired schema; remove it (tide adds foreign keys NOT VALID and validates them itself)", t.QName())
	case con.FkMatchtype != "" && con.FkMatchtype != "s":
		return p.errorf(con.Location, "table %s: MATCH FULL / MATCH PARTIAL foreign keys are not supported", t.QName())
	case len(con.FkDelSetCols) > 0:
		return p.errorf(con.Location, "table %s: ON DELETE SET NULL/DEFAULT with a column list is not supported", t.QName())
	}
	cols, err := p.strings(con.FkAttrs)
	if err != nil {
		return err
	}
	refCols, err := p.strings(con.PkAttrs)
	if err != nil {
		return err
	}
	ref, err := p.qnameOf(con.Pktable)
	if err != nil {
		return err
	}
	for _, col := range cols {
		if t.Column(col) == nil {
			return p.errorf(con.Location, "table %s: FOREIGN KEY names column %q, which the table does not have", t.QName(), col)
		}
	}
	if len(refCols) > 0 && len(refCols) != len(cols) {
		return p.errorf(con.Location, "table %s: the foreign key has %d columns but references %d", t.QName(), len(cols), len(refCols))
	}
	onDelete, ok1 := fkActions[con.FkDelAction]
	onUpdate, ok2 := fkActions[con.FkUpdAction]
	if !ok1 || !ok2 {
		return p.errorf(con.Location, "table %s: unknown referential action", t.QName())
	}
	name := con.Conname
	if name == "" {
		name = sc.foreignKeyName(t.Name, cols)
	} else if err := p.claimConstraint(sc, t, name, con.Location); err != nil {
		return err
	}
	t.ForeignKeys = append(t.ForeignKeys, &schema.ForeignKey{
		Name: name, Columns: cols, RefSchema: ref.Schema, RefTable: ref.Name, RefColumns: refCols,
		OnDelete: onDelete, OnUpdate: onUpdate,
		Deferrable: con.Deferrable, InitiallyDeferred: con.Initdeferred,
		Pos: p.posOf(con.Location),
	})
	return nil
}

// alterTable handles ALTER TABLE … ADD COLUMN / ADD CONSTRAINT on a table
// created earlier in the same file.
func (p *sqlParser) alterTable(st *pg_query.AlterTableStmt) error {
	q, err := p.qnameOf(st.Relation)
	if err != nil {
		return err
	}
	if st.Objtype != pg_query.ObjectType_OBJECT_TABLE {
		return p.errorf(-1, "unsupported ALTER %s %s: only ALTER TABLE … ADD is supported", st.Objtype, q)
	}
	t := p.table(q)
	if t == nil {
		return p.errorf(-1, "ALTER TABLE %s: the table is not created earlier in this file; put the ALTER after its CREATE TABLE", q)
	}
	for _, n := range st.Cmds {
		cmd := n.GetAlterTableCmd()
		if cmd == nil {
			return p.errorf(-1, "ALTER TABLE %s: unsupported subcommand", q)
		}
		b := &tableBuild{t: t}
		switch cmd.Subtype {
		case pg_query.AlterTableType_AT_AddColumn:
			cd := cmd.GetDef().GetColumnDef()
			if cd == nil {
				return p.errorf(-1, "ALTER TABLE %s ADD COLUMN: missing column definition", q)
			}
			if cmd.MissingOk && t.Column(cd.Colname) != nil {
				continue // ADD COLUMN IF NOT EXISTS of a column that exists
			}
			if err := p.column(b, cd); err != nil {
				return err
			}
		case pg_query.AlterTableType_AT_AddConstraint:
			con := cmd.GetDef().GetConstraint()
			if con == nil {
				return p.errorf(-1, "ALTER TABLE %s ADD CONSTRAINT: missing constraint", q)
			}
			if err := p.tableConstraint(b, con); err != nil {
				return err
			}
		default:
			return p.errorf(-1, "unsupported ALTER TABLE %s subcommand %s: only ADD COLUMN and ADD CONSTRAINT are supported in SQL files", q, cmd.Subtype)
		}
		if err := p.buildConstraints(b); err != nil {
			return err
		}
	}
	return nil
}

// equalStrings reports whether two string slices are equal.
func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// deparseTypeForMessage prints a parsed type for an error message.
func deparseTypeForMessage(tn *pg_query.TypeName) string {
	return printTypeCached(tn, printTypeName)
}

// printTypeName prints a type name through pg_query's deparser.
func printTypeName(tn *pg_query.TypeName) string {
	s, err := deparseExpr(&pg_query.Node{Node: &pg_query.Node_TypeCast{TypeCast: &pg_query.TypeCast{
		Arg:      &pg_query.Node{Node: &pg_query.Node_AConst{AConst: &pg_query.A_Const{Isnull: true}}},
		TypeName: tn,
	}}})
	if err != nil {
		return "?"
	}
	if _, after, ok := strings.Cut(s, "::"); ok {
		return after
	}
	return s
}
