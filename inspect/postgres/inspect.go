package postgres

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/schema"
)

// inspectOnce is one attempt of Inspect. It reads every namespace, table,
// column, constraint, index, enum, sequence and view in scope into a schema,
// with a fixed number of queries inside one read-only repeatable-read
// transaction (a consistent snapshot), which a second connection of the
// pool shares to run half of them at the same time (see helper).
//
// Conventions of the result (the catalog's canonical form):
//   - "public" is never listed in Namespaces: it is the implicit default
//     schema, and the planner never drops it.
//   - Types are spelled by format_type with search_path = public: types in
//     public and pg_catalog unqualified, others "schema.name"; arrays "name[]".
//   - A serial column (its owned sequence <table>_<col>_seq with default
//     parameters feeding its default) is reported as serial / bigserial /
//     smallserial with no default, and its sequence is omitted.
//   - Every constraint and index has its name, default names included.
//   - A sequence of type bigint (the default) has Type ""; its numbers equal
//     to PostgreSQL's default for the sequence's type and direction are 0.
//
// Objects tide does not manage yet (partitioned tables, partitions,
// inheritance children, unlogged and foreign tables, materialised views,
// columns of domain, composite or range types, exclusion constraints, and
// a few constraint options) make Inspect fail with an error naming each of
// them; limit Options.Schemas to leave them out.
//
// Both connections wait at most timeout for each lock (see lockwait.go);
// with watch, a third one watches their lock waits, and the latest wait it
// saw is returned.
func (d *Database) inspectOnce(ctx context.Context, opts inspect.Options, timeout time.Duration, watch bool) (*schema.Schema, *lockWait, error) {
	conn, err := d.pool.Conn(ctx)
	if err != nil {
		return nil, nil, d.connectError(err)
	}
	defer conn.Close()
	// The helper and the watch start once this connection is taken: were
	// the pool limited to one connection, neither must be the one to get it.
	var w *lockWatch
	if watch {
		w = d.watchLockWaits(ctx, timeout)
	}
	settings := sessionSettings(timeout)
	h := d.startHelper(ctx, settings, w)
	defer h.stop()
	var out *schema.Schema
	err = conn.Raw(func(driverConn any) error {
		pc := driverConn.(*stdlib.Conn).Conn()
		w.add(pc.PgConn().PID())
		tx, snapshot, err := d.beginCatalogRead(ctx, pc, settings)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // read-only: nothing to undo
		defer h.stop()                                // first: the helper must not wait for this connection
		h.snapshot <- snapshot
		r := &catalogReader{db: d, q: catalogQuerier{db: d, tx: tx}, opts: opts, helper: h}
		out, err = r.read(ctx)
		return err
	})
	seen := w.end()
	if err != nil {
		return nil, seen, err
	}
	return out, seen, nil
}

// beginCatalogRead starts the inspection's transaction and exports its
// snapshot for the helper. Should the export fail (it writes a file on the
// server), the transaction is started again without one: the helper then
// gives up and this connection reads everything.
func (d *Database) beginCatalogRead(ctx context.Context, pc *pgx.Conn, settings string) (pgx.Tx, string, error) {
	opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
	tx, err := pc.BeginTx(ctx, opts)
	if err != nil {
		return nil, "", d.wrapErr("begin catalog snapshot", err)
	}
	var snapshot string
	var applied string
	err = tx.QueryRow(ctx, "SELECT pg_export_snapshot(), "+settings, queryMode).Scan(&snapshot, &applied)
	if err == nil {
		return tx, snapshot, nil
	}
	_ = tx.Rollback(ctx)
	if tx, err = pc.BeginTx(ctx, opts); err != nil {
		return nil, "", d.wrapErr("begin catalog snapshot", err)
	}
	if _, err := tx.Exec(ctx, "SELECT "+settings); err != nil {
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return nil, "", d.wrapErr("set up catalog snapshot", err)
	}
	return tx, "", nil
}

// sessionSettings is an SQL expression that makes the settings of each
// inspection transaction (set_config(..., true) lasts until its end):
//   - search_path = public: type names, regclass and expressions are printed
//     relative to the search path; with only public on it, everything else
//     is qualified.
//   - jit = off, as pg_dump has it: the catalog queries are estimated costly
//     enough to be compiled, which takes far longer (hundreds of
//     milliseconds per query) than running them.
//   - max_parallel_workers_per_gather = 0: a parallel worker is a new
//     backend that must load the catalog caches again, slower than scanning
//     the catalog alone.
//   - work_mem at least 64MB, so that the hashes over the catalog of a
//     database of many thousand tables stay in memory.
//   - lock_timeout: the lock timeout (see lockwait.go).
func sessionSettings(lockTimeout time.Duration) string {
	return `concat_ws(',', set_config('search_path', 'public', true), set_config('jit', 'off', true),
  set_config('max_parallel_workers_per_gather', '0', true),
  CASE WHEN pg_size_bytes(current_setting('work_mem')) < 64 * 1024 * 1024 THEN set_config('work_mem', '64MB', true) END,
  set_config('lock_timeout', '` + lockTimeoutSetting(lockTimeout) + `', true))`
}

