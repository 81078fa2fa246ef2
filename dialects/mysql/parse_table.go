package mysql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/tidedb/tide/schema"
)

// tableState is a parsed table and which of its indexes the server made
// for foreign keys: a later key can replace those (see commitKeys).
type tableState struct {
	t         *schema.Table
	generated map[*schema.Index]bool
}

// item is one element of a CREATE TABLE list, in source order.
type item struct {
	col *ast.ColumnDef
	con *ast.Constraint
	pos int
}

// createTable handles CREATE TABLE.
func (p *sqlParser) createTable(st *ast.CreateTableStmt) error {
	q := p.qname(st.Table)
	what := fmt.Sprintf("CREATE TABLE %s", q)
	switch {
	case q.Name == "":
		return p.errorf(p.stmtStart, "CREATE TABLE: the table name is empty; name the table")
	case st.TemporaryKeyword != ast.TemporaryNone:
		return p.errorf(p.stmtStart, "%s: temporary tables are not part of a schema; remove TEMPORARY", what)
	case st.ReferTable != nil:
		return p.errorf(p.stmtStart, "%s LIKE: copy the other table's definition out instead", what)
	case st.Select != nil:
		return p.errorf(p.stmtStart, "%s … AS SELECT: tide manages table definitions, not their data; write the columns out", what)
	case st.Partition != nil:
		return p.errorf(p.stmtStart, "%s: partitioning is not managed by tide; remove PARTITION BY", what)
	case len(st.SplitIndex) > 0:
		return p.errorf(p.stmtStart, "%s: SPLIT INDEX is a TiDB option; remove it", what)
	case len(st.Cols) == 0:
		return p.errorf(p.stmtStart, "%s: a table needs at least one column", what)
	}
	if prev := p.tables[q]; prev != nil {
		return p.errorf(p.stmtStart, "table %s is created twice (first at %s)", q, prev.t.Pos)
	}
	if err := p.rejectNational(what); err != nil {
		return err
	}
	t := &schema.Table{Schema: q.Schema, Name: q.Name, Columns: []*schema.Column{}, Pos: p.posAt(p.stmtStart)}
	ts := &tableState{t: t, generated: map[*schema.Index]bool{}}
	e := p.edit(ts)
	for _, it := range p.items(st) {
		var err error
		if it.col != nil {
			var c *schema.Column
			if c, err = e.column(it.col, it.pos); err == nil {
				t.Columns = append(t.Columns, c)
			}
		} else {
			err = e.constraint(it.con, it.pos)
		}
		if err != nil {
			return err
		}
	}
	if err := e.tableOptions(st.Options, what); err != nil {
		return err
	}
	if err := e.commit(); err != nil {
		return err
	}
	p.tables[q] = ts
	p.out.Tables = append(p.out.Tables, t)
	return nil
}

// items returns the columns and constraints of a CREATE TABLE in source
// order with their offsets. The TiDB parser keeps the two in separate
// lists, but the order decides the names MySQL gives unnamed keys, so the
// lexer recovers it; when it cannot, columns come first, at the statement.
func (p *sqlParser) items(st *ast.CreateTableStmt) []item {
	elems, ok := tableElements(p.src, p.stmtStart, p.stmtEnd)
	ncol := 0
	for _, el := range elems {
		if el.column {
			ncol++
		}
	}
	var out []item
	if !ok || ncol != len(st.Cols) || len(elems)-ncol != len(st.Constraints) {
		for _, c := range st.Cols {
			out = append(out, item{col: c, pos: p.stmtStart})
		}
		for _, c := range st.Constraints {
			out = append(out, item{con: c, pos: p.stmtStart})
		}
		return out
	}
	ci, ki := 0, 0
	for _, el := range elems {
		if el.column {
			out = append(out, item{col: st.Cols[ci], pos: el.start})
			ci++
		} else {
			out = append(out, item{con: st.Constraints[ki], pos: el.start})
			ki++
		}
	}
	return out
}

// rejectNational reports NATIONAL / NCHAR / NVARCHAR in the statement: they
// make utf8mb3 columns, and the TiDB parser drops that character set.
func (p *sqlParser) rejectNational(what string) error {
	if w, off := nationalWord(p.src, p.stmtStart, p.stmtEnd); w != "" {
		return p.errorf(off, "%s: %s makes a utf8mb3 column, which tide cannot read from SQL; write the plain type with CHARACTER SET utf8mb3", what, w)
	}
	return nil
}

