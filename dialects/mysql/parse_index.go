package mysql

import (
	"fmt"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/tidedb/tide/schema"
)

// createIndex handles CREATE [UNIQUE | FULLTEXT | SPATIAL] INDEX. ALGORITHM
// and LOCK clauses say how the server builds the index, not what it is, and
// are ignored.
func (p *sqlParser) createIndex(st *ast.CreateIndexStmt) error {
	q := p.qname(st.Table)
	ts := p.tables[q]
	if ts == nil {
		return p.errorf(p.stmtStart, "CREATE INDEX %s ON %s: the table is not created earlier in this file; put the index after its CREATE TABLE", st.IndexName, q)
	}
	ix := &schema.Index{Name: st.IndexName, Pos: p.posAt(p.stmtStart)}
	switch st.KeyType {
	case ast.IndexKeyTypeNone:
	case ast.IndexKeyTypeUnique:
		ix.Unique = true
	case ast.IndexKeyTypeFulltext:
		ix.Using = "fulltext"
	case ast.IndexKeyTypeSpatial:
		ix.Using = "spatial"
	default:
		return p.errorf(p.stmtStart, "CREATE INDEX %s: VECTOR and COLUMNAR indexes are TiDB-only; remove it", st.IndexName)
	}
	e := p.edit(ts)
	if err := e.addIndex(ix, st.IndexPartSpecifications, st.IndexOption, p.stmtStart); err != nil {
		return err
	}
	return e.commit()
}

// addIndex reads an index's key parts and options and queues it.
func (e *tableEdit) addIndex(ix *schema.Index, specs []*ast.IndexPartSpecification, opt *ast.IndexOption, off int) error {
	what := "index"
	if ix.Name != "" {
		what = fmt.Sprintf("index %s", ix.Name)
	}
	for _, s := range specs {
		part := schema.IndexPart{Desc: s.Desc}
		if s.Expr != nil {
			text, err := restoreExpr(s.Expr)
			if err != nil {
				return e.errorf(off, "%s: key expression: %v", what, err)
			}
			part.Expr = text
		} else {
			col, err := e.columnRef(s.Column, what, off)
			if err != nil {
				return err
			}
			part.Column = col
			if s.Length > 0 {
				part.Length = s.Length
			}
		}
		ix.Parts = append(ix.Parts, part)
	}
	if err := e.keyOptions(ix, opt, what, off); err != nil {
		return err
	}
	e.keys = append(e.keys, keyEntry{ix: ix, pos: off})
	return nil
}

// columnRef reads a column named in a key; it must be unqualified.
func (e *tableEdit) columnRef(cn *ast.ColumnName, what string, off int) (string, error) {
	if cn == nil {
		return "", e.errorf(off, "%s: a key part names no column", what)
	}
	if cn.Table.O != "" || cn.Schema.O != "" {
		return "", e.errorf(off, "%s: write column %s without a table name", what, cn.Name.O)
	}
	return cn.Name.O, nil
}

// plainColumns reads key parts that must be whole columns (primary and
// foreign keys): no prefix length, expression or DESC.
func (e *tableEdit) plainColumns(specs []*ast.IndexPartSpecification, what string, off int) ([]string, error) {
	var cols []string
	for _, s := range specs {
		switch {
		case s.Expr != nil:
			return nil, e.errorf(off, "%s: expressions are not supported here; name columns", what)
		case s.Length > 0:
			return nil, e.errorf(off, "%s: a prefix length (%s(%d)) is not supported here; index the whole column", what, s.Column.Name.O, s.Length)
		case s.Desc:
			return nil, e.errorf(off, "%s: DESC is not supported here; remove it", what)
		}
		col, err := e.columnRef(s.Column, what, off)
		if err != nil {
			return nil, err
		}
		cols = append(cols, col)
	}
	return cols, nil
}

// keyOptions applies an index's options. USING picks the index type
// (BTREE, the default, is recorded as ""); options the model cannot hold
// are errors.
func (e *tableEdit) keyOptions(ix *schema.Index, o *ast.IndexOption, what string, off int) error {
	if o == nil {
		return nil
	}
	switch {
	case o.Comment != "":
		return e.errorf(off, "%s: index comments are not managed by tide; remove COMMENT", what)
	case o.Visibility == ast.IndexVisibilityInvisible:
		return e.errorf(off, "%s: invisible indexes are not managed by tide; remove INVISIBLE", what)
	case o.KeyBlockSize > 0:
		return e.errorf(off, "%s: KEY_BLOCK_SIZE is not managed by tide; remove it", what)
	case o.ParserName.O != "":
		return e.errorf(off, "%s: WITH PARSER is not managed by tide; remove it", what)
	case o.Condition != nil:
		return e.errorf(off, "%s: MySQL has no partial indexes; remove WHERE", what)
	case o.Global || o.SplitOpt != nil || o.SecondaryEngineAttr != "" || o.PrimaryKeyTp != ast.PrimaryKeyTypeDefault || o.AddColumnarReplicaOnDemand > 0:
		return e.errorf(off, "%s: TiDB-only index options are not supported; remove them", what)
	}
	if o.Tp != ast.IndexTypeInvalid {
		using := strings.ToLower(o.Tp.String())
		switch {
		case ix.Using != "":
			return e.errorf(off, "%s: a %s index takes no USING clause", what, strings.ToUpper(ix.Using))
		case using == "btree":
		case using == "hash" || using == "rtree":
			ix.Using = using
		default:
			return e.errorf(off, "%s: index type %s is TiDB-only; remove USING", what, o.Tp)
		}
	}
	return nil
}

