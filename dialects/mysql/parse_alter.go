package mysql

import (
	"fmt"
	"slices"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/tidedb/tide/schema"
)

// alterSpecNames names the ALTER TABLE clauses SQL files may not use.
var alterSpecNames = map[ast.AlterTableType]string{
	ast.AlterTableDropColumn: "DROP COLUMN", ast.AlterTableDropPrimaryKey: "DROP PRIMARY KEY",
	ast.AlterTableDropIndex: "DROP INDEX", ast.AlterTableDropForeignKey: "DROP FOREIGN KEY",
	ast.AlterTableModifyColumn: "MODIFY COLUMN", ast.AlterTableChangeColumn: "CHANGE COLUMN",
	ast.AlterTableRenameColumn: "RENAME COLUMN", ast.AlterTableRenameTable: "RENAME TO",
	ast.AlterTableAlterColumn: "ALTER COLUMN", ast.AlterTableRenameIndex: "RENAME INDEX",
	ast.AlterTableDropCheck: "DROP CHECK", ast.AlterTableAlterCheck: "ALTER CHECK",
	ast.AlterTableIndexInvisible: "ALTER INDEX … VISIBLE/INVISIBLE", ast.AlterTableForce: "FORCE",
	ast.AlterTableEnableKeys: "ENABLE KEYS", ast.AlterTableDisableKeys: "DISABLE KEYS",
	ast.AlterTableOrderByColumns: "ORDER BY", ast.AlterTableWriteable: "READ ONLY/WRITE",
}

// alterTable handles ALTER TABLE on a table created earlier in the file:
// ADD COLUMN (with FIRST / AFTER), ADD INDEX / KEY / UNIQUE / FULLTEXT,
// ADD [CONSTRAINT] PRIMARY KEY / FOREIGN KEY / CHECK, and table options.
// ALGORITHM= and LOCK= say how the server runs the statement and are
// ignored; any other clause is an error naming it.
func (p *sqlParser) alterTable(st *ast.AlterTableStmt) error {
	q := p.qname(st.Table)
	what := fmt.Sprintf("ALTER TABLE %s", q)
	ts := p.tables[q]
	if ts == nil {
		return p.errorf(p.stmtStart, "%s: the table is not created earlier in this file; put the ALTER after its CREATE TABLE", what)
	}
	if err := p.rejectNational(what); err != nil {
		return err
	}
	e := p.edit(ts)
	for _, spec := range st.Specs {
		var err error
		switch spec.Tp {
		case ast.AlterTableAddColumns:
			err = e.addColumns(spec)
		case ast.AlterTableAddConstraint:
			err = e.constraint(spec.Constraint, p.stmtStart)
		case ast.AlterTableOption:
			err = e.tableOptions(spec.Options, what)
		case ast.AlterTableLock, ast.AlterTableAlgorithm:
		default:
			name, ok := alterSpecNames[spec.Tp]
			if !ok {
				name = "this clause"
			}
			err = p.errorf(p.stmtStart, "%s: %s is not supported in SQL files (only ADD COLUMN, ADD INDEX/KEY, ADD CONSTRAINT and table options are); write the table's final definition in its CREATE TABLE", what, name)
		}
		if err != nil {
			return err
		}
	}
	return e.commit()
}

// addColumns handles ADD COLUMN, placing the columns FIRST or AFTER a
// column when the clause says so.
func (e *tableEdit) addColumns(spec *ast.AlterTableSpec) error {
	off := e.p.stmtStart
	at := len(e.t.Columns)
	if pos := spec.Position; pos != nil {
		switch pos.Tp {
		case ast.ColumnPositionFirst:
			at = 0
		case ast.ColumnPositionAfter:
			i := slices.IndexFunc(e.t.Columns, func(c *schema.Column) bool { return c.Name == pos.RelativeColumn.Name.O })
			if i < 0 {
				return e.errorf(off, "ADD COLUMN … AFTER %s: there is no column %q", pos.RelativeColumn.Name.O, pos.RelativeColumn.Name.O)
			}
			at = i + 1
		}
	}
	for _, cd := range spec.NewColumns {
		c, err := e.column(cd, off)
		if err != nil {
			return err
		}
		e.t.Columns = slices.Insert(e.t.Columns, at, c)
		at++
	}
	for _, con := range spec.NewConstraints {
		if err := e.constraint(con, off); err != nil {
			return err
		}
	}
	return nil
}
