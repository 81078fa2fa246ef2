package postgres

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"github.com/pganalyze/pg_query_go/v5/parser"
	"github.com/tidedb/tide/schema"
)

// ParseSQL implements dialects.Parser. It reads PostgreSQL DDL with
// PostgreSQL's own parser (pg_query) into the model: CREATE SCHEMA, TABLE,
// INDEX, TYPE … AS ENUM, SEQUENCE and VIEW, ALTER TABLE … ADD COLUMN / ADD
// CONSTRAINT, ALTER SEQUENCE, and COMMENT ON SCHEMA/TABLE/VIEW/COLUMN.
// Expressions are kept as pg_query deparses them; unnamed constraints and
// indexes get the names PostgreSQL would give them. Any other statement, and
// any clause the model cannot hold, is an error (a *schema.Error) at the
// statement's or clause's file:line:col.
func (Dialect) ParseSQL(file string, src []byte) (*schema.Schema, error) {
	p := &sqlParser{
		file:   file,
		src:    string(src),
		out:    &schema.Schema{Dialect: "postgres"},
		scopes: map[string]*nameScope{},
		tables: map[schema.QName]*schema.Table{},
	}
	if err := p.parse(); err != nil {
		return nil, err
	}
	return p.out, nil
}

// sqlParser holds the state of one ParseSQL call.
type sqlParser struct {
	file string
	src  string
	out  *schema.Schema
	// scopes are the taken names per PostgreSQL schema, for generated names.
	scopes map[string]*nameScope
	// stmtStart is the byte offset of the current statement's first token.
	stmtStart int
	// tables indexes p.out.Tables by name (parsing looks tables up once per
	// statement; a linear search made large files quadratic).
	tables map[schema.QName]*schema.Table
	// base is the file offset of the statement being parsed: node
	// locations are relative to it.
	base int
	// lineStarts holds the byte offset of every line's start (built lazily).
	lineStarts []int
}

// parse reads the file one statement at a time: the scanner splits it, and
// each statement is parsed on its own, so that the parse tree of only one
// statement is alive at a time (a 10,000-table file's whole tree takes
// hundreds of megabytes). Node locations are relative to the statement;
// p.base turns them back into file offsets.
func (p *sqlParser) parse() error {
	pieces, err := pg_query.SplitWithScanner(p.src, false)
	if err != nil { // a lexical error: the whole-file parse positions it
		if _, perr := pg_query.Parse(p.src); perr != nil {
			return p.syntaxError(perr, 0, p.src)
		}
		return &schema.Error{Pos: schema.Pos{File: p.file}, Msg: "SQL syntax error: " + err.Error()}
	}
	if !coversSource(p.src, pieces) {
		return p.parseWhole()
	}
	pos := 0
	err = parsePieces(pieces, func(i int, r parsedPiece) error {
		piece := pieces[i]
		base := pos + strings.Index(p.src[pos:], piece)
		pos = base + len(piece)
		if r.err != nil {
			return p.syntaxError(r.err, base, piece)
		}
		return p.statements(r.tree, base)
	})
	if err != nil {
		return err
	}
	p.base = 0
	return p.finish()
}

// statements handles the statements of a parse of the text at file offset base.
func (p *sqlParser) statements(tree *pg_query.ParseResult, base int) error {
	p.base = base
	for _, raw := range tree.Stmts {
		p.stmtStart = skipSpaceAndComments(p.src, base+int(raw.StmtLocation))
		if err := p.statement(raw.GetStmt()); err != nil {
			return err
		}
	}
	return nil
}

// parseWhole parses the file in one piece: the fallback when the scanner
// cannot split it (malformed input), so that the error is positioned exactly.
func (p *sqlParser) parseWhole() error {
	tree, err := pg_query.Parse(p.src)
	if err != nil {
		return p.syntaxError(err, 0, p.src)
	}
	if err := p.statements(tree, 0); err != nil {
		return err
	}
	return p.finish()
}

// coversSource reports whether the scanner's pieces, found in order, leave
// nothing of src but white space, comments and semicolons between them.
func coversSource(src string, pieces []string) bool {
	pos := 0
	gapOK := func(gap string) bool {
		for {
			i := skipSpaceAndComments(gap, 0)
			if i >= len(gap) {
				return true
			}
			if gap[i] != ';' {
				return false
			}
			gap = gap[i+1:]
		}
	}
	for _, piece := range pieces {
		i := strings.Index(src[pos:], piece)
		if i < 0 || !gapOK(src[pos:pos+i]) {
			return false
		}
		pos += i + len(piece)
	}
	return gapOK(src[pos:])
}

