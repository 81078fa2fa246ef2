package postgres

import (
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/tidedb/tide/schema"
)

// createIndex handles CREATE [UNIQUE] INDEX on a table created earlier in
// the same file.
func (p *sqlParser) createIndex(st *pg_query.IndexStmt) error {
	q, err := p.qnameOf(st.Relation)
	if err != nil {
		return err
	}
	t := p.table(q)
	if t == nil {
		return p.errorf(-1, "CREATE INDEX on %s: the table is not created earlier in this file; put the index after its CREATE TABLE", q)
	}
	switch {
	case len(st.Options) > 0:
		return p.errorf(-1, "index on %s: WITH (…) storage options are not supported; remove them", q)
	case st.TableSpace != "":
		return p.errorf(-1, "index on %s: TABLESPACE is not supported; remove it", q)
	case st.NullsNotDistinct:
		return p.errorf(-1, "index on %s: NULLS NOT DISTINCT is not supported", q)
	case len(st.ExcludeOpNames) > 0:
		return p.errorf(-1, "index on %s: exclusion indexes are not supported", q)
	}
	idx := &schema.Index{Unique: st.Unique, Parts: []schema.IndexPart{}, Pos: p.posAt(p.stmtStart)}
	if m := strings.ToLower(st.AccessMethod); m != "btree" {
		idx.Using = m
	}
	var keyNames []string
	for _, n := range st.IndexParams {
		elem := n.GetIndexElem()
		if elem == nil {
			return p.errorf(-1, "index on %s: unsupported index key", q)
		}
		part, prelim, err := p.indexPart(t, elem)
		if err != nil {
			return err
		}
		idx.Parts = append(idx.Parts, part)
		keyNames = append(keyNames, prelim)
	}
	for _, n := range st.IndexIncludingParams {
		elem := n.GetIndexElem()
		if elem == nil || elem.Name == "" {
			return p.errorf(-1, "index on %s: INCLUDE lists columns only", q)
		}
		if t.Column(elem.Name) == nil {
			return p.errorf(-1, "index on %s: INCLUDE names column %q, which the table does not have", q, elem.Name)
		}
		idx.Include = append(idx.Include, elem.Name)
		keyNames = append(keyNames, elem.Name)
	}
	if st.WhereClause != nil {
		if idx.Where, err = p.expr(st.WhereClause, "index on "+q.String()+" WHERE"); err != nil {
			return err
		}
	}
	sc := p.scope(t.Schema)
	if st.Idxname == "" {
		idx.Name = sc.indexName(t.Name, keyNames)
	} else {
		if sc.relations[st.Idxname] {
			if st.IfNotExists {
				return nil
			}
			return p.errorf(-1, "index %s.%s: a table, view, sequence or index with that name already exists in schema %s", t.Schema, st.Idxname, t.Schema)
		}
		sc.relations[st.Idxname] = true
		idx.Name = st.Idxname
	}
	t.Indexes = append(t.Indexes, idx)
	return nil
}

// indexPart reads one index key; prelim is the name it contributes to a
// generated index name.
func (p *sqlParser) indexPart(t *schema.Table, elem *pg_query.IndexElem) (part schema.IndexPart, prelim string, err error) {
	where := "index on " + t.QName().String()
	switch {
	case elem.Name != "":
		part.Column, prelim = elem.Name, elem.Name
	case elem.Expr != nil:
		// "(col)" is a plain column key, as PostgreSQL treats it.
		if ref := elem.Expr.GetColumnRef(); ref != nil && len(ref.Fields) == 1 && ref.Fields[0].GetString_() != nil {
			part.Column = ref.Fields[0].GetString_().Sval
			prelim = part.Column
			break
		}
		if part.Expr, err = p.expr(elem.Expr, where); err != nil {
			return part, "", err
		}
		prelim = figureIndexColname(elem.Expr)
	default:
		return part, "", p.errorf(-1, "%s: empty index key", where)
	}
	if elem.Indexcolname != "" {
		prelim = elem.Indexcolname
	}
	if part.Column != "" && t.Column(part.Column) == nil {
		return part, "", p.errorf(-1, "%s: key names column %q, which the table does not have", where, part.Column)
	}
	if len(elem.Opclassopts) > 0 {
		return part, "", p.errorf(-1, "%s: operator class options are not supported", where)
	}
	coll, err := p.strings(elem.Collation)
	if err != nil {
		return part, "", err
	}
	part.Collation = strings.Join(coll, ".")
	opclass, err := p.strings(elem.Opclass)
	if err != nil {
		return part, "", err
	}
	part.Opclass = strings.Join(opclass, ".")
	switch elem.Ordering {
	case pg_query.SortByDir_SORTBY_DESC:
		part.Desc = true
	case pg_query.SortByDir_SORTBY_USING:
		return part, "", p.errorf(-1, "%s: USING operator ordering is not supported; use ASC or DESC", where)
	}
	switch elem.NullsOrdering {
	case pg_query.SortByNulls_SORTBY_NULLS_FIRST:
		part.Nulls = "first"
	case pg_query.SortByNulls_SORTBY_NULLS_LAST:
		part.Nulls = "last"
	}
	return part, prelim, nil
}

