package postgres

import (
	"context"
	"math"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/dialects"
	"github.com/tidedb/tide/schema"
)

// objectBatch is the reads that do not go table by table: schemas, the
// comments of tables, columns and views, enums, sequences and views. Like a
// tableBatch, it is fetched into its own rows, on either connection, and
// catalogReader.addObjects adds them to the schema.
type objectBatch struct {
	scope     []any    // the $1, $2 of the queries that select by schema
	relations []uint32 // the tables and views read, whose comments are read
	viewOIDs  []uint32

	namespaces []*schema.Namespace
	comments   []commentRow
	enums      []*schema.Enum
	sequences  []sequenceRow
	views      []viewRow
	viewDeps   []viewDepRow
}

// commentRow is a row of queryComments.
type commentRow struct {
	oid   uint32
	subid int
	text  string
}

// viewRow is a row of queryViews.
type viewRow struct {
	oid  uint32
	view *schema.View
}

// viewDepRow is a row of queryViewDeps.
type viewDepRow struct {
	oid uint32
	dep schema.QName
}

// fetch runs the batch's queries.
func (b *objectBatch) fetch(ctx context.Context, q catalogQuerier, _ dialects.Version) error {
	steps := []struct {
		what string
		sql  string
		args []any
		scan func(pgx.Rows) error
	}{
		{"schemas", queryNamespaces, b.scope, b.scanNamespace},
		{"comments", queryComments, []any{b.relations}, b.scanComment},
		{"enums", queryEnums, b.scope, b.scanEnum},
		{"sequences", querySequences, b.scope, b.scanSequence},
		{"views", queryViews, []any{b.viewOIDs}, b.scanView},
		{"view dependencies", queryViewDeps, []any{b.viewOIDs}, b.scanViewDep},
	}
	for _, s := range steps {
		if err := q.query(ctx, s.what, s.sql, s.args, s.scan); err != nil {
			return err
		}
	}
	return nil
}

func (b *objectBatch) scanNamespace(rows pgx.Rows) error {
	var (
		skip bool
		ns   schema.Namespace
	)
	if err := rows.Scan(&skip, &ns.Name, &ns.Comment); err != nil {
		return err
	}
	if skip || ns.Name == "public" {
		return nil // an extension's, or the implicit default schema
	}
	b.namespaces = append(b.namespaces, &ns)
	return nil
}

func (b *objectBatch) scanComment(rows pgx.Rows) error {
	var c commentRow
	if err := rows.Scan(&c.oid, &c.subid, &c.text); err != nil {
		return err
	}
	b.comments = append(b.comments, c)
	return nil
}

func (b *objectBatch) scanEnum(rows pgx.Rows) error {
	var (
		skip bool
		e    schema.Enum
	)
	if err := rows.Scan(&skip, &e.Schema, &e.Name, &e.Values); err != nil || skip {
		return err // skip: an extension's
	}
	b.enums = append(b.enums, &e)
	return nil
}

// sequenceRow is a sequence as the catalog stores it, before the serial
// convention and default elision.
type sequenceRow struct {
	seq                           schema.Sequence
	ownerSchema, ownerTable       string
	ownerColumn                   string
	ownerOID                      uint32 // the owning table, 0 if none
	nextval                       string // the default that feeds the owning column from it
	start, inc, minV, maxV, cache int64
	omit                          bool
}

func (b *objectBatch) scanSequence(rows pgx.Rows) error {
	var (
		skip bool
		s    sequenceRow
	)
	if err := rows.Scan(&skip, &s.seq.Schema, &s.seq.Name, &s.seq.Type, &s.start, &s.inc, &s.minV, &s.maxV, &s.cache,
		&s.seq.Cycle, &s.ownerSchema, &s.ownerTable, &s.ownerColumn, &s.ownerOID, &s.nextval); err != nil || skip {
		return err // skip: an extension's
	}
	b.sequences = append(b.sequences, s)
	return nil
}

func (b *objectBatch) scanView(rows pgx.Rows) error {
	v := viewRow{view: &schema.View{}}
	if err := rows.Scan(&v.oid, &v.view.Schema, &v.view.Name, &v.view.Def); err != nil {
		return err
	}
	v.view.Def = trimViewDef(v.view.Def)
	b.views = append(b.views, v)
	return nil
}

func (b *objectBatch) scanViewDep(rows pgx.Rows) error {
	var d viewDepRow
	if err := rows.Scan(&d.oid, &d.dep.Schema, &d.dep.Name); err != nil {
		return err
	}
	b.viewDeps = append(b.viewDeps, d)
	return nil
}