// syntaxError converts pg_query's error (its cursor is a 1-based character
// position in text, which starts at byte base of the file) into a
// positioned schema.Error.
func (p *sqlParser) syntaxError(err error, base int, text string) error {
	var pe *parser.Error
	if errors.As(err, &pe) {
		off := base + len(text)
		if pe.Cursorpos > 0 {
			off = base + charToByteOffset(text, pe.Cursorpos-1)
		}
		return &schema.Error{Pos: p.posAt(off), Msg: "SQL syntax error: " + pe.Message}
	}
	return &schema.Error{Pos: schema.Pos{File: p.file}, Msg: "SQL syntax error: " + err.Error()}
}

// statement dispatches one top-level statement.
func (p *sqlParser) statement(n *pg_query.Node) error {
	switch st := n.GetNode().(type) {
	case *pg_query.Node_CreateSchemaStmt:
		return p.createSchema(st.CreateSchemaStmt)
	case *pg_query.Node_CreateStmt:
		return p.createTable(st.CreateStmt)
	case *pg_query.Node_IndexStmt:
		return p.createIndex(st.IndexStmt)
	case *pg_query.Node_CreateEnumStmt:
		return p.createEnum(st.CreateEnumStmt)
	case *pg_query.Node_CreateSeqStmt:
		return p.createSequence(st.CreateSeqStmt)
	case *pg_query.Node_AlterSeqStmt:
		return p.alterSequence(st.AlterSeqStmt)
	case *pg_query.Node_ViewStmt:
		return p.createView(st.ViewStmt)
	case *pg_query.Node_AlterTableStmt:
		return p.alterTable(st.AlterTableStmt)
	case *pg_query.Node_CommentStmt:
		return p.comment(st.CommentStmt)
	}
	return p.errorf(-1, "unsupported statement %s: SQL files may hold only CREATE SCHEMA, CREATE TABLE, CREATE INDEX, CREATE TYPE … AS ENUM, CREATE SEQUENCE, CREATE VIEW, ALTER TABLE … ADD COLUMN/CONSTRAINT, ALTER SEQUENCE and COMMENT ON; remove it or write it in HCL", p.statementKind(n))
}

// statementKinds names statements people commonly put in DDL files.
var statementKinds = map[string]string{
	"VariableSetStmt":            "SET",
	"CreateExtensionStmt":        "CREATE EXTENSION",
	"CreateFunctionStmt":         "CREATE FUNCTION",
	"CreateTrigStmt":             "CREATE TRIGGER",
	"CreateDomainStmt":           "CREATE DOMAIN",
	"CompositeTypeStmt":          "CREATE TYPE … AS (composite)",
	"CreateRangeStmt":            "CREATE TYPE … AS RANGE",
	"CreateTableAsStmt":          "CREATE TABLE AS / CREATE MATERIALIZED VIEW",
	"DropStmt":                   "DROP",
	"InsertStmt":                 "INSERT",
	"UpdateStmt":                 "UPDATE",
	"DeleteStmt":                 "DELETE",
	"SelectStmt":                 "SELECT",
	"GrantStmt":                  "GRANT/REVOKE",
	"GrantRoleStmt":              "GRANT/REVOKE role",
	"AlterOwnerStmt":             "ALTER … OWNER TO",
	"AlterEnumStmt":              "ALTER TYPE … ADD VALUE",
	"RenameStmt":                 "ALTER … RENAME",
	"TransactionStmt":            "BEGIN/COMMIT/ROLLBACK",
	"CreatePolicyStmt":           "CREATE POLICY",
	"RuleStmt":                   "CREATE RULE",
	"CreateRoleStmt":             "CREATE ROLE",
	"AlterDefaultPrivilegesStmt": "ALTER DEFAULT PRIVILEGES",
}

// statementKind names a statement for an error message.
func (p *sqlParser) statementKind(n *pg_query.Node) string {
	msg := n.ProtoReflect()
	name := "(empty)"
	if fd := msg.WhichOneof(msg.Descriptor().Oneofs().ByName("node")); fd != nil {
		name = string(fd.Message().Name())
	}
	if k, ok := statementKinds[name]; ok {
		return k + " (" + name + ")"
	}
	return name
}

