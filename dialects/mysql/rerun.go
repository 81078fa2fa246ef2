package mysql

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// Steps that can be run again after a stop
//
// MySQL and MariaDB commit each DDL statement by itself, and a statement
// the server started runs to its end even when the client that sent it
// dies. A step stopped by a crash, a kill or a failure can therefore have
// run some of its statements, and the last one sent may have taken effect
// after the client was gone. Running such a statement again fails (ADD
// COLUMN with 1060, ADD INDEX with 1061, DROP … with 1091, …), and MySQL 8
// has no IF [NOT] EXISTS for columns, indexes or constraints.
//
// So each statement of a non-transactional step gets a done probe
// (Action.DoneProbes): a query on information_schema, valid on both
// flavors, that returns a row iff the statement's effect is in place. The
// probe is derived here, in one place, from the statement tide rendered,
// parsed again with the TiDB parser. Its conditions are the effects of the
// statement's clauses — a statement is atomic, so one effect found proves
// them all; all are checked:
//
//   - ADD COLUMN, ADD KEY, ADD PRIMARY KEY, ADD CONSTRAINT … CHECK, CREATE
//     TABLE, CREATE DATABASE, CREATE TRIGGER: the object exists; DROP …,
//     DROP TABLE, DROP DATABASE, DROP TRIGGER: it does not; RENAME COLUMN,
//     RENAME INDEX, RENAME TABLE: the new name exists and the old one not.
//     An index renamed to its own name (a pin, recipes_fkindex_generated.go)
//     adds no condition: it exists before the step too.
//   - ADD CONSTRAINT … FOREIGN KEY: a foreign key of that name with the
//     statement's columns, referenced table and columns and rules — its
//     name may exist before the step (a foreign key replaced by a DROP in an
//     earlier statement of the step).
//   - An object dropped and added again under its name, in the same
//     statement or an earlier one of the step (DROP INDEX i, ADD KEY i …;
//     DROP PRIMARY KEY, ADD PRIMARY KEY …; DROP COLUMN c, ADD COLUMN c …):
//     the object with its new definition — key parts, prefix lengths, order,
//     uniqueness and index type; a column's generated kind and nullability.
//     Where that cannot be read back (an expression key part, a check's
//     expression), the clause adds no condition: such a replacement succeeds
//     when run again.
//   - MODIFY COLUMN, CHANGE COLUMN under the same name, ALTER COLUMN … SET
//     or DROP DEFAULT, table options, ALGORITHM and LOCK, and anything said
//     IF [NOT] EXISTS succeed when run again and add no condition — except a
//     MODIFY of a column an earlier statement of the step added, which is
//     checked on what it changes of that column's generated kind or
//     nullability, so that it can prove the earlier statement ran too.
//   - A drop of an object an earlier statement of the step created (a
//     temporary object) adds no condition: its absence is also the state
//     before the step.
//
// A statement with no condition has no probe: it is run again. Each probe
// finds nothing before its step started and after each earlier statement
// of the step, so the executor, which runs them only when an earlier
// attempt of the step stopped, can look from the last statement back and
// skip every statement up to the last one found done.

// withDoneProbes gives the non-transactional actions their done probes.
// A statement the probes cannot read keeps none (it is run again, as
// before probes existed); TestDoneProbesCoverRecipes holds every statement
// the recipes render readable.
func withDoneProbes(database string, actions []dialects.Action) {
	for i := range actions {
		a := &actions[i]
		if a.Transactional || a.Backfill != nil || len(a.Statements) == 0 {
			continue
		}
		probes, _ := doneProbes(database, a.Statements)
		for _, p := range probes {
			if p != "" {
				a.DoneProbes = probes
				break
			}
		}
	}
}