// tableEdit collects what one statement adds to a table — columns, keys,
// foreign keys, checks — and names the unnamed ones as the server would
// when the statement is committed.
type tableEdit struct {
	p  *sqlParser
	ts *tableState
	t  *schema.Table
	// keys are the statement's new indexes in declaration order.
	keys []keyEntry
	// checks and fks are the statement's new constraints; unnamed ones
	// have Name "".
	checks []*schema.Check
	fks    []*schema.ForeignKey
	// columnChecks names the column of each check declared in a column
	// definition (MariaDB names an unnamed one after its column).
	columnChecks map[*schema.Check]string
	// binaryCols are CHAR … BINARY columns, whose _bin collation needs the
	// table's character set.
	binaryCols []*schema.Column
}

// keyEntry is an index being added (or, in commitKeys, one the table has).
type keyEntry struct {
	ix  *schema.Index
	pos int
	// generated marks the index the server adds for a foreign key; another
	// index that begins with the same columns replaces it.
	generated bool
	// primary marks the primary key, which takes part in that comparison.
	primary bool
}

// edit starts collecting additions to a table.
func (p *sqlParser) edit(ts *tableState) *tableEdit { return &tableEdit{p: p, ts: ts, t: ts.t} }

// errorf is an error at an offset, naming the table.
func (e *tableEdit) errorf(off int, format string, args ...any) error {
	return e.p.errorf(off, "table %s: %s", e.t.QName(), fmt.Sprintf(format, args...))
}

// column reads one column definition.
func (e *tableEdit) column(cd *ast.ColumnDef, off int) (*schema.Column, error) {
	name := cd.Name.Name.O
	if name == "" {
		return nil, e.errorf(off, "a column name is empty; name the column")
	}
	if cd.Name.Table.O != "" || cd.Name.Schema.O != "" {
		return nil, e.errorf(off, "column %s: write the column name without a table", name)
	}
	if columnFold(e.t, name) != nil {
		return nil, e.errorf(off, "column %q is defined twice", name)
	}
	c := &schema.Column{Name: name, Nullable: true, Pos: e.p.posAt(off)}
	typ, err := formatType(cd.Tp, cd.Tp.String())
	if err != nil {
		return nil, e.errorf(off, "column %q: %v", name, err)
	}
	c.Type = typ
	for _, n := range []string{cd.Tp.GetCharset(), cd.Tp.GetCollate()} {
		if n != "" && !isPlainName(n) {
			return nil, e.errorf(off, "column %q: %q is not a valid character set or collation name", name, n)
		}
	}
	if cs := cd.Tp.GetCharset(); cs != "" && cs != "binary" {
		setAttr(&c.Attrs, schema.AttrCharset, canonicalCharset(cs))
	}
	if cl := cd.Tp.GetCollate(); cl != "" && cl != "binary" {
		c.Collation = canonicalCollation(cl)
	}
	if hasBinaryAttribute(cd.Tp) {
		e.binaryCols = append(e.binaryCols, c)
	}
	for _, o := range cd.Options {
		if err := e.columnOption(c, o, off); err != nil {
			return nil, err
		}
	}
	if e.p.d.mariaDB() {
		e.mariaDBJSON(c)
	}
	return c, nil
}

// mariaDBJSON recognises a MariaDB JSON column as SHOW CREATE TABLE prints
// it — longtext in utf8mb4_bin with an unnamed CHECK (json_valid(col)) —
// and makes it a json column again, dropping the check, which the type
// brings with it.
func (e *tableEdit) mariaDBJSON(c *schema.Column) {
	if c.Type != "longtext" || !(c.Collation == "" || c.Collation == "utf8mb4_bin") ||
		!(c.Attrs[schema.AttrCharset] == "" || c.Attrs[schema.AttrCharset] == "utf8mb4") {
		return
	}
	want := "json_valid(" + quoteIdent(c.Name) + ")"
	for i, k := range e.checks {
		if k.Name == "" && e.columnChecks[k] == c.Name && k.Expr == want {
			e.checks = append(e.checks[:i], e.checks[i+1:]...)
			delete(e.columnChecks, k)
			c.Type, c.Collation = "json", ""
			delete(c.Attrs, schema.AttrCharset)
			if len(c.Attrs) == 0 {
				c.Attrs = nil
			}
			return
		}
	}
}