// errorf returns a schema.Error at a byte offset of the source (or at the
// current statement when the offset is unknown, i.e. negative).
func (p *sqlParser) errorf(offset int32, format string, args ...any) error {
	return &schema.Error{Pos: p.posOf(offset), Msg: fmt.Sprintf(format, args...)}
}

// posOf converts a node location into a position; negative locations (unknown)
// fall back to the current statement's start.
func (p *sqlParser) posOf(offset int32) schema.Pos {
	if offset < 0 || p.base+int(offset) > len(p.src) {
		return p.posAt(p.stmtStart)
	}
	return p.posAt(p.base + int(offset))
}

// table returns the parsed table with the name, or nil.
func (p *sqlParser) table(q schema.QName) *schema.Table {
	if p.tables == nil {
		p.tables = map[schema.QName]*schema.Table{}
	}
	return p.tables[q]
}

// posAt converts a byte offset into file:line:col (columns count characters).
// Line starts are indexed once per file, so each lookup is a binary search.
func (p *sqlParser) posAt(offset int) schema.Pos {
	if offset > len(p.src) {
		offset = len(p.src)
	}
	if p.lineStarts == nil {
		p.lineStarts = []int{0}
		for i := 0; i < len(p.src); i++ {
			if p.src[i] == '\n' {
				p.lineStarts = append(p.lineStarts, i+1)
			}
		}
	}
	// The line is the last one starting at or before offset.
	line := sort.Search(len(p.lineStarts), func(i int) bool { return p.lineStarts[i] > offset })
	lineStart := p.lineStarts[line-1]
	return schema.Pos{File: p.file, Line: line, Column: utf8.RuneCountInString(p.src[lineStart:offset]) + 1}
}

// charToByteOffset converts a 0-based character index into a byte offset.
func charToByteOffset(s string, chars int) int {
	n := 0
	for i := range s {
		if n == chars {
			return i
		}
		n++
	}
	return len(s)
}

// skipSpaceAndComments returns the offset of the first token at or after
// off: statement locations include the whitespace and comments before them.
func skipSpaceAndComments(s string, off int) int {
	for off < len(s) {
		switch {
		case s[off] == ' ' || s[off] == '\t' || s[off] == '\n' || s[off] == '\r' || s[off] == '\f' || s[off] == '\v':
			off++
		case strings.HasPrefix(s[off:], "--"):
			nl := strings.IndexByte(s[off:], '\n')
			if nl < 0 {
				return len(s)
			}
			off += nl + 1
		case strings.HasPrefix(s[off:], "/*"):
			depth := 0
			i := off
			for i < len(s) {
				if strings.HasPrefix(s[i:], "/*") {
					depth++
					i += 2
				} else if strings.HasPrefix(s[i:], "*/") {
					depth--
					i += 2
					if depth == 0 {
						break
					}
				} else {
					i++
				}
			}
			off = i
		default:
			return off
		}
	}
	return off
}

// scope returns the name scope of a PostgreSQL schema.
func (p *sqlParser) scope(schemaName string) *nameScope {
	s, ok := p.scopes[schemaName]
	if !ok {
		s = newNameScope()
		p.scopes[schemaName] = s
	}
	return s
}

// qnameOf reads a RangeVar as a qualified name (default schema public).
func (p *sqlParser) qnameOf(rv *pg_query.RangeVar) (schema.QName, error) {
	if rv == nil {
		return schema.QName{}, p.errorf(-1, "missing object name")
	}
	if rv.Catalogname != "" {
		return schema.QName{}, p.errorf(rv.Location, "cross-database reference %s.%s.%s: name objects as schema.name", rv.Catalogname, rv.Schemaname, rv.Relname)
	}
	s := rv.Schemaname
	if s == "" {
		s = "public"
	}
	return schema.QName{Schema: s, Name: rv.Relname}, nil
}

// qnameOfList reads a name list ([schema.]name) as a qualified name.
func (p *sqlParser) qnameOfList(names []*pg_query.Node) (schema.QName, error) {
	parts, err := p.strings(names)
	if err != nil {
		return schema.QName{}, err
	}
	switch len(parts) {
	case 1:
		return schema.QName{Schema: "public", Name: parts[0]}, nil
	case 2:
		return schema.QName{Schema: parts[0], Name: parts[1]}, nil
	}
	return schema.QName{}, p.errorf(-1, "invalid name %s: write [schema.]name", strings.Join(parts, "."))
}