// referentialActions maps ON DELETE / ON UPDATE options into the model.
// RESTRICT and NO ACTION are the same thing in MySQL (InnoDB checks at once
// either way; the servers even disagree on which one information_schema
// reports), so both are recorded as the default, "".
var referentialActions = map[ast.ReferOptionType]string{
	ast.ReferOptionNoOption: "", ast.ReferOptionRestrict: "", ast.ReferOptionNoAction: "",
	ast.ReferOptionCascade: schema.ActionCascade, ast.ReferOptionSetNull: schema.ActionSetNull,
	ast.ReferOptionSetDefault: schema.ActionSetDefault,
}

// foreignKey reads FOREIGN KEY … REFERENCES and queues the index the server
// creates for it.
func (e *tableEdit) foreignKey(con *ast.Constraint, off int) error {
	what := "foreign key"
	if con.Name != "" {
		what = "foreign key " + con.Name
	}
	cols, err := e.plainColumns(con.Keys, what, off)
	if err != nil {
		return err
	}
	ref := con.Refer
	if ref == nil {
		return e.errorf(off, "%s: REFERENCES is missing", what)
	}
	if ref.Match != ast.MatchNone {
		return e.errorf(off, "%s: InnoDB ignores MATCH; remove it", what)
	}
	refCols, err := e.plainColumns(ref.IndexPartSpecifications, what+" (referenced columns)", off)
	if err != nil {
		return err
	}
	if len(refCols) == 0 {
		return e.errorf(off, "%s: name the referenced columns: REFERENCES %s (…)", what, ref.Table.Name.O)
	}
	rq := e.p.qname(ref.Table)
	fk := &schema.ForeignKey{Name: con.Name, Columns: cols, RefSchema: rq.Schema, RefTable: rq.Name, RefColumns: refCols, Pos: e.p.posAt(off)}
	if ref.OnDelete != nil {
		fk.OnDelete = referentialActions[ref.OnDelete.ReferOpt]
	}
	if ref.OnUpdate != nil {
		fk.OnUpdate = referentialActions[ref.OnUpdate.ReferOpt]
	}
	e.fks = append(e.fks, fk)
	parts := make([]schema.IndexPart, len(cols))
	for i, c := range cols {
		parts[i] = schema.IndexPart{Column: c}
	}
	e.keys = append(e.keys, keyEntry{ix: &schema.Index{Name: con.Name, Parts: parts, Pos: fk.Pos}, pos: off, generated: true})
	return nil
}

// commit resolves the statement's additions and adds them to the table:
// the _bin collations of CHAR … BINARY columns, the foreign-key indexes
// another index makes redundant (dropped), and the names of unnamed keys,
// checks and foreign keys, given in declaration order as the server does.
func (e *tableEdit) commit() error {
	t := e.t
	for _, c := range e.binaryCols {
		cs := c.Attrs[schema.AttrCharset]
		if cs == "" {
			cs = t.Attrs[schema.AttrCharset]
		}
		if cs == "" {
			return e.p.errorf(e.p.stmtStart, "table %s: column %q is declared BINARY, which means the _bin collation of its character set, and the character set is not known here; write COLLATE <charset>_bin instead", t.QName(), c.Name)
		}
		if c.Collation == "" {
			c.Collation = cs + "_bin"
		}
	}
	if err := e.resolveColumns(); err != nil {
		return err
	}
	if err := e.commitKeys(); err != nil {
		return err
	}
	var oldChecks, oldFKs []string
	for _, k := range t.Checks {
		oldChecks = append(oldChecks, k.Name)
	}
	for _, f := range t.ForeignKeys {
		oldFKs = append(oldFKs, f.Name)
	}
	if e.p.d.mariaDB() {
		if err := e.commitMariaDBCheckNames(oldChecks); err != nil {
			return err
		}
	} else if err := e.commitNames("check", t.Name+"_chk_", oldChecks, len(e.checks), func(i int) *string { return &e.checks[i].Name }); err != nil {
		return err
	}
	if err := e.commitNames("foreign key", t.Name+"_ibfk_", oldFKs, len(e.fks), func(i int) *string { return &e.fks[i].Name }); err != nil {
		return err
	}
	t.Checks = append(t.Checks, e.checks...)
	t.ForeignKeys = append(t.ForeignKeys, e.fks...)
	e.keys, e.checks, e.fks, e.binaryCols, e.columnChecks = nil, nil, nil, nil, nil
	return nil
}