// columnOption applies one column option.
func (e *tableEdit) columnOption(c *schema.Column, o *ast.ColumnOption, off int) error {
	what := fmt.Sprintf("column %q", c.Name)
	switch o.Tp {
	case ast.ColumnOptionNoOption:
	case ast.ColumnOptionNotNull:
		c.Nullable = false
	case ast.ColumnOptionNull:
		c.Nullable = true
	case ast.ColumnOptionPrimaryKey:
		return e.primaryKey([]string{c.Name}, off)
	case ast.ColumnOptionAutoIncrement:
		c.Identity = schema.IdentityByDefault
	case ast.ColumnOptionUniqKey:
		e.keys = append(e.keys, keyEntry{ix: &schema.Index{Unique: true, Parts: []schema.IndexPart{{Column: c.Name}}, Pos: e.p.posAt(off)}, pos: off})
	case ast.ColumnOptionDefaultValue:
		text, isNull, err := defaultText(o.Expr)
		if err != nil {
			return e.errorf(off, "%s: DEFAULT: %v", what, err)
		}
		if !isNull {
			c.Default = typedDefault(c.Type, text)
		}
	case ast.ColumnOptionOnUpdate:
		text, err := onUpdateText(o.Expr)
		if err != nil {
			return e.errorf(off, "%s: ON UPDATE: %v", what, err)
		}
		setAttr(&c.Attrs, schema.AttrOnUpdate, text)
	case ast.ColumnOptionComment:
		v, ok := o.Expr.(ast.ValueExpr)
		if !ok {
			return e.errorf(off, "%s: COMMENT must be a string", what)
		}
		c.Comment = v.GetString()
	case ast.ColumnOptionGenerated:
		text, err := restoreExpr(o.Expr)
		if err != nil {
			return e.errorf(off, "%s: GENERATED ALWAYS AS: %v", what, err)
		}
		c.Generated = text
		if !o.Stored {
			setAttr(&c.Attrs, schema.AttrVirtual, "true")
		}
	case ast.ColumnOptionCollate:
		if !isPlainName(o.StrValue) {
			return e.errorf(off, "%s: %q is not a valid collation name", what, o.StrValue)
		}
		c.Collation = canonicalCollation(o.StrValue)
	case ast.ColumnOptionCheck:
		if !o.Enforced {
			return e.errorf(off, "%s: NOT ENFORCED checks are not supported; remove the check or enforce it", what)
		}
		text, err := restoreExpr(o.Expr)
		if err != nil {
			return e.errorf(off, "%s: CHECK: %v", what, err)
		}
		k := &schema.Check{Name: o.ConstraintName, Expr: text, Pos: e.p.posAt(off)}
		e.checks = append(e.checks, k)
		if e.columnChecks == nil {
			e.columnChecks = map[*schema.Check]string{}
		}
		e.columnChecks[k] = c.Name
	case ast.ColumnOptionReference:
		return e.errorf(off, "%s: MySQL ignores an inline REFERENCES clause; write a table-level FOREIGN KEY (%s) REFERENCES … instead", what, quoteIdent(c.Name))
	case ast.ColumnOptionColumnFormat:
		return e.errorf(off, "%s: COLUMN_FORMAT is not managed by tide; remove it", what)
	case ast.ColumnOptionStorage:
		return e.errorf(off, "%s: STORAGE is not managed by tide; remove it", what)
	default:
		return e.errorf(off, "%s: this column option is not supported (TiDB-only or unknown to tide); remove it", what)
	}
	return nil
}

// primaryKey sets the table's primary key and queues it as a key.
func (e *tableEdit) primaryKey(cols []string, off int) error {
	if e.t.PrimaryKey != nil {
		return e.errorf(off, "a second primary key (%s); a table has one primary key", strings.Join(cols, ", "))
	}
	e.t.PrimaryKey = &schema.PrimaryKey{Columns: cols, Pos: e.p.posAt(off)}
	e.keys = append(e.keys, keyEntry{ix: pkIndex(e.t.PrimaryKey), pos: off, primary: true})
	return nil
}

// pkIndex is the primary key as an index, for key comparisons.
func pkIndex(pk *schema.PrimaryKey) *schema.Index {
	ix := &schema.Index{Name: "PRIMARY", Unique: true}
	for _, c := range pk.Columns {
		ix.Parts = append(ix.Parts, schema.IndexPart{Column: c})
	}
	return ix
}

// constraint reads one table-level key or constraint.
func (e *tableEdit) constraint(con *ast.Constraint, off int) error {
	switch con.Tp {
	case ast.ConstraintPrimaryKey:
		cols, err := e.plainColumns(con.Keys, "primary key", off)
		if err != nil {
			return err
		}
		if err := e.keyOptions(&schema.Index{}, con.Option, "primary key", off); err != nil {
			return err
		}
		return e.primaryKey(cols, off)
	case ast.ConstraintKey, ast.ConstraintIndex, ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex, ast.ConstraintFulltext:
		ix := &schema.Index{Name: con.Name, Pos: e.p.posAt(off)}
		switch con.Tp {
		case ast.ConstraintUniq, ast.ConstraintUniqKey, ast.ConstraintUniqIndex:
			ix.Unique = true
		case ast.ConstraintFulltext:
			ix.Using = "fulltext"
		}
		return e.addIndex(ix, con.Keys, con.Option, off)
	case ast.ConstraintForeignKey:
		return e.foreignKey(con, off)
	case ast.ConstraintCheck:
		what := "check " + con.Name
		if con.Name == "" {
			what = "a check"
		}
		if !con.Enforced {
			return e.errorf(off, "%s: NOT ENFORCED checks are not supported; remove the check or enforce it", what)
		}
		text, err := restoreExpr(con.Expr)
		if err != nil {
			return e.errorf(off, "%s: %v", what, err)
		}
		e.checks = append(e.checks, &schema.Check{Name: con.Name, Expr: text, Pos: e.p.posAt(off)})
		return nil
	}
	return e.errorf(off, "this kind of index (VECTOR or COLUMNAR, TiDB-only) is not supported; remove it")
}

