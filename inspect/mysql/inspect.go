package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/tidedb/tide/inspect"
	"github.com/tidedb/tide/schema"
)

// inspectOnce is one attempt of Inspect (lockwait.go), on connection c.
// It reads the connection's database
// — its tables, columns, keys, indexes, foreign keys and checks, and the
// tables' statistics unless opts.NoStats — with five queries, one per
// information_schema view, whatever the number of tables.
//
// The result is in the dialect's canonical form (Dialect.Normalize with the
// server known), the same model ParseSQL and Normalize make of the DDL that
// created the database:
//
//   - objects are in namespace Database (a shadow reports the database it
//     shadows), which is never listed in Namespaces;
//   - types are canonical: integer display widths dropped except
//     tinyint(1), MariaDB's JSON (longtext in utf8mb4_bin with a
//     json_valid check named after the column) is json again, without the
//     check;
//   - defaults are SQL expressions as the server stores them for the
//     column's type, MySQL 8's unquoted literals quoted again;
//   - character sets, collations and engines inherited from the database,
//     table or server are omitted;
//   - RESTRICT and NO ACTION are the default referential action;
//   - the AUTO_INCREMENT counter is not an option (it moves with every
//     insert), except on a shadow database;
//   - ROW_FORMAT and KEY_BLOCK_SIZE are options only when the table was
//     given them (CREATE_OPTIONS), not the format in use (ROW_FORMAT).
//
// Objects tide does not manage (views, partitioned, system-versioned and
// sequence tables, invisible columns, invisible or commented indexes, NOT
// ENFORCED checks, table options other than ENGINE, CHARSET, COLLATE,
// COMMENT, AUTO_INCREMENT, ROW_FORMAT and KEY_BLOCK_SIZE) make Inspect
// fail with an error naming each
// of them. Triggers, routines and events are not read.
func (d *Database) inspectOnce(ctx context.Context, opts inspect.Options, c *sql.Conn) (*schema.Schema, error) {
	if err := checkVersion(d.server.Version); err != nil {
		return nil, fmt.Errorf("inspect %s: %w", d.Target(), err)
	}
	for _, s := range opts.Schemas {
		if s != d.name && s != d.cfg.DBName {
			return nil, fmt.Errorf("inspect %s: a MySQL URL names one database (%s), so %q cannot be inspected with it; connect to %q with a URL of its own",
				d.Target(), d.name, s, s)
		}
	}
	r := &reader{db: d, opts: opts, out: &schema.Schema{Dialect: "mysql"}, tables: map[string]*schema.Table{},
		checks: map[string][]*schema.Check{}}
	indexes := fmt.Sprintf(queryIndexesMariaDB, "IGNORED = 'NO'")
	checks := queryChecksMariaDB
	switch v := d.server.Version; {
	case v.Flavor == "mariadb" && !v.AtLeast(10, 6):
		indexes = fmt.Sprintf(queryIndexesMariaDB, "TRUE")
	case v.Flavor != "mariadb":
		indexes, checks = queryIndexesMySQL, queryChecksMySQL
	}
	steps := []struct {
		what, query string
		scan        func(*sql.Rows) error
	}{
		{"read tables", queryTables, r.scanTable},
		{"read columns", queryColumns, r.scanColumn},
		{"read checks", checks, r.scanCheck},
		{"read indexes", indexes, r.scanIndexPart},
		{"read foreign keys", queryForeignKeys, r.scanForeignKey},
	}
	for _, s := range steps {
		if v := d.server.Version; s.query == queryChecksMySQL && v.Major == 8 && v.Minor == 0 && v.Patch < 16 {
			continue // MySQL has checks since 8.0.16
		}
		// Every placeholder of the catalog queries is the database's name.
		args := make([]any, strings.Count(s.query, "?"))
		for i := range args {
			args[i] = d.cfg.DBName
		}
		if err := d.catalogRows(ctx, c, s.what, s.query, args, s.scan); err != nil {
			return nil, err
		}
	}
	r.finish()
	if len(r.unsupported) > 0 {
		sort.Strings(r.unsupported)
		return nil, fmt.Errorf("inspect %s: tide cannot manage these objects (yet): %s", d.Target(), strings.Join(r.unsupported, "; "))
	}
	if err := d.Dialect().Normalize(r.out); err != nil {
		return nil, fmt.Errorf("inspect %s: %w", d.Target(), err)
	}
	r.out.Sort()
	return r.out, nil
}