// doneProbes returns the done probe of each statement of one step, in
// order ("" = none), and an error naming each statement it could not read;
// database is the one unqualified names are in.
func doneProbes(database string, stmts []string) ([]string, error) {
	st := &stepState{database: database, dropped: map[string]bool{}, created: map[string]bool{}, shapes: map[string]colShape{}}
	out := make([]string, len(stmts))
	var errs []error
	for i, s := range stmts {
		p, err := st.probe(s)
		if err != nil {
			errs = append(errs, fmt.Errorf("statement %d of %d (%s): %w", i+1, len(stmts), oneLineSQL(s), err))
			continue
		}
		out[i] = p
	}
	return out, errors.Join(errs...)
}

// oneLineSQL shortens a statement for an error message.
func oneLineSQL(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// stepState is what the earlier statements of a step did, as the probes of
// the later ones need it.
type stepState struct {
	// database is the connection's: the database of unqualified names.
	database string
	// dropped holds the objects (objectKey) an earlier statement dropped.
	dropped map[string]bool
	// created holds the objects an earlier statement created: dropping one
	// of them again leaves it as it was before the step, so that drop's
	// effect is no proof that it ran, and it adds no condition.
	created map[string]bool
	// shapes holds what earlier statements made of columns (objectKey).
	shapes map[string]colShape
}

// colShape is what a probe can read back of a column definition.
type colShape struct {
	gen      string // "", "VIRTUAL" or "STORED"
	nullable string // "YES", "NO" or "" (not said)
}

// probeTable is a table as a statement names it; an empty schema is the
// connection's database.
type probeTable struct{ schema, name string }

func refOf(n *ast.TableName) probeTable { return probeTable{schema: n.Schema.O, name: n.Name.O} }

// schemaSQL is the table's database as SQL.
func (t probeTable) schemaSQL() string {
	if t.schema == "" {
		return "DATABASE()"
	}
	return quoteLiteral(t.schema)
}

// where is the condition on TABLE_SCHEMA (or schemaCol) and TABLE_NAME.
func (t probeTable) where(schemaCol string) string {
	return schemaCol + " = " + t.schemaSQL() + " AND TABLE_NAME = " + quoteLiteral(t.name)
}

// tableKey identifies table t among the step's statements, unqualified or
// not.
func (st *stepState) tableKey(t probeTable) string {
	db := t.schema
	if db == "" {
		db = st.database
	}
	return strings.ToLower(db) + "." + strings.ToLower(t.name)
}

// objectKey identifies an object of table t: kind is col, idx, pk, fk or
// chk. Column, index and constraint names are case-insensitive.
func (st *stepState) objectKey(t probeTable, kind, name string) string {
	return st.tableKey(t) + "|" + kind + "|" + strings.ToLower(name)
}

// probe returns the done probe of one statement ("" = none) and records
// what it does for the later statements of the step.
func (st *stepState) probe(stmt string) (string, error) {
	var conds []string
	if trg, ok, err := readTrigger(stmt); ok || err != nil {
		if err != nil || trg.idempotent {
			return "", err
		}
		t := probeTable{schema: trg.name.Schema}
		cond := "EXISTS (SELECT 1 FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = " + t.schemaSQL() +
			" AND TRIGGER_NAME = " + quoteLiteral(trg.name.Name) + ")"
		conds = st.createOrDrop(conds, "trg|"+st.tableKey(probeTable{schema: trg.name.Schema, name: trg.name.Name}), trg.create, cond)
		return probeSQL(conds), nil
	}
	nodes, err := parseStatements(stmt)
	if err != nil {
		return "", fmt.Errorf("the TiDB parser cannot read it: %v", syntaxMessage(err))
	}
	if len(nodes) != 1 {
		return "", fmt.Errorf("%d statements where one was expected", len(nodes))
	}
	switch n := nodes[0].(type) {
	case *ast.AlterTableStmt:
		conds, err = st.alter(n)
	case *ast.CreateTableStmt:
		if !n.IfNotExists {
			conds = st.createOrDrop(conds, "tbl|"+st.tableKey(refOf(n.Table)), true, tableExists(refOf(n.Table)))
		}
	case *ast.DropTableStmt:
		if !n.IfExists && !n.IsView {
			for _, t := range n.Tables {
				conds = st.createOrDrop(conds, "tbl|"+st.tableKey(refOf(t)), false, tableExists(refOf(t)))
			}
		}
	case *ast.RenameTableStmt:
		for _, tt := range n.TableToTables {
			conds = st.createOrDrop(conds, "tbl|"+st.tableKey(refOf(tt.NewTable)), true, tableExists(refOf(tt.NewTable)))
			conds = st.createOrDrop(conds, "tbl|"+st.tableKey(refOf(tt.OldTable)), false, tableExists(refOf(tt.OldTable)))
		}
	case *ast.CreateDatabaseStmt:
		if !n.IfNotExists {
			conds = st.createOrDrop(conds, "db|"+strings.ToLower(n.Name.O), true, schemaExists(n.Name.O))
		}
	case *ast.DropDatabaseStmt:
		if !n.IfExists {
			conds = st.createOrDrop(conds, "db|"+strings.ToLower(n.Name.O), false, schemaExists(n.Name.O))
		}
	case *ast.CreateIndexStmt:
		if !n.IfNotExists {
			t := refOf(n.Table)
			conds = st.createOrDrop(conds, st.objectKey(t, "idx", n.IndexName), true, indexExists(t, n.IndexName))
		}
	case *ast.DropIndexStmt:
		if !n.IfExists {
			t := refOf(n.Table)
			conds = st.createOrDrop(conds, st.objectKey(t, "idx", n.IndexName), false, indexExists(t, n.IndexName))
		}
	default:
		return "", fmt.Errorf("%T is not a DDL statement tide knows how to probe", n)
	}
	if err != nil {
		return "", err
	}
	return probeSQL(conds), nil
}

// probeSQL is the query that returns a row iff all conds hold ("" for no
// condition).
func probeSQL(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "SELECT 1 FROM DUAL WHERE " + strings.Join(conds, "\n  AND ")
}

// createOrDrop appends the condition that object key, whose existence
// exists tests, was created (create) or dropped, and records it for the
// later statements; a drop of an object an earlier statement of the step
// created adds none (see stepState.created).
func (st *stepState) createOrDrop(conds []string, key string, create bool, exists string) []string {
	if create {
		st.created[key] = true
		return append(conds, exists)
	}
	st.dropped[key] = true
	if st.created[key] {
		return conds
	}
	return append(conds, "NOT "+exists)
}

// alterEffects collects the effect of each object an ALTER TABLE
// changes, the last clause on an object deciding.
type alterEffects struct {
	order []string
	conds map[string]string
	// added holds the objects the statement adds (or renames to).
	added map[string]bool
}

func (e *alterEffects) set(key, cond string) {
	if _, ok := e.conds[key]; !ok {
		e.order = append(e.order, key)
	}
	e.conds[key] = cond
}

// add records the effect of a clause that adds object key.
func (e *alterEffects) add(key, cond string) {
	e.added[key] = true
	e.set(key, cond)
}

// alter returns the conditions of an ALTER TABLE (see the top of the file).
func (st *stepState) alter(n *ast.AlterTableStmt) ([]string, error) {
	t := refOf(n.Table)
	var conds []string
	for _, sp := range n.Specs {
		if sp.Tp == ast.AlterTableRenameTable {
			to := refOf(sp.NewTable)
			conds = append(conds, tableExists(to), "NOT "+tableExists(t))
			t = to // the other clauses' effects are found under the new name
		}
	}
	e := &alterEffects{conds: map[string]string{}, added: map[string]bool{}}
	dropped := map[string]bool{} // dropped by this statement or an earlier one
	for k := range st.dropped {
		dropped[k] = true
	}
	drop := func(key, cond string) {
		dropped[key] = true
		if st.created[key] {
			cond = "" // see stepState.created
		}
		e.set(key, cond)
	}
	for _, sp := range n.Specs {
		switch sp.Tp {
		case ast.AlterTableRenameTable, ast.AlterTableAlgorithm, ast.AlterTableLock, ast.AlterTableOption,
			ast.AlterTableAlterColumn, ast.AlterTableForce, ast.AlterTableIndexInvisible:
			// Run again, these succeed and change nothing more.
		case ast.AlterTableModifyColumn:
			st.modify(t, sp.NewColumns[0], e)
		case ast.AlterTableChangeColumn:
			from, to := sp.OldColumnName.Name.O, sp.NewColumns[0].Name.Name.O
			if strings.EqualFold(from, to) || sp.IfExists {
				st.modify(t, sp.NewColumns[0], e)
				continue
			}
			drop(st.objectKey(t, "col", from), "NOT "+columnExists(t, from, colShape{}))
			e.add(st.objectKey(t, "col", to), columnExists(t, to, colShape{}))
			st.shapes[st.objectKey(t, "col", to)] = shapeOf(sp.NewColumns[0])
		case ast.AlterTableAddColumns:
			if sp.IfNotExists {
				continue
			}
			for _, c := range sp.NewColumns {
				key, shape := st.objectKey(t, "col", c.Name.Name.O), shapeOf(c)
				if dropped[key] {
					e.add(key, columnExists(t, c.Name.Name.O, shape))
				} else {
					e.add(key, columnExists(t, c.Name.Name.O, colShape{}))
				}
				st.shapes[key] = shape
			}
		case ast.AlterTableDropColumn:
			if !sp.IfExists {
				name := sp.OldColumnName.Name.O
				drop(st.objectKey(t, "col", name), "NOT "+columnExists(t, name, colShape{}))
			}
		case ast.AlterTableRenameColumn:
			from, to := sp.OldColumnName.Name.O, sp.NewColumnName.Name.O
			drop(st.objectKey(t, "col", from), "NOT "+columnExists(t, from, colShape{}))
			e.add(st.objectKey(t, "col", to), columnExists(t, to, colShape{}))
		case ast.AlterTableDropPrimaryKey:
			drop(st.objectKey(t, "pk", ""), "NOT "+indexExists(t, "PRIMARY"))
		case ast.AlterTableDropIndex:
			if !sp.IfExists {
				drop(st.objectKey(t, "idx", sp.Name), "NOT "+indexExists(t, sp.Name))
			}
		case ast.AlterTableDropForeignKey:
			if !sp.IfExists {
				drop(st.objectKey(t, "fk", sp.Name), "NOT "+constraintExists(t, sp.Name, "FOREIGN KEY"))
			}
		case ast.AlterTableDropCheck:
			// DROP CONSTRAINT and DROP CHECK: tide drops only checks so.
			drop(st.objectKey(t, "chk", sp.Constraint.Name), "NOT "+constraintExists(t, sp.Constraint.Name, "CHECK"))
		case ast.AlterTableRenameIndex:
			from, to := sp.FromKey.O, sp.ToKey.O
			if strings.EqualFold(from, to) {
				// A pin (recipes_fkindex_generated.go): the index under its
				// name is also the state before the step.
				continue
			}
			drop(st.objectKey(t, "idx", from), "NOT "+indexExists(t, from))
			e.add(st.objectKey(t, "idx", to), indexExists(t, to))
		case ast.AlterTableAddConstraint:
			if err := st.addConstraint(t, sp.Constraint, dropped, e); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("ALTER TABLE clause %s is not one tide knows how to probe", alterClauseName(sp.Tp))
		}
	}
	for key := range dropped {
		st.dropped[key] = true
	}
	for key := range e.added {
		st.created[key] = true
	}
	for _, key := range e.order {
		if c := e.conds[key]; c != "" {
			conds = append(conds, c)
		}
	}
	return conds, nil
}

// alterClauseName names an ALTER TABLE clause kind for an error.
func alterClauseName(tp ast.AlterTableType) string {
	if name, ok := alterSpecNames[tp]; ok {
		return name
	}
	return fmt.Sprintf("#%d", tp)
}

// modify handles MODIFY COLUMN (and CHANGE COLUMN under the same name):
// it succeeds when run again, so it adds a condition only for a column an
// earlier statement of the step added — on what it changes of it.
func (st *stepState) modify(t probeTable, c *ast.ColumnDef, e *alterEffects) {
	key, shape := st.objectKey(t, "col", c.Name.Name.O), shapeOf(c)
	before, ok := st.shapes[key]
	st.shapes[key] = shape
	if !ok {
		return
	}
	var want colShape
	if before.gen != shape.gen {
		want.gen = shape.gen
		if shape.gen == "" {
			want.gen = "none"
		}
	}
	if before.nullable != shape.nullable && shape.nullable != "" {
		want.nullable = shape.nullable
	}
	if want != (colShape{}) {
		e.set(key, columnExists(t, c.Name.Name.O, want))
	}
}

// addConstraint records the effect of ALTER TABLE … ADD of a key or a
// constraint; dropped holds the objects dropped earlier in the statement
// or the step, whose new definition is checked.
func (st *stepState) addConstraint(t probeTable, c *ast.Constraint, dropped map[string]bool, e *alterEffects) error {
	if c.IfNotExists {
		return nil
	}
	switch c.Tp {
	case ast.ConstraintPrimaryKey:
		key := st.objectKey(t, "pk", "")
		if dropped[key] {
			e.add(key, indexDefinition(t, "PRIMARY", c))
		} else {
			e.add(key, indexExists(t, "PRIMARY"))
		}
	case ast.ConstraintKey, ast.ConstraintIndex, ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex, ast.ConstraintFulltext:
		if c.Name == "" {
			return errors.New("an unnamed key: tide names every key it adds")
		}
		key := st.objectKey(t, "idx", c.Name)
		if dropped[key] {
			e.add(key, indexDefinition(t, c.Name, c))
		} else {
			e.add(key, indexExists(t, c.Name))
		}
	case ast.ConstraintForeignKey:
		if c.Name == "" || c.Refer == nil {
			return errors.New("an unnamed foreign key: tide names every foreign key it adds")
		}
		e.add(st.objectKey(t, "fk", c.Name), foreignKeyDefinition(t, c))
	case ast.ConstraintCheck:
		if c.Name == "" {
			return errors.New("an unnamed check: tide names every check it adds")
		}
		key := st.objectKey(t, "chk", c.Name)
		if dropped[key] {
			e.add(key, "") // its new expression cannot be compared reliably; a replacement runs again
		} else {
			e.add(key, constraintExists(t, c.Name, "CHECK"))
		}
	default:
		return fmt.Errorf("ADD of constraint kind #%d is not one tide knows how to probe", c.Tp)
	}
	return nil
}

// shapeOf reads a column definition's generated kind and nullability.
func shapeOf(c *ast.ColumnDef) colShape {
	var s colShape
	for _, o := range c.Options {
		switch o.Tp {
		case ast.ColumnOptionGenerated:
			s.gen = "VIRTUAL"
			if o.Stored {
				s.gen = "STORED"
			}
		case ast.ColumnOptionNotNull, ast.ColumnOptionPrimaryKey:
			s.nullable = "NO"
		case ast.ColumnOptionNull:
			s.nullable = "YES"
		}
	}
	return s
}

// tableExists is true when table t exists.
func tableExists(t probeTable) string {
	return "EXISTS (SELECT 1 FROM information_schema.TABLES WHERE " + t.where("TABLE_SCHEMA") + ")"
}

// schemaExists is true when database name exists.
func schemaExists(name string) string {
	return "EXISTS (SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " + quoteLiteral(name) + ")"
}

// columnExists is true when column name of t exists with the shape's
// generated kind ("none" = not generated) and nullability, where set.
func columnExists(t probeTable, name string, s colShape) string {
	q := "EXISTS (SELECT 1 FROM information_schema.COLUMNS WHERE " + t.where("TABLE_SCHEMA") + " AND COLUMN_NAME = " + quoteLiteral(name)
	switch s.gen {
	case "VIRTUAL", "STORED":
		q += " AND EXTRA LIKE '%" + s.gen + " GENERATED%'"
	case "none":
		q += " AND EXTRA NOT LIKE '%VIRTUAL GENERATED%' AND EXTRA NOT LIKE '%STORED GENERATED%'"
	}
	if s.nullable != "" {
		q += " AND IS_NULLABLE = " + quoteLiteral(s.nullable)
	}
	return q + ")"
}

// indexExists is true when index name of t exists ("PRIMARY" = the
// primary key).
func indexExists(t probeTable, name string) string {
	return "EXISTS (SELECT 1 FROM information_schema.STATISTICS WHERE " + t.where("TABLE_SCHEMA") + " AND INDEX_NAME = " + quoteLiteral(name) + ")"
}

// constraintExists is true when t has a constraint name of kind typ
// ("CHECK", "FOREIGN KEY").
func constraintExists(t probeTable, name, typ string) string {
	return "EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS WHERE " + t.where("TABLE_SCHEMA") +
		" AND CONSTRAINT_NAME = " + quoteLiteral(name) + " AND CONSTRAINT_TYPE = " + quoteLiteral(typ) + ")"
}

// indexDefinition is true when index name of t has exactly the key c
// defines: its parts in order (column, prefix length, DESC), uniqueness
// and index type. "" when a part is an expression, which the catalogs do
// not give back comparably.
func indexDefinition(t probeTable, name string, c *ast.Constraint) string {
	unique := c.Tp == ast.ConstraintPrimaryKey || c.Tp == ast.ConstraintUniq || c.Tp == ast.ConstraintUniqKey || c.Tp == ast.ConstraintUniqIndex
	typ := "BTREE"
	switch {
	case c.Tp == ast.ConstraintFulltext:
		typ = "FULLTEXT"
	case c.Option != nil && c.Option.Tp == ast.IndexTypeHash:
		typ = "HASH"
	case c.Option != nil && c.Option.Tp != ast.IndexTypeInvalid && c.Option.Tp != ast.IndexTypeBtree:
		return ""
	}
	var parts []string
	for i, k := range c.Keys {
		if k.Expr != nil || k.Column == nil {
			return ""
		}
		desc := "FALSE"
		if k.Desc {
			desc = "TRUE"
		}
		parts = append(parts, fmt.Sprintf("(%d, %s, %d, %s)", i+1, quoteLiteral(k.Column.Name.O), max(k.Length, 0), desc))
	}
	nonUnique := "1"
	if unique {
		nonUnique = "0"
	}
	from := "FROM information_schema.STATISTICS WHERE " + t.where("TABLE_SCHEMA") + " AND INDEX_NAME = " + quoteLiteral(name)
	return fmt.Sprintf("(SELECT COUNT(*) %s) = %d\n  AND (SELECT COUNT(*) %s AND NON_UNIQUE = %s AND INDEX_TYPE = %s"+
		" AND (SEQ_IN_INDEX, COLUMN_NAME, COALESCE(SUB_PART, 0), COALESCE(COLLATION, 'A') = 'D') IN (%s)) = %d",
		from, len(parts), from, nonUnique, quoteLiteral(typ), strings.Join(parts, ", "), len(parts))
}

// foreignKeyDefinition is true when t has foreign key c.Name with c's
// columns, referenced table and columns, and ON DELETE / ON UPDATE rules
// (RESTRICT, NO ACTION and none are one for InnoDB).
func foreignKeyDefinition(t probeTable, c *ast.Constraint) string {
	ref := refOf(c.Refer.Table)
	refSchema := ref.schemaSQL()
	if ref.schema == "" {
		refSchema = t.schemaSQL()
	}
	var pairs []string
	for i, k := range c.Keys {
		rc := ""
		if i < len(c.Refer.IndexPartSpecifications) && c.Refer.IndexPartSpecifications[i].Column != nil {
			rc = c.Refer.IndexPartSpecifications[i].Column.Name.O
		}
		col := ""
		if k.Column != nil {
			col = k.Column.Name.O
		}
		pairs = append(pairs, fmt.Sprintf("(%d, %s, %s)", i+1, quoteLiteral(col), quoteLiteral(rc)))
	}
	rule := func(o ast.ReferOptionType) string {
		switch o {
		case ast.ReferOptionCascade, ast.ReferOptionSetNull, ast.ReferOptionSetDefault:
			return "= " + quoteLiteral(o.String())
		}
		return "IN ('RESTRICT', 'NO ACTION')"
	}
	var onDelete, onUpdate ast.ReferOptionType
	if c.Refer.OnDelete != nil {
		onDelete = c.Refer.OnDelete.ReferOpt
	}
	if c.Refer.OnUpdate != nil {
		onUpdate = c.Refer.OnUpdate.ReferOpt
	}
	name := quoteLiteral(c.Name)
	keys := "FROM information_schema.KEY_COLUMN_USAGE WHERE " + t.where("TABLE_SCHEMA") + " AND CONSTRAINT_NAME = " + name +
		" AND REFERENCED_TABLE_NAME IS NOT NULL"
	return "EXISTS (SELECT 1 FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE " + t.where("CONSTRAINT_SCHEMA") +
		" AND CONSTRAINT_NAME = " + name + " AND UNIQUE_CONSTRAINT_SCHEMA = " + refSchema +
		" AND REFERENCED_TABLE_NAME = " + quoteLiteral(ref.name) +
		" AND DELETE_RULE " + rule(onDelete) + " AND UPDATE_RULE " + rule(onUpdate) + ")" +
		fmt.Sprintf("\n  AND (SELECT COUNT(*) %s) = %d", keys, len(pairs)) +
		fmt.Sprintf("\n  AND (SELECT COUNT(*) %s AND REFERENCED_TABLE_SCHEMA = %s AND (ORDINAL_POSITION, COLUMN_NAME, REFERENCED_COLUMN_NAME) IN (%s)) = %d",
			keys, refSchema, strings.Join(pairs, ", "), len(pairs))
}

// trigger is a CREATE TRIGGER or DROP TRIGGER statement.
type trigger struct {
	create bool
	name   schema.QName
	// idempotent is true for CREATE OR REPLACE, IF NOT EXISTS and IF
	// EXISTS, which run again as they are.
	idempotent bool
}

// readTrigger reads CREATE TRIGGER and DROP TRIGGER, which the TiDB parser
// does not know; ok is false for any other statement.
func readTrigger(stmt string) (trg trigger, ok bool, err error) {
	l := &lexer{src: stmt}
	first := l.next()
	if !first.is("CREATE") && !first.is("DROP") {
		return trg, false, nil
	}
	trg.create = first.is("CREATE")
	tok := l.next()
	for trg.create && !tok.is("TRIGGER") { // OR REPLACE, DEFINER = …
		switch {
		case tok.kind == tokEOF, tok.is("TABLE"), tok.is("DATABASE"), tok.is("SCHEMA"), tok.is("INDEX"), tok.is("PROCEDURE"),
			tok.is("FUNCTION"), tok.is("VIEW"), tok.is("EVENT"), tok.is("UNIQUE"), tok.is("FULLTEXT"), tok.is("SPATIAL"):
			return trg, false, nil
		case tok.is("REPLACE"):
			trg.idempotent = true
		}
		tok = l.next()
	}
	if !tok.is("TRIGGER") {
		return trg, false, nil
	}
	tok = l.next()
	if tok.is("IF") {
		trg.idempotent = true
		for tok.is("IF") || tok.is("NOT") || tok.is("EXISTS") {
			tok = l.next()
		}
	}
	if tok.kind != tokWord && tok.kind != tokIdent {
		return trg, true, errors.New("no trigger name after TRIGGER")
	}
	trg.name = schema.QName{Name: tok.text}
	if dot := l.next(); dot.kind == tokPunct && dot.text == "." {
		name := l.next()
		if name.kind != tokWord && name.kind != tokIdent {
			return trg, true, errors.New("no trigger name after the database name")
		}
		trg.name = schema.QName{Schema: tok.text, Name: name.text}
	}
	return trg, true, nil
}
