package postgres

import (
	"math"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/tidedb/tide/schema"
)

func (r *catalogReader) scanEnum(rows pgx.Rows) error {
	var e schema.Enum
	if err := rows.Scan(&e.Schema, &e.Name, &e.Values); err != nil {
		return err
	}
	r.out.Enums = append(r.out.Enums, &e)
	return nil
}

// sequenceRow is a sequence as the catalog stores it, before the serial
// convention and default elision.
type sequenceRow struct {
	seq                           schema.Sequence
	ownerSchema, ownerTable       string
	ownerColumn                   string
	start, inc, minV, maxV, cache int64
	omit                          bool
}

func (r *catalogReader) scanSequence(rows pgx.Rows) error {
	var s sequenceRow
	if err := rows.Scan(&s.seq.Schema, &s.seq.Name, &s.seq.Type, &s.start, &s.inc, &s.minV, &s.maxV, &s.cache,
		&s.seq.Cycle, &s.ownerSchema, &s.ownerTable, &s.ownerColumn); err != nil {
		return err
	}
	r.sequences = append(r.sequences, s)
	return nil
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
// smallserial with no default and drops their sequences from the result.
func (r *catalogReader) applySerialConvention() {
	for _, c := range r.serialCands {
		serial, ok := serialTypes[c.column.Type]
		if !ok || c.column.Nullable || c.sequence != defaultObjectName(c.table.Name, c.column.Name, "seq") {
			continue
		}
		for i := range r.sequences {
			s := &r.sequences[i]
			if s.seq.Schema != c.table.Schema || s.seq.Name != c.sequence || !s.hasSerialDefaults(c.column.Type) {
				continue
			}
			c.column.Type = serial
			c.column.Default = ""
			s.omit = true
		}
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

func (r *catalogReader) scanView(rows pgx.Rows) error {
	var (
		oid uint32
		v   schema.View
	)
	if err := rows.Scan(&oid, &v.Schema, &v.Name, &v.Def, &v.Comment); err != nil {
		return err
	}
	v.Def = trimViewDef(v.Def)
	r.views[oid] = &v
	r.out.Views = append(r.out.Views, &v)
	return nil
}

func (r *catalogReader) scanViewDep(rows pgx.Rows) error {
	var (
		oid uint32
		dep schema.QName
	)
	if err := rows.Scan(&oid, &dep.Schema, &dep.Name); err != nil {
		return err
	}
	if v := r.views[oid]; v != nil {
		v.DependsOn = append(v.DependsOn, dep)
	}
	return nil
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