// strings reads a list of String nodes.
func (p *sqlParser) strings(nodes []*pg_query.Node) ([]string, error) {
	out := make([]string, 0, len(nodes))
	for _, n := range nodes {
		s := n.GetString_()
		if s == nil {
			return nil, p.errorf(-1, "expected a name, found %s", p.statementKind(n))
		}
		out = append(out, s.Sval)
	}
	return out, nil
}

// expr deparses an expression node into its canonical text.
func (p *sqlParser) expr(n *pg_query.Node, what string) (string, error) {
	s, err := deparseExpr(n)
	if err != nil {
		return "", p.errorf(-1, "%s: %v", what, err)
	}
	return s, nil
}

// createSchema handles CREATE SCHEMA.
func (p *sqlParser) createSchema(st *pg_query.CreateSchemaStmt) error {
	if st.Authrole != nil {
		return p.errorf(-1, "CREATE SCHEMA %s AUTHORIZATION: schema owners are not managed by tide; remove AUTHORIZATION", st.Schemaname)
	}
	if len(st.SchemaElts) > 0 {
		return p.errorf(-1, "CREATE SCHEMA %s with embedded statements: write each CREATE as its own statement", st.Schemaname)
	}
	if prev := p.out.Namespace(st.Schemaname); prev != nil {
		return p.errorf(-1, "schema %s is defined twice (first at %s)", st.Schemaname, prev.Pos)
	}
	p.out.Namespaces = append(p.out.Namespaces, &schema.Namespace{Name: st.Schemaname, Pos: p.posAt(p.stmtStart)})
	return nil
}

// createEnum handles CREATE TYPE … AS ENUM.
func (p *sqlParser) createEnum(st *pg_query.CreateEnumStmt) error {
	q, err := p.qnameOfList(st.TypeName)
	if err != nil {
		return err
	}
	if prev := p.out.Enum(q); prev != nil {
		return p.errorf(-1, "type %s is defined twice (first at %s)", q, prev.Pos)
	}
	vals, err := p.strings(st.Vals)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, v := range vals {
		if seen[v] {
			return p.errorf(-1, "enum %s lists the value %q twice", q, v)
		}
		seen[v] = true
	}
	if vals == nil {
		vals = []string{}
	}
	p.out.Enums = append(p.out.Enums, &schema.Enum{Schema: q.Schema, Name: q.Name, Values: vals, Pos: p.posAt(p.stmtStart)})
	return nil
}

// createView handles CREATE [OR REPLACE] VIEW.
func (p *sqlParser) createView(st *pg_query.ViewStmt) error {
	q, err := p.qnameOf(st.View)
	if err != nil {
		return err
	}
	switch {
	case st.View.Relpersistence != "" && st.View.Relpersistence != "p":
		return p.errorf(-1, "view %s: temporary views are not part of a schema; remove TEMPORARY", q)
	case len(st.Aliases) > 0:
		return p.errorf(-1, "view %s: a column name list is not supported; name the columns with AS in the SELECT", q)
	case len(st.Options) > 0:
		return p.errorf(-1, "view %s: WITH (…) options are not supported; remove them", q)
	case st.WithCheckOption != pg_query.ViewCheckOption_NO_CHECK_OPTION && st.WithCheckOption != pg_query.ViewCheckOption_VIEW_CHECK_OPTION_UNDEFINED:
		return p.errorf(-1, "view %s: WITH CHECK OPTION is not supported; remove it", q)
	}
	if prev := p.out.View(q); prev != nil {
		return p.errorf(-1, "view %s is defined twice (first at %s)", q, prev.Pos)
	}
	if err := p.claimRelation(q, "view"); err != nil {
		return err
	}
	def, err := deparseQuery(st.Query)
	if err != nil {
		return p.errorf(-1, "view %s: %v", q, err)
	}
	p.out.Views = append(p.out.Views, &schema.View{Schema: q.Schema, Name: q.Name, Def: def, Pos: p.posAt(p.stmtStart)})
	return nil
}