// resolveColumns spells the columns the statement's keys name as the table
// does: MySQL column names are case-insensitive, and the server records a
// key's columns under the column's own spelling. A name the table lacks is
// an error, as on the server.
func (e *tableEdit) resolveColumns() error {
	resolve := func(name *string, pos schema.Pos, what string) error {
		if c := columnFold(e.t, *name); c != nil {
			*name = c.Name
			return nil
		}
		return &schema.Error{Pos: pos, Msg: fmt.Sprintf("table %s: %s names column %q, which the table does not have", e.t.QName(), what, *name)}
	}
	for _, k := range e.keys {
		what := "index " + k.ix.Name
		switch {
		case k.primary:
			what = "the primary key"
		case k.ix.Name == "":
			what = "an index"
		}
		for i := range k.ix.Parts {
			if p := &k.ix.Parts[i]; p.Column != "" {
				if err := resolve(&p.Column, e.p.posAt(k.pos), what); err != nil {
					return err
				}
			}
		}
		if k.primary {
			for i, p := range k.ix.Parts {
				e.t.PrimaryKey.Columns[i] = p.Column
			}
		}
	}
	for _, fk := range e.fks {
		for i := range fk.Columns {
			if err := resolve(&fk.Columns[i], fk.Pos, "foreign key "+fk.Name); err != nil {
				return err
			}
		}
	}
	return nil
}