// createSequence handles CREATE SEQUENCE.
func (p *sqlParser) createSequence(st *pg_query.CreateSeqStmt) error {
	q, err := p.qnameOf(st.Sequence)
	if err != nil {
		return err
	}
	if st.Sequence.Relpersistence != "" && st.Sequence.Relpersistence != "p" {
		return p.errorf(-1, "sequence %s: temporary and unlogged sequences are not supported", q)
	}
	if prev := p.out.Sequence(q); prev != nil {
		if st.IfNotExists {
			return nil
		}
		return p.errorf(-1, "sequence %s is defined twice (first at %s)", q, prev.Pos)
	}
	if err := p.claimRelation(q, "sequence"); err != nil {
		return err
	}
	seq := &schema.Sequence{Schema: q.Schema, Name: q.Name, Pos: p.posAt(p.stmtStart)}
	if err := p.sequenceOptions(seq, st.Options, false); err != nil {
		return err
	}
	p.out.Sequences = append(p.out.Sequences, seq)
	return nil
}

// alterSequence handles ALTER SEQUENCE (typically OWNED BY) on a sequence
// created earlier in the same file.
func (p *sqlParser) alterSequence(st *pg_query.AlterSeqStmt) error {
	q, err := p.qnameOf(st.Sequence)
	if err != nil {
		return err
	}
	seq := p.out.Sequence(q)
	if seq == nil {
		return p.errorf(-1, "ALTER SEQUENCE %s: the sequence is not created earlier in this file; put the ALTER after its CREATE SEQUENCE", q)
	}
	return p.sequenceOptions(seq, st.Options, true)
}

// sequenceOptions applies CREATE/ALTER SEQUENCE options.
func (p *sqlParser) sequenceOptions(seq *schema.Sequence, opts []*pg_query.Node, altering bool) error {
	for _, n := range opts {
		def := n.GetDefElem()
		if def == nil {
			return p.errorf(-1, "sequence %s: unsupported option", seq.QName())
		}
		where := "sequence " + seq.QName().String() + " option " + strings.ToUpper(def.Defname)
		var err error
		switch def.Defname {
		case "as":
			tn := def.GetArg().GetTypeName()
			if tn == nil {
				return p.errorf(def.Location, "%s: expected a type", where)
			}
			typ, err := formatTypeName(tn, deparseTypeForMessage(tn))
			if err != nil {
				return p.errorf(def.Location, "%s: %v", where, err)
			}
			if typ != "smallint" && typ != "integer" && typ != "bigint" {
				return p.errorf(def.Location, "%s: sequence type must be smallint, integer or bigint, not %s", where, typ)
			}
			seq.Type = typ
		case "start":
			seq.Start, err = p.int64Arg(def, where)
		case "increment":
			seq.Increment, err = p.int64Arg(def, where)
		case "minvalue":
			seq.MinValue, err = p.int64Arg(def, where)
		case "maxvalue":
			seq.MaxValue, err = p.int64Arg(def, where)
		case "cache":
			seq.Cache, err = p.int64Arg(def, where)
		case "cycle":
			b := def.GetArg().GetBoolean()
			seq.Cycle = b != nil && b.Boolval
		case "owned_by":
			err = p.ownedBy(seq, def, where)
		default:
			if altering && def.Defname == "restart" {
				return p.errorf(def.Location, "%s: RESTART changes data, not the schema; remove it", where)
			}
			return p.errorf(def.Location, "%s is not supported", where)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// int64Arg reads a numeric option; NO MINVALUE / NO MAXVALUE (no argument)
// mean the default, 0.
func (p *sqlParser) int64Arg(def *pg_query.DefElem, where string) (int64, error) {
	arg := def.GetArg()
	if arg == nil {
		return 0, nil
	}
	if i := arg.GetInteger(); i != nil {
		return int64(i.Ival), nil
	}
	if f := arg.GetFloat(); f != nil {
		v, err := strconv.ParseInt(f.Fval, 10, 64)
		if err != nil {
			return 0, p.errorf(def.Location, "%s: %s is not a 64-bit integer", where, f.Fval)
		}
		return v, nil
	}
	return 0, p.errorf(def.Location, "%s: expected an integer", where)
}

// ownedBy reads OWNED BY table.column (or NONE).
func (p *sqlParser) ownedBy(seq *schema.Sequence, def *pg_query.DefElem, where string) error {
	parts, err := p.strings(def.GetArg().GetList().GetItems())
	if err != nil {
		return err
	}
	if len(parts) == 1 && parts[0] == "none" {
		seq.OwnedBy = ""
		return nil
	}
	var tq schema.QName
	switch len(parts) {
	case 2:
		tq = schema.QName{Schema: seq.Schema, Name: parts[0]}
	case 3:
		tq = schema.QName{Schema: parts[0], Name: parts[1]}
	default:
		return p.errorf(def.Location, "%s: write OWNED BY [schema.]table.column or OWNED BY NONE", where)
	}
	if tq.Schema != seq.Schema {
		return p.errorf(def.Location, "%s: the sequence must be in the same schema as table %s", where, tq)
	}
	col := parts[len(parts)-1]
	t := p.table(tq)
	if t == nil {
		return p.errorf(def.Location, "%s: table %s is not created earlier in this file; put OWNED BY in an ALTER SEQUENCE after the CREATE TABLE", where, tq)
	}
	if t.Column(col) == nil {
		return p.errorf(def.Location, "%s: table %s has no column %q", where, tq, col)
	}
	seq.OwnedBy = tq.Name + "." + col
	return nil
}
