package postgres

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/schema"
)

// Inspect implements inspect.Database. It reads every namespace, table,
// column, constraint, index, enum, sequence and view in scope into a schema,
// with a fixed number of queries inside one read-only repeatable-read
// transaction (a consistent snapshot).
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
func (d *Database) Inspect(ctx context.Context, opts inspect.Options) (*schema.Schema, error) {
	if !d.version.AtLeast(11, 0) {
		return nil, fmt.Errorf("inspect %s: tide needs PostgreSQL 11 or later, the server is %s", d.Target(), d.version)
	}
	conn, err := d.pool.Conn(ctx)
	if err != nil {
		return nil, d.connectError(err)
	}
	defer conn.Close()
	var out *schema.Schema
	err = conn.Raw(func(driverConn any) error {
		pc := driverConn.(*stdlib.Conn).Conn()
		tx, err := pc.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return d.wrapErr("begin catalog snapshot", err)
		}
		defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // read-only: nothing to undo
		// Type names, regclass and expressions are printed relative to the
		// search path: with only public on it, everything else is qualified.
		if _, err := tx.Exec(ctx, "SET LOCAL search_path TO public"); err != nil {
			return d.wrapErr("set search_path", err)
		}
		r := &catalogReader{db: d, tx: tx, opts: opts, tables: map[uint32]*schema.Table{}}
		out, err = r.read(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// catalogReader holds one inspection's state while its queries run.
type catalogReader struct {
	db   *Database
	tx   pgx.Tx
	opts inspect.Options

	out         *schema.Schema
	tables      map[uint32]*schema.Table // by pg_class oid, managed tables only
	views       map[uint32]*schema.View
	indexes     map[uint32]*indexRow // by index oid, indexes not backing a constraint
	serialCands []serialCandidate
	sequences   []sequenceRow
	unsupported []string
}

// scope returns the $1, $2 arguments every catalog query takes.
func (r *catalogReader) scope() []any {
	var schemas any
	if r.opts.Schemas != nil {
		schemas = r.opts.Schemas
	}
	return []any{schemas, inspect.BookkeepingSchema}
}

// query runs one catalog query and calls scan for each row.
func (r *catalogReader) query(ctx context.Context, what, sql string, args []any, scan func(pgx.Rows) error) error {
	rows, err := r.tx.Query(ctx, sql, args...)
	if err != nil {
		return r.db.wrapErr("read "+what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return r.db.wrapErr("read "+what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return r.db.wrapErr("read "+what, err)
	}
	return nil
}

// read runs every catalog query in order and assembles the schema.
func (r *catalogReader) read(ctx context.Context) (*schema.Schema, error) {
	r.out = &schema.Schema{Dialect: "postgres"}
	r.views = map[uint32]*schema.View{}
	v := r.db.version
	steps := []struct {
		what string
		sql  string
		args []any
		scan func(pgx.Rows) error
	}{
		{"schemas", queryNamespaces, r.scope(), r.scanNamespace},
		{"tables", queryTables, append(r.scope(), !r.opts.NoStats), r.scanTable},
		{"columns", queryColumns(v), r.scope(), r.scanColumn},
		{"constraints", queryConstraints(v), r.scope(), r.scanConstraint},
		{"indexes", queryIndexes(v), r.scope(), r.scanIndex},
		{"index keys", queryIndexParts, r.scope(), r.scanIndexPart},
		{"enums", queryEnums, r.scope(), r.scanEnum},
		{"sequences", querySequences, r.scope(), r.scanSequence},
		{"views", queryViews, r.scope(), r.scanView},
		{"view dependencies", queryViewDeps, r.scope(), r.scanViewDep},
	}
	for _, s := range steps {
		if err := r.query(ctx, s.what, s.sql, s.args, s.scan); err != nil {
			return nil, err
		}
	}
	r.applySerialConvention()
	r.finishSequences()
	if len(r.unsupported) > 0 {
		sort.Strings(r.unsupported)
		return nil, fmt.Errorf("inspect %s: tide cannot manage these objects (yet): %s; "+
			"leave their schemas out of the inspection (--schema) or move them to a schema tide does not manage",
			r.db.Target(), strings.Join(r.unsupported, "; "))
	}
	r.out.Sort()
	return r.out, nil
}

// unsupportedObject records an object tide cannot represent.
func (r *catalogReader) unsupportedObject(format string, args ...any) {
	r.unsupported = append(r.unsupported, fmt.Sprintf(format, args...))
}

func (r *catalogReader) scanNamespace(rows pgx.Rows) error {
	var ns schema.Namespace
	if err := rows.Scan(&ns.Name, &ns.Comment); err != nil {
		return err
	}
	if ns.Name == "public" {
		return nil // the implicit default schema
	}
	r.out.Namespaces = append(r.out.Namespaces, &ns)
	return nil
}

// qname renders schema.name for messages.
func qname(ns, name string) string { return fmt.Sprintf("%q", ns+"."+name) }

func (r *catalogReader) scanTable(rows pgx.Rows) error {
	var (
		oid                     uint32
		ns, name, kind, persist string
		partition, inherits     bool
		comment                 string
		reltuples               float64
		bytes                   int64
	)
	if err := rows.Scan(&oid, &ns, &name, &kind, &partition, &inherits, &persist, &comment, &reltuples, &bytes); err != nil {
		return err
	}
	switch {
	case kind == "v":
		return nil // read by the views query
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
		t := &schema.Table{Schema: ns, Name: name, Comment: comment}
		if !r.opts.NoStats {
			rowsEstimate := int64(reltuples)
			if reltuples < 0 {
				rowsEstimate = -1
			}
			t.Stats = &schema.TableStats{Rows: rowsEstimate, Bytes: bytes}
		}
		r.tables[oid] = t
		r.out.Tables = append(r.out.Tables, t)
	}
	return nil
}

// serialCandidate is a column whose default is nextval() of a sequence it
// owns; applySerialConvention decides whether it is a serial column.
type serialCandidate struct {
	table    *schema.Table
	column   *schema.Column
	sequence string
}

func (r *catalogReader) scanColumn(rows pgx.Rows) error {
	var (
		oid                uint32
		c                  schema.Column
		identity           string
		baseKind, baseName string
		userType           bool
		ownedSeq           string
	)
	if err := rows.Scan(&oid, &c.Name, &c.Type, &c.Nullable, &c.Default, &c.Generated, &identity,
		&c.Collation, &c.Comment, &baseKind, &baseName, &userType, &ownedSeq); err != nil {
		return err
	}
	t := r.tables[oid]
	if t == nil {
		return nil // a relation reported as unsupported
	}
	if nullDefault.MatchString(c.Default) {
		c.Default = "" // DEFAULT NULL (kept as NULL::type) is no default
	}
	switch identity {
	case "a":
		c.Identity = schema.IdentityAlways
	case "d":
		c.Identity = schema.IdentityByDefault
	}
	if userType {
		kinds := map[string]string{"d": "domain", "c": "composite", "r": "range", "m": "multirange"}
		if k, bad := kinds[baseKind]; bad {
			r.unsupportedObject("column %q of %s type %s", t.Schema+"."+t.Name+"."+c.Name, k, baseName)
		}
	}
	col := &c
	t.Columns = append(t.Columns, col)
	if ownedSeq != "" {
		r.serialCands = append(r.serialCands, serialCandidate{table: t, column: col, sequence: ownedSeq})
	}
	return nil
}

// nullDefault matches a default of NULL, with or without a cast, which the
// catalog keeps when a column is declared DEFAULT NULL.
var nullDefault = regexp.MustCompile(`^\(?NULL(::[a-z ]+(\([0-9, ]+\))?(\[\])*)?\)?$`)
