package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/dialects"
)

// tableBatch is a share of the managed tables and the rows the per-table
// queries (columns, constraints, indexes, index keys) return for it: a
// catalogTask, which catalogReader.assemble then adds to the schema.
type tableBatch struct {
	oids        []uint32 // pg_class oids; never nil (nil would be sent as NULL)
	all         []uint32 // the oids of all the tables read, of every batch
	columns     []columnRow
	constraints []constraintRow
	indexes     []indexRow
	parts       []indexPartRow
}

// columnRow is a row of queryColumns.
type columnRow struct {
	table               uint32
	attnum              int
	name, typ           string
	nullable, generated bool
	expr, identity      string
	collation           string
	badType             string // kind letter and name of a type tide cannot manage, or ""
}

// constraintRow is a row of queryConstraints.
type constraintRow struct {
	table, refTable             uint32
	name, kind                  string
	keys, refKeys               string // column numbers separated by spaces
	refNames                    []string
	refSchemaName, refTableName string
	onDelete, onUpdate, match   string
	setColumns                  bool
	deferrable, deferred        bool
	noInherit                   bool
	expr                        string
	index                       uint32
}

// indexRow is a row of queryIndexes.
type indexRow struct {
	table, index     uint32
	name             string
	unique           bool
	method, where    string
	atts, keyAtts    int
	nullsNotDistinct bool
	valid            bool
}

// indexPartRow is a row of queryIndexParts.
type indexPartRow struct {
	index            uint32
	position, attnum int
	expr             string
	desc, nullsFirst bool
	opclass          string
	collation        string
}

// catalogQuerier runs catalog queries in one transaction.
type catalogQuerier struct {
	db *Database
	tx pgx.Tx
}

// queryMode runs every catalog query as an unnamed statement, arguments and
// results as text, in one round trip. Each execution is planned with its
// arguments: a prepared statement would switch to a generic plan after five
// executions on a connection, and a generic plan of "x = ANY($1)" searches
// the array for every row instead of hashing it.
const queryMode = pgx.QueryExecModeExec

// query runs one catalog query and calls scan for each row.
func (q catalogQuerier) query(ctx context.Context, what, sql string, args []any, scan func(pgx.Rows) error) error {
	rows, err := q.tx.Query(ctx, sql, append([]any{queryMode}, args...)...)
	if err != nil {
		return q.db.readErr(what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return q.db.readErr(what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return q.db.readErr(what, err)
	}
	return nil
}

// fetch runs the per-table queries for the batch's tables.
func (b *tableBatch) fetch(ctx context.Context, q catalogQuerier, v dialects.Version) error {
	// Room for typical tables, to spare growing the slices row by row.
	b.columns = make([]columnRow, 0, 8*len(b.oids))
	b.constraints = make([]constraintRow, 0, 4*len(b.oids))
	b.indexes = make([]indexRow, 0, 4*len(b.oids))
	err := q.query(ctx, "columns", queryColumns(v), []any{b.oids}, func(rows pgx.Rows) error {
		b.columns = append(b.columns, columnRow{})
		c := &b.columns[len(b.columns)-1]
		return rows.Scan(&c.table, &c.attnum, &c.name, &c.typ, &c.nullable, &c.generated, &c.expr, &c.identity,
			&c.collation, &c.badType)
	})
	if err != nil {
		return err
	}
	err = q.query(ctx, "constraints", queryConstraints(v), []any{b.oids, b.all}, func(rows pgx.Rows) error {
		b.constraints = append(b.constraints, constraintRow{})
		c := &b.constraints[len(b.constraints)-1]
		return rows.Scan(&c.table, &c.name, &c.kind, &c.keys, &c.refSchemaName, &c.refTableName, &c.refTable, &c.refKeys,
			&c.refNames, &c.onDelete, &c.onUpdate, &c.match, &c.setColumns, &c.deferrable, &c.deferred, &c.noInherit,
			&c.expr, &c.index)
	})
	if err != nil {
		return err
	}
	err = q.query(ctx, "indexes", queryIndexes(v), []any{b.oids}, func(rows pgx.Rows) error {
		b.indexes = append(b.indexes, indexRow{})
		i := &b.indexes[len(b.indexes)-1]
		return rows.Scan(&i.table, &i.index, &i.name, &i.unique, &i.method, &i.where, &i.atts, &i.keyAtts,
			&i.nullsNotDistinct, &i.valid)
	})
	if err != nil {
		return err
	}
	reported := b.reportedIndexes()
	b.parts = make([]indexPartRow, 0, 2*len(reported))
	return q.query(ctx, "index keys", queryIndexParts, []any{reported}, func(rows pgx.Rows) error {
		b.parts = append(b.parts, indexPartRow{})
		p := &b.parts[len(b.parts)-1]
		return rows.Scan(&p.index, &p.position, &p.attnum, &p.expr, &p.desc, &p.nullsFirst, &p.opclass, &p.collation)
	})
}

// reportedIndexes returns the oids of the batch's indexes that are reported
// as indexes: valid and not backing a primary key, unique or exclusion
// constraint (catalogReader.addIndex decides the same).
func (b *tableBatch) reportedIndexes() []uint32 {
	backing := make(map[uint32]bool, len(b.constraints))
	for _, c := range b.constraints {
		if c.index != 0 {
			backing[c.index] = true
		}
	}
	oids := []uint32{}
	for _, i := range b.indexes {
		if i.valid && !backing[i.index] {
			oids = append(oids, i.index)
		}
	}
	return oids
}