// catalogReader holds one inspection's state while its queries run.
type catalogReader struct {
	db     *Database
	q      catalogQuerier
	opts   inspect.Options
	helper *helper

	out         *schema.Schema
	tables      map[uint32]*tableRow       // by pg_class oid, managed tables only
	tableOIDs   []uint32                   // the keys of tables, in the order of the tables query
	viewOIDs    []uint32                   // the views read
	conIndexes  map[uint32]constraintIndex // indexes of primary key, unique and exclusion constraints
	indexes     map[uint32]*reportedIndex  // by index oid, indexes not backing a constraint
	sequences   []sequenceRow
	unsupported []string
}

// tableRow is a managed table with the names of its columns by number, for
// naming the columns of constraints and indexes.
type tableRow struct {
	table     *schema.Table
	attnames  []string         // by attnum; "" for a dropped column
	columns   []*schema.Column // by attnum while the columns are read
	maxAttnum int              // the highest column number, to size the slices
}

// name renders the table's schema.name for messages.
func (t *tableRow) name() string { return qname(t.table.Schema, t.table.Name) }

// columnNames names the columns whose numbers attnums lists, separated by
// spaces, skipping unknown numbers.
func (t *tableRow) columnNames(attnums string) []string {
	names := make([]string, 0, strings.Count(attnums, " ")+1)
	n := 0
	for i := 0; i <= len(attnums); i++ {
		if i < len(attnums) && attnums[i] >= '0' && attnums[i] <= '9' {
			n = n*10 + int(attnums[i]-'0')
			continue
		}
		if n > 0 && n < len(t.attnames) && t.attnames[n] != "" {
			names = append(names, t.attnames[n])
		}
		n = 0
	}
	return names
}

// scope returns the $1, $2 arguments of the queries that select by schema.
func (r *catalogReader) scope() []any {
	var schemas any
	if r.opts.Schemas != nil {
		schemas = r.opts.Schemas
	}
	return []any{schemas, inspect.BookkeepingSchema}
}

// read runs the catalog queries and assembles the schema. The tables query
// decides which tables and views are read; the rest is three tasks, the
// per-table queries for each half of the tables and the other queries, run
// by this connection and the helper's at once (by this one alone if the
// helper could not start).
func (r *catalogReader) read(ctx context.Context) (*schema.Schema, error) {
	r.out = &schema.Schema{Dialect: "postgres"}
	r.tables = map[uint32]*tableRow{}
	r.conIndexes = map[uint32]constraintIndex{}
	r.indexes = map[uint32]*reportedIndex{}
	r.viewOIDs = []uint32{} // empty, not nil: a nil slice would be sent as NULL
	if err := r.q.query(ctx, "tables", queryTables, append(r.scope(), !r.opts.NoStats), r.scanTable); err != nil {
		return nil, err
	}
	all := append([]uint32{}, r.tableOIDs...)
	halves := [2]*tableBatch{{oids: []uint32{}, all: all}, {oids: []uint32{}, all: all}}
	for i, oid := range r.tableOIDs {
		halves[i%2].oids = append(halves[i%2].oids, oid)
	}
	relations := append(append(make([]uint32, 0, len(all)+len(r.viewOIDs)), all...), r.viewOIDs...)
	objects := &objectBatch{scope: r.scope(), relations: relations, viewOIDs: r.viewOIDs}
	w := newWorkQueue(halves[0], halves[1], objects)
	r.helper.work <- w
	w.run(ctx, r.q, r.db.version)
	if err := w.wait(); err != nil {
		return nil, err
	}
	r.assemble(halves[:], objects)
	if len(r.unsupported) > 0 {
		sort.Strings(r.unsupported)
		return nil, fmt.Errorf("inspect %s: tide cannot manage these objects (yet): %s; "+
			"leave their schemas out of the inspection (--schema) or move them to a schema tide does not manage",
			r.db.Target(), strings.Join(r.unsupported, "; "))
	}
	r.out.Sort()
	return r.out, nil
}

// assemble builds the schema from the rows read: all columns first
// (constraints and indexes name columns by number, a foreign key those of
// another table, and comments go to columns by number), then constraints
// (an index backing one is not reported as an index), indexes and index
// keys, and finally the serial columns, which need the sequences.
func (r *catalogReader) assemble(batches []*tableBatch, objects *objectBatch) {
	for _, b := range batches {
		for i := range b.columns { // size each table's columns by its highest number
			if tr := r.tables[b.columns[i].table]; tr != nil && b.columns[i].attnum > tr.maxAttnum {
				tr.maxAttnum = b.columns[i].attnum
			}
		}
	}
	for _, tr := range r.tables {
		tr.attnames = make([]string, tr.maxAttnum+1)
		tr.columns = make([]*schema.Column, tr.maxAttnum+1)
	}
	for _, b := range batches {
		for i := range b.columns {
			r.addColumn(&b.columns[i])
		}
	}
	r.addObjects(objects)
	r.finishColumns()
	for _, b := range batches {
		for i := range b.constraints {
			r.addConstraint(&b.constraints[i])
		}
	}
	for _, b := range batches {
		for i := range b.indexes {
			r.addIndex(&b.indexes[i])
		}
	}
	for _, b := range batches {
		for i := range b.parts {
			r.addIndexPart(&b.parts[i])
		}
	}
	r.applySerialConvention()
	r.finishSequences()
}