// columnFold returns t's column whose name equals name case-insensitively.
func columnFold(t *schema.Table, name string) *schema.Column {
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// commitKeys settles the table's keys as MariaDB's
// mysql_prepare_create_table does, with the table's existing keys (the
// primary key first) ahead of the statement's new ones:
//
//   - the index generated for a foreign key is redundant next to a key
//     whose leading parts are the same columns (same prefix lengths): going
//     through the keys in order, when a key and an earlier one are in that
//     relation and one of them is generated, the generated one goes — or,
//     when both are, the earlier one, unless the later one is shorter;
//   - an unnamed key is named after its first column (functional_index for
//     an expression), with _2, _3 … added while the name is taken by an
//     earlier key; names are case-insensitive and PRIMARY is reserved.
func (e *tableEdit) commitKeys() error {
	t := e.t
	var all []keyEntry
	if t.PrimaryKey != nil && !e.addsPrimaryKey() {
		all = append(all, keyEntry{ix: pkIndex(t.PrimaryKey), primary: true})
	}
	for _, ix := range t.Indexes {
		all = append(all, keyEntry{ix: ix, generated: e.ts.generated[ix]})
	}
	all = append(all, e.keys...)
	dropped := make([]bool, len(all))
	for i, k := range all {
		if dropped[i] {
			continue
		}
		for j := range i {
			if dropped[j] || !generatedPrefix(k, all[j]) {
				continue
			}
			if !all[j].generated || (k.generated && len(k.ix.Parts) < len(all[j].ix.Parts)) {
				dropped[i] = true
			} else {
				dropped[j] = true
			}
			break
		}
	}
	taken := map[string]bool{"primary": true}
	var indexes []*schema.Index
	for i, k := range all {
		if dropped[i] || k.primary {
			continue
		}
		ix := k.ix
		switch {
		case ix.Name == "":
			ix.Name = uniqueName(keyBaseName(ix), taken)
		case taken[strings.ToLower(ix.Name)] && strings.EqualFold(ix.Name, "primary"):
			return e.errorf(k.pos, "index name %s is reserved for the primary key; rename the index", ix.Name)
		case taken[strings.ToLower(ix.Name)]:
			return e.errorf(k.pos, "index name %q is used twice (names are case-insensitive); rename one", ix.Name)
		}
		taken[strings.ToLower(ix.Name)] = true
		indexes = append(indexes, ix)
		delete(e.ts.generated, ix)
		if k.generated {
			e.ts.generated[ix] = true
		}
	}
	t.Indexes = indexes
	return nil
}

// addsPrimaryKey reports whether the statement adds the primary key.
func (e *tableEdit) addsPrimaryKey() bool {
	for _, k := range e.keys {
		if k.primary {
			return true
		}
	}
	return false
}

// generatedPrefix reports whether one of two keys is generated for a
// foreign key and its parts begin the other's (MariaDB's
// foreign_key_prefix: same columns, same prefix lengths).
func generatedPrefix(a, b keyEntry) bool {
	if !a.generated && !b.generated {
		return false
	}
	short, long := a.ix.Parts, b.ix.Parts
	if !a.generated || (b.generated && len(short) > len(long)) {
		short, long = long, short
	}
	if len(short) > len(long) {
		return false
	}
	for i, p := range short {
		q := long[i]
		if p.Expr != "" || q.Expr != "" || p.Length != q.Length || !strings.EqualFold(p.Column, q.Column) {
			return false
		}
	}
	return true
}

// indexServesKey reports whether ix's leading parts are exactly the plain
// columns of key, in order (a prefix-length or expression part does not
// serve a foreign key, nor does a FULLTEXT or SPATIAL index).
func indexServesKey(ix *schema.Index, key []schema.IndexPart) bool {
	if ix.Using == "fulltext" || ix.Using == "spatial" || len(ix.Parts) < len(key) {
		return false
	}
	for i, p := range key {
		q := ix.Parts[i]
		if q.Expr != "" || q.Length != 0 || !strings.EqualFold(q.Column, p.Column) {
			return false
		}
	}
	return true
}

// columnsPrefix reports whether cols begins with key's columns.
func columnsPrefix(key []schema.IndexPart, cols []string) bool {
	if len(cols) < len(key) {
		return false
	}
	for i, p := range key {
		if !strings.EqualFold(cols[i], p.Column) {
			return false
		}
	}
	return true
}

// keyBaseName is the name MySQL starts from for an unnamed key.
func keyBaseName(ix *schema.Index) string {
	if len(ix.Parts) == 0 || ix.Parts[0].Column == "" {
		return "functional_index"
	}
	return ix.Parts[0].Column
}

// uniqueName returns base, or base_2, base_3 …, whichever is not taken
// (case-insensitively).
func uniqueName(base string, taken map[string]bool) string {
	if !taken[strings.ToLower(base)] {
		return base
	}
	for i := 2; ; i++ {
		n := fmt.Sprintf("%s_%d", base, i)
		if !taken[strings.ToLower(n)] {
			return n
		}
	}
}

// commitNames names a statement's unnamed checks or foreign keys
// <table>_chk_<n> / <table>_ibfk_<n> as MySQL does: n counts on from the
// highest number the table's existing constraints of the kind already use.
// Names given twice are errors.
func (e *tableEdit) commitNames(kind, prefix string, existing []string, n int, name func(int) *string) error {
	taken := map[string]bool{}
	next := 1
	for _, old := range existing {
		taken[strings.ToLower(old)] = true
		if num, ok := generatedNumber(old, prefix); ok && num >= next {
			next = num + 1
		}
	}
	for i := range n {
		if p := name(i); *p != "" {
			if taken[strings.ToLower(*p)] {
				return e.errorf(e.p.stmtStart, "%s name %q is used twice; rename one", kind, *p)
			}
			taken[strings.ToLower(*p)] = true
		}
	}
	for i := range n {
		p := name(i)
		if *p != "" {
			continue
		}
		for taken[strings.ToLower(fmt.Sprintf("%s%d", prefix, next))] {
			next++
		}
		*p = fmt.Sprintf("%s%d", prefix, next)
		taken[strings.ToLower(*p)] = true
		next++
	}
	return nil
}

// generatedNumber returns n when name is prefix followed by a number.
func generatedNumber(name, prefix string) (int, bool) {
	if len(name) <= len(prefix) || !strings.EqualFold(name[:len(prefix)], prefix) {
		return 0, false
	}
	n := 0
	for _, c := range name[len(prefix):] {
		if c < '0' || c > '9' || n > 1e8 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// commitMariaDBCheckNames names a statement's unnamed checks as MariaDB
// does: one declared in a column definition after its column, any other
// CONSTRAINT_<n> with the lowest n from 1 up that no other check of the
// table is named (case-insensitively). Names given twice are errors.
func (e *tableEdit) commitMariaDBCheckNames(existing []string) error {
	taken := map[string]bool{}
	for _, old := range existing {
		taken[strings.ToLower(old)] = true
	}
	for _, k := range e.checks {
		if k.Name == "" {
			if col, ok := e.columnChecks[k]; ok {
				k.Name = col
			}
			continue
		}
		if taken[strings.ToLower(k.Name)] {
			return e.errorf(e.p.stmtStart, "check name %q is used twice; rename one", k.Name)
		}
		taken[strings.ToLower(k.Name)] = true
	}
	next := 1
	for _, k := range e.checks {
		if k.Name != "" {
			continue
		}
		for taken[strings.ToLower(fmt.Sprintf("CONSTRAINT_%d", next))] {
			next++
		}
		k.Name = fmt.Sprintf("CONSTRAINT_%d", next)
		taken[strings.ToLower(k.Name)] = true
		next++
	}
	return nil
}