// addObjects adds the rows of an objectBatch to the schema; the tables'
// columns must be read and not yet finished (finishColumns), for their
// comments.
func (r *catalogReader) addObjects(b *objectBatch) {
	r.out.Namespaces = b.namespaces
	r.out.Enums = b.enums
	r.sequences = b.sequences
	views := make(map[uint32]*schema.View, len(b.views))
	for _, v := range b.views {
		views[v.oid] = v.view
		r.out.Views = append(r.out.Views, v.view)
	}
	for _, d := range b.viewDeps {
		if v := views[d.oid]; v != nil {
			v.DependsOn = append(v.DependsOn, d.dep)
		}
	}
	for _, c := range b.comments {
		if tr := r.tables[c.oid]; tr != nil {
			switch {
			case c.subid == 0:
				tr.table.Comment = c.text
			case c.subid < len(tr.columns) && tr.columns[c.subid] != nil:
				tr.columns[c.subid].Comment = c.text
			}
		} else if v := views[c.oid]; v != nil && c.subid == 0 {
			v.Comment = c.text
		}
	}
}

// typeRange is the value range of each integer type a sequence can have.
var typeRange = map[string][2]int64{
	"smallint": {math.MinInt16, math.MaxInt16},
	"integer":  {math.MinInt32, math.MaxInt32},
	"bigint":   {math.MinInt64, math.MaxInt64},
}

// serialTypes maps an integer column type to its serial pseudo-type.
var serialTypes = map[string]string{
	"smallint": "smallserial",
	"integer":  "serial",
	"bigint":   "bigserial",
}

// hasSerialDefaults reports whether a sequence has exactly the parameters
// CREATE TABLE gives the sequence of a serial column of the same type.
func (s *sequenceRow) hasSerialDefaults(columnType string) bool {
	rng, ok := typeRange[s.seq.Type]
	return ok && s.seq.Type == columnType && s.start == 1 && s.inc == 1 && s.minV == 1 &&
		s.maxV == rng[1] && s.cache == 1 && !s.seq.Cycle
}

// applySerialConvention reports serial columns as serial / bigserial /
// smallserial with no default and drops their sequences from the result: a
// column is serial when it owns a sequence of its schema, named as
// CREATE TABLE names it, with the parameters CREATE TABLE gives it, whose
// nextval() is exactly the column's default, and the column is NOT NULL.
func (r *catalogReader) applySerialConvention() {
	for i := range r.sequences {
		s := &r.sequences[i]
		tr := r.tables[s.ownerOID]
		if tr == nil || tr.table.Schema != s.seq.Schema {
			continue
		}
		c := tr.table.Column(s.ownerColumn)
		if c == nil || c.Default != s.nextval || c.Nullable || s.seq.Name != defaultObjectName(tr.table.Name, c.Name, "seq") {
			continue
		}
		serial, ok := serialTypes[c.Type]
		if !ok || !s.hasSerialDefaults(c.Type) {
			continue
		}
		c.Type = serial
		c.Default = ""
		s.omit = true
	}
}

// finishSequences adds the remaining sequences to the result, with OwnedBy,
// with type bigint (the default) left "" and every number equal to its
// default left 0.
func (r *catalogReader) finishSequences() {
	for i := range r.sequences {
		s := &r.sequences[i]
		if s.omit {
			continue
		}
		seq := s.seq
		if s.ownerTable != "" {
			seq.OwnedBy = s.ownerTable + "." + s.ownerColumn
			if s.ownerSchema != seq.Schema {
				seq.OwnedBy = s.ownerSchema + "." + seq.OwnedBy
			}
		}
		rng := typeRange[seq.Type]
		defMin, defMax := int64(1), rng[1]
		if s.inc < 0 {
			defMin, defMax = rng[0], -1
		}
		defStart := s.minV
		if s.inc < 0 {
			defStart = s.maxV
		}
		seq.Increment = nonDefault(s.inc, 1)
		seq.MinValue = nonDefault(s.minV, defMin)
		seq.MaxValue = nonDefault(s.maxV, defMax)
		seq.Start = nonDefault(s.start, defStart)
		seq.Cache = nonDefault(s.cache, 1)
		if seq.Type == "bigint" {
			seq.Type = "" // the default sequence type
		}
		r.out.Sequences = append(r.out.Sequences, &seq)
	}
}

// nonDefault returns v, or 0 when v is the default.
func nonDefault(v, def int64) int64 {
	if v == def {
		return 0
	}
	return v
}

// nameDataLen is PostgreSQL's NAMEDATALEN: identifiers are at most 63 bytes.
const nameDataLen = 64

// defaultObjectName is PostgreSQL's makeObjectName: the name the server
// chooses for an implicit object ("<name1>_<name2>_<label>", name2 optional),
// with name1 and name2 shortened alternately to fit 63 bytes, never cutting
// a multibyte character.
func defaultObjectName(name1, name2, label string) string {
	overhead := len(label) + 1
	if name2 != "" {
		overhead++
	}
	avail := nameDataLen - 1 - overhead
	n1, n2 := len(name1), len(name2)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	out := clipUTF8(name1, n1)
	if name2 != "" {
		out += "_" + clipUTF8(name2, n2)
	}
	return out + "_" + label
}

// clipUTF8 returns at most n bytes of s, ending on a character boundary.
func clipUTF8(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