// unsupportedObject records an object tide cannot represent.
func (r *catalogReader) unsupportedObject(format string, args ...any) {
	r.unsupported = append(r.unsupported, fmt.Sprintf(format, args...))
}

// qname renders schema.name for messages.
func qname(ns, name string) string { return fmt.Sprintf("%q", ns+"."+name) }

func (r *catalogReader) scanTable(rows pgx.Rows) error {
	var (
		oid                     uint32
		ns, name, kind, persist string
		skip, partition         bool
		inherits                bool
		reltuples               float64
		bytes                   int64
	)
	if err := rows.Scan(&skip, &oid, &ns, &name, &kind, &partition, &inherits, &persist, &reltuples, &bytes); err != nil {
		return err
	}
	switch {
	case skip:
		return nil // an extension's
	case kind == "v":
		r.viewOIDs = append(r.viewOIDs, oid) // read by the views query
	case kind == "p":
		r.unsupportedObject("partitioned table %s", qname(ns, name))
	case kind == "m":
		r.unsupportedObject("materialized view %s", qname(ns, name))
	case kind == "f":
		r.unsupportedObject("foreign table %s", qname(ns, name))
	case partition:
		r.unsupportedObject("partition %s", qname(ns, name))
	case inherits:
		r.unsupportedObject("inheritance child table %s", qname(ns, name))
	case persist == "u":
		r.unsupportedObject("unlogged table %s", qname(ns, name))
	default:
		t := &schema.Table{Schema: ns, Name: name}
		if !r.opts.NoStats {
			rowsEstimate := int64(reltuples)
			if reltuples < 0 {
				rowsEstimate = -1
			}
			t.Stats = &schema.TableStats{Rows: rowsEstimate, Bytes: bytes}
		}
		r.tables[oid] = &tableRow{table: t}
		r.tableOIDs = append(r.tableOIDs, oid)
		r.out.Tables = append(r.out.Tables, t)
	}
	return nil
}

// addColumn adds a column row to its table, at its number (assemble sizes
// tableRow's slices): rows come in no particular order, and finishColumns
// then drops the gaps.
func (r *catalogReader) addColumn(row *columnRow) {
	tr := r.tables[row.table]
	if tr == nil {
		return // cannot happen: the query reads only the tables in r.tables
	}
	c := &schema.Column{Name: row.name, Type: row.typ, Nullable: row.nullable, Collation: row.collation}
	tr.attnames[row.attnum] = row.name
	tr.columns[row.attnum] = c
	switch {
	case row.generated:
		c.Generated = row.expr
	case !isNullDefault(row.expr):
		c.Default = row.expr // DEFAULT NULL (kept as NULL::type) is no default
	}
	switch row.identity {
	case "a":
		c.Identity = schema.IdentityAlways
	case "d":
		c.Identity = schema.IdentityByDefault
	}
	if row.badType != "" {
		t := tr.table
		r.unsupportedObject("column %q of %s type %s", t.Schema+"."+t.Name+"."+c.Name, unsupportedTypeKinds[row.badType[:1]], row.badType[1:])
	}
}

// finishColumns sets each table's columns, in attnum order.
func (r *catalogReader) finishColumns() {
	for _, tr := range r.tables {
		n := 0
		for _, c := range tr.columns {
			if c != nil {
				n++
			}
		}
		if n > 0 { // a table without columns keeps Columns nil
			tr.table.Columns = make([]*schema.Column, 0, n)
			for _, c := range tr.columns {
				if c != nil {
					tr.table.Columns = append(tr.table.Columns, c)
				}
			}
		}
		tr.columns = nil
	}
}

// unsupportedTypeKinds names the pg_type.typtype values of the user types
// tide cannot manage columns of yet.
var unsupportedTypeKinds = map[string]string{"d": "domain", "c": "composite", "r": "range", "m": "multirange"}

// nullDefault matches a default of NULL, with or without a cast, which the
// catalog keeps when a column is declared DEFAULT NULL.
var nullDefault = regexp.MustCompile(`^\(?NULL(::[a-z ]+(\([0-9, ]+\))?(\[\])*)?\)?$`)

// isNullDefault reports whether a default is NULL (nullDefault), cheaply
// ruling out the defaults that do not start like one.
func isNullDefault(expr string) bool {
	return (strings.HasPrefix(expr, "NULL") || strings.HasPrefix(expr, "(NULL")) && nullDefault.MatchString(expr)
}