// reader holds one inspection's state while its queries run.
type reader struct {
	db   *Database
	opts inspect.Options
	out  *schema.Schema
	// tables indexes the managed tables by name.
	tables map[string]*schema.Table
	// checks holds each table's checks until the JSON columns are known.
	checks map[string][]*schema.Check
	// lastIndex and lastFK are the index and foreign key the previous row
	// of their query belonged to, with their tables.
	lastIndex          *schema.Index
	lastIndexTable     string
	lastFK             *schema.ForeignKey
	lastFKTable        string
	unsupported        []string
	unsupportedIndexes map[string]bool
}

// unsupportedObject records an object tide cannot represent.
func (r *reader) unsupportedObject(format string, args ...any) {
	r.unsupported = append(r.unsupported, fmt.Sprintf(format, args...))
}

// scanTable reads one row of queryTables.
func (r *reader) scanTable(rows *sql.Rows) error {
	var (
		name, kind, engine, collation, comment, options string
		autoInc, tableRows                              sql.NullInt64
		bytes                                           int64
	)
	if err := rows.Scan(&name, &kind, &engine, &collation, &comment, &autoInc, &options, &tableRows, &bytes); err != nil {
		return err
	}
	q := fmt.Sprintf("%q", name)
	switch kind {
	case "BASE TABLE":
	case "VIEW":
		r.unsupportedObject("view %s (tide's MySQL dialect does not manage views yet)", q)
		return nil
	case "SEQUENCE":
		r.unsupportedObject("sequence %s", q)
		return nil
	case "SYSTEM VERSIONED":
		r.unsupportedObject("system-versioned table %s", q)
		return nil
	default:
		r.unsupportedObject("%s %s", strings.ToLower(kind), q)
		return nil
	}
	storage, extra := splitCreateOptions(engine, options) // tableopts.go
	if extra != "" {
		r.unsupportedObject("table %s with options %s (tide manages ENGINE, CHARSET, COLLATE, COMMENT, AUTO_INCREMENT, ROW_FORMAT and KEY_BLOCK_SIZE)", q, extra)
	}
	t := &schema.Table{Schema: r.db.name, Name: name, Comment: comment, Columns: []*schema.Column{}, Attrs: storage}
	if t.Attrs == nil {
		t.Attrs = map[string]string{}
	}
	if engine != "" {
		t.Attrs[schema.AttrEngine] = engine
	}
	if collation != "" {
		t.Attrs[schema.AttrCollate] = collation
		t.Attrs[schema.AttrCharset] = r.db.server.Charsets[collation]
		if t.Attrs[schema.AttrCharset] == "" {
			delete(t.Attrs, schema.AttrCharset)
		}
	}
	if r.db.reportAutoIncrement && autoInc.Valid && autoInc.Int64 > 1 {
		t.Attrs[schema.AttrAutoIncrement] = fmt.Sprint(autoInc.Int64)
	}
	if !r.opts.NoStats {
		t.Stats = &schema.TableStats{Rows: -1, Bytes: bytes}
		if tableRows.Valid {
			t.Stats.Rows = tableRows.Int64
		}
	}
	r.tables[name] = t
	r.out.Tables = append(r.out.Tables, t)
	return nil
}

// scanCheck reads one row of the checks query.
func (r *reader) scanCheck(rows *sql.Rows) error {
	var table, name, clause, enforced string
	if err := rows.Scan(&table, &name, &clause, &enforced); err != nil {
		return err
	}
	if r.tables[table] == nil {
		return nil
	}
	if enforced != "YES" {
		r.unsupportedObject("NOT ENFORCED check %q on table %q", name, table)
		return nil
	}
	r.checks[table] = append(r.checks[table], &schema.Check{Name: name, Expr: clause})
	return nil
}

// scanIndexPart reads one row of the indexes query: a key part of an index
// or of the primary key. Rows come grouped by table and index, in key
// order.
func (r *reader) scanIndexPart(rows *sql.Rows) error {
	var (
		table, index, typ, collation, comment string
		column, expr                          sql.NullString
		subPart                               sql.NullInt64
		nonUnique                             int
		visible                               bool
	)
	if err := rows.Scan(&table, &index, &column, &expr, &subPart, &nonUnique, &typ, &collation, &comment, &visible); err != nil {
		return err
	}
	t := r.tables[table]
	if t == nil {
		return nil
	}
	key := table + "\x00" + index
	if r.unsupportedIndexes[key] {
		return nil
	}
	switch {
	case comment != "":
		r.unsupportedIndex(key, "index %q on table %q with a comment", index, table)
		return nil
	case !visible:
		r.unsupportedIndex(key, "invisible (ignored) index %q on table %q", index, table)
		return nil
	}
	part := schema.IndexPart{Desc: collation == "D"}
	switch {
	case expr.Valid && expr.String != "":
		part.Expr = expr.String
	default:
		part.Column = column.String
		if subPart.Valid && typ != "SPATIAL" {
			part.Length = int(subPart.Int64)
		}
	}
	if index == "PRIMARY" {
		if t.PrimaryKey == nil {
			t.PrimaryKey = &schema.PrimaryKey{}
		}
		t.PrimaryKey.Columns = append(t.PrimaryKey.Columns, part.Column)
		return nil
	}
	if r.lastIndex == nil || r.lastIndexTable != table || r.lastIndex.Name != index {
		r.lastIndex, r.lastIndexTable = &schema.Index{Name: index, Unique: nonUnique == 0, Using: indexUsing(typ)}, table
		t.Indexes = append(t.Indexes, r.lastIndex)
	}
	r.lastIndex.Parts = append(r.lastIndex.Parts, part)
	return nil
}