// tableOptions applies ENGINE, CHARSET, COLLATE, COMMENT, AUTO_INCREMENT,
// ROW_FORMAT and KEY_BLOCK_SIZE; other options are errors.
func (e *tableEdit) tableOptions(opts []*ast.TableOption, what string) error {
	t := e.t
	for _, o := range opts {
		if ok, err := parseStorageOption(t, o); ok {
			if err != nil {
				return e.p.errorf(e.p.stmtStart, "%s: %v", what, err)
			}
			continue
		}
		if (o.Tp == ast.TableOptionEngine || o.Tp == ast.TableOptionCharset || o.Tp == ast.TableOptionCollate) && !isPlainName(o.StrValue) {
			return e.p.errorf(e.p.stmtStart, "%s: %q is not a valid engine, character set or collation name", what, o.StrValue)
		}
		switch o.Tp {
		case ast.TableOptionEngine:
			setAttr(&t.Attrs, schema.AttrEngine, canonicalEngine(o.StrValue))
		case ast.TableOptionCharset:
			if o.UintValue == ast.TableOptionCharsetWithConvertTo {
				return e.p.errorf(e.p.stmtStart, "%s: CONVERT TO CHARACTER SET rewrites the data; set the table's and columns' character sets in their definitions instead", what)
			}
			setAttr(&t.Attrs, schema.AttrCharset, canonicalCharset(o.StrValue))
		case ast.TableOptionCollate:
			setAttr(&t.Attrs, schema.AttrCollate, canonicalCollation(o.StrValue))
		case ast.TableOptionComment:
			t.Comment = o.StrValue
		case ast.TableOptionAutoIncrement:
			if o.UintValue > 1 {
				setAttr(&t.Attrs, schema.AttrAutoIncrement, strconv.FormatUint(o.UintValue, 10))
			} else {
				delete(t.Attrs, schema.AttrAutoIncrement)
			}
		default:
			return e.p.errorf(e.p.stmtStart, "%s: table option %s is not managed by tide; remove it (tide manages ENGINE, CHARSET, COLLATE, COMMENT, AUTO_INCREMENT, ROW_FORMAT and KEY_BLOCK_SIZE)", what, restoreOption(o))
		}
	}
	if len(t.Attrs) == 0 {
		t.Attrs = nil
	}
	return nil
}

// setAttr sets key in *m, making the map when it is nil.
func setAttr(m *map[string]string, key, value string) {
	if *m == nil {
		*m = map[string]string{}
	}
	(*m)[key] = value
}

// canonicalCharset spells a character set as information_schema does:
// lower case, with the utf8 alias resolved to utf8mb3 (MySQL 8.0.30+ and
// MariaDB 10.6+ print it so).
func canonicalCharset(cs string) string {
	cs = strings.ToLower(cs)
	if cs == "utf8" {
		return "utf8mb3"
	}
	return cs
}

// canonicalCollation spells a collation as information_schema does.
func canonicalCollation(c string) string {
	c = strings.ToLower(c)
	if strings.HasPrefix(c, "utf8_") {
		return "utf8mb3_" + c[len("utf8_"):]
	}
	return c
}

// engineNames spells the storage engines as information_schema does.
var engineNames = map[string]string{
	"innodb": "InnoDB", "myisam": "MyISAM", "memory": "MEMORY", "heap": "MEMORY", "aria": "Aria",
	"csv": "CSV", "archive": "ARCHIVE", "blackhole": "BLACKHOLE", "mrg_myisam": "MRG_MyISAM",
	"merge": "MRG_MyISAM", "federated": "FEDERATED", "rocksdb": "ROCKSDB", "ndb": "ndbcluster",
	"ndbcluster": "ndbcluster", "sequence": "SEQUENCE", "connect": "CONNECT", "spider": "SPIDER",
}

// canonicalEngine spells a storage engine name canonically.
func canonicalEngine(name string) string {
	if n, ok := engineNames[strings.ToLower(name)]; ok {
		return n
	}
	return name
}