// claimRelation records a new relation name (table, view, sequence) in its
// schema, or reports that the name is already used by another relation.
func (p *sqlParser) claimRelation(q schema.QName, kind string) error {
	sc := p.scope(q.Schema)
	if sc.relations[q.Name] {
		return p.errorf(-1, "%s %s: a table, view, sequence or index named %q already exists in schema %s", kind, q, q.Name, q.Schema)
	}
	sc.relations[q.Name] = true
	return nil
}

// comment handles COMMENT ON SCHEMA/TABLE/VIEW/COLUMN.
func (p *sqlParser) comment(st *pg_query.CommentStmt) error {
	switch st.Objtype {
	case pg_query.ObjectType_OBJECT_SCHEMA:
		s := st.GetObject().GetString_()
		if s == nil {
			return p.errorf(-1, "COMMENT ON SCHEMA: expected a schema name")
		}
		ns := p.out.Namespace(s.Sval)
		if ns == nil {
			if s.Sval != "public" {
				return p.errorf(-1, "COMMENT ON SCHEMA %s: the schema is not created earlier in this file; add CREATE SCHEMA %s before the comment", s.Sval, s.Sval)
			}
			ns = &schema.Namespace{Name: "public", Pos: p.posAt(p.stmtStart)}
			p.out.Namespaces = append(p.out.Namespaces, ns)
		}
		ns.Comment = st.Comment
		return nil
	case pg_query.ObjectType_OBJECT_TABLE, pg_query.ObjectType_OBJECT_VIEW:
		q, err := p.qnameOfList(st.GetObject().GetList().GetItems())
		if err != nil {
			return err
		}
		if st.Objtype == pg_query.ObjectType_OBJECT_TABLE {
			t := p.table(q)
			if t == nil {
				return p.errorf(-1, "COMMENT ON TABLE %s: the table is not created earlier in this file; put the comment after its CREATE TABLE", q)
			}
			t.Comment = st.Comment
			return nil
		}
		v := p.out.View(q)
		if v == nil {
			return p.errorf(-1, "COMMENT ON VIEW %s: the view is not created earlier in this file; put the comment after its CREATE VIEW", q)
		}
		v.Comment = st.Comment
		return nil
	case pg_query.ObjectType_OBJECT_COLUMN:
		parts, err := p.strings(st.GetObject().GetList().GetItems())
		if err != nil {
			return err
		}
		var q schema.QName
		switch len(parts) {
		case 2:
			q = schema.QName{Schema: "public", Name: parts[0]}
		case 3:
			q = schema.QName{Schema: parts[0], Name: parts[1]}
		default:
			return p.errorf(-1, "COMMENT ON COLUMN %s: write [schema.]table.column", strings.Join(parts, "."))
		}
		col := parts[len(parts)-1]
		t := p.table(q)
		if t == nil {
			return p.errorf(-1, "COMMENT ON COLUMN %s.%s: the table is not created earlier in this file (view column comments are not supported)", q, col)
		}
		c := t.Column(col)
		if c == nil {
			return p.errorf(-1, "COMMENT ON COLUMN %s.%s: table %s has no column %q", q, col, q, col)
		}
		c.Comment = st.Comment
		return nil
	}
	return p.errorf(-1, "unsupported COMMENT ON %s: only SCHEMA, TABLE, VIEW and COLUMN comments are managed", strings.TrimPrefix(st.Objtype.String(), "OBJECT_"))
}

// finish resolves what needs the whole file: foreign keys that reference a
// primary key implicitly, and the NOT NULL that keys and identities imply.
func (p *sqlParser) finish() error {
	for _, t := range p.out.Tables {
		for _, fk := range t.ForeignKeys {
			if len(fk.RefColumns) > 0 {
				continue
			}
			if ref := p.table(fk.RefQName()); ref != nil && ref.PrimaryKey != nil {
				fk.RefColumns = append([]string(nil), ref.PrimaryKey.Columns...)
			}
		}
		applyImpliedNotNull(t)
	}
	return nil
}

// applyImpliedNotNull marks primary key, identity and serial columns NOT
// NULL, as PostgreSQL does.
func applyImpliedNotNull(t *schema.Table) {
	if t.PrimaryKey != nil {
		for _, name := range t.PrimaryKey.Columns {
			if c := t.Column(name); c != nil {
				c.Nullable = false
			}
		}
	}
	for _, c := range t.Columns {
		if c.Identity != "" || IsSerialType(c.Type) {
			c.Nullable = false
		}
	}
}