// unsupportedIndex records an index tide cannot represent, once.
func (r *reader) unsupportedIndex(key, format string, args ...any) {
	if r.unsupportedIndexes == nil {
		r.unsupportedIndexes = map[string]bool{}
	}
	r.unsupportedIndexes[key] = true
	r.unsupportedObject(format, args...)
}

// indexUsing maps INDEX_TYPE to Index.Using ("" for BTREE, the default).
func indexUsing(typ string) string {
	switch strings.ToUpper(typ) {
	case "BTREE":
		return ""
	case "FULLTEXT":
		return "fulltext"
	case "SPATIAL":
		return "spatial"
	}
	return strings.ToLower(typ)
}

// referentialActions maps UPDATE_RULE and DELETE_RULE into the model;
// RESTRICT and NO ACTION are the same on MySQL, the default "".
var referentialActions = map[string]string{
	"RESTRICT": "", "NO ACTION": "", "CASCADE": schema.ActionCascade,
	"SET NULL": schema.ActionSetNull, "SET DEFAULT": schema.ActionSetDefault,
}

// scanForeignKey reads one row of queryForeignKeys: a column of a foreign
// key. Rows come grouped by table and constraint, in key order.
func (r *reader) scanForeignKey(rows *sql.Rows) error {
	var table, name, onUpdate, onDelete, column, refSchema, refTable, refColumn string
	if err := rows.Scan(&table, &name, &onUpdate, &onDelete, &column, &refSchema, &refTable, &refColumn); err != nil {
		return err
	}
	t := r.tables[table]
	if t == nil {
		return nil
	}
	if r.lastFK == nil || r.lastFKTable != table || r.lastFK.Name != name {
		if refSchema == r.db.cfg.DBName {
			refSchema = r.db.name
		}
		r.lastFK = &schema.ForeignKey{Name: name, RefSchema: refSchema, RefTable: refTable,
			OnUpdate: referentialActions[strings.ToUpper(onUpdate)], OnDelete: referentialActions[strings.ToUpper(onDelete)]}
		r.lastFKTable = table
		t.ForeignKeys = append(t.ForeignKeys, r.lastFK)
	}
	r.lastFK.Columns = append(r.lastFK.Columns, column)
	r.lastFK.RefColumns = append(r.lastFK.RefColumns, refColumn)
	return nil
}

// finish turns MariaDB's JSON columns back into json and gives each table
// its checks.
func (r *reader) finish() {
	for _, t := range r.out.Tables {
		checks := r.checks[t.Name]
		if r.db.server.MariaDB() {
			checks = mariaDBJSON(t, checks)
		}
		t.Checks = checks
		if len(t.Attrs) == 0 {
			t.Attrs = nil
		}
	}
}

// mariaDBJSON makes each MariaDB JSON column — longtext in utf8mb4_bin
// with a check named after the column that is json_valid(column) — a json
// column again and returns the other checks.
func mariaDBJSON(t *schema.Table, checks []*schema.Check) []*schema.Check {
	byName := map[string]*schema.Check{}
	for _, k := range checks {
		byName[k.Name] = k
	}
	drop := map[*schema.Check]bool{}
	for _, c := range t.Columns {
		k := byName[c.Name]
		if k == nil || c.Type != "longtext" || c.Collation != "utf8mb4_bin" || k.Expr != "json_valid("+quoteIdent(c.Name)+")" {
			continue
		}
		c.Type, c.Collation = "json", ""
		delete(c.Attrs, schema.AttrCharset)
		if len(c.Attrs) == 0 {
			c.Attrs = nil
		}
		drop[k] = true
	}
	if len(drop) == 0 {
		return checks
	}
	var kept []*schema.Check
	for _, k := range checks {
		if !drop[k] {
			kept = append(kept, k)
		}
	}
	return kept
}

// quoteIdent backquotes an identifier as the server prints it.
func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
