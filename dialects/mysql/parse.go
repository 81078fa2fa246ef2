package mysql

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pingcap/tidb/pkg/parser/ast"
	"github.com/tidedb/tide/schema"
)

// ParseSQL implements dialects.Parser. It reads MySQL DDL with the TiDB
// parser into the model: CREATE TABLE (columns, inline and table-level
// PRIMARY KEY / UNIQUE / KEY / INDEX / FULLTEXT with prefix lengths, FOREIGN
// KEY, CHECK, DEFAULT, AUTO_INCREMENT, ON UPDATE, COMMENT, CHARACTER SET and
// COLLATE, generated columns, and the table options ENGINE, CHARSET,
// COLLATE, COMMENT, AUTO_INCREMENT, ROW_FORMAT and KEY_BLOCK_SIZE), CREATE
// INDEX, ALTER TABLE … ADD
// COLUMN / ADD INDEX / ADD CONSTRAINT / table options, CREATE DATABASE and
// USE. Types are canonical (see CanonicalType), expressions are in the
// canonical text (see expr.go), and unnamed keys and constraints get the
// names the server would give them. Any other statement, and any clause the
// model cannot hold, is an error (a *schema.Error) at the statement's or
// table element's file:line:col that names it.
func (d Dialect) ParseSQL(file string, src []byte) (*schema.Schema, error) {
	p := &sqlParser{
		d:       d,
		file:    file,
		src:     blankTypedLiterals(string(src)),
		out:     &schema.Schema{Dialect: "mysql"},
		tables:  map[schema.QName]*tableState{},
		current: d.Database,
	}
	if err := p.parse(); err != nil {
		return nil, err
	}
	return p.out, nil
}

// sqlParser holds the state of one ParseSQL call.
type sqlParser struct {
	d    Dialect
	file string
	src  string
	out  *schema.Schema
	// tables indexes the parsed tables by name, with their naming state.
	tables map[schema.QName]*tableState
	// current is the database of unqualified names (USE changes it).
	current string
	// stmtStart and stmtEnd delimit the current statement in src.
	stmtStart, stmtEnd int
	// lineStarts holds the byte offset of every line's start (built lazily).
	lineStarts []int
}

// parse parses the whole file with the TiDB parser, then handles its
// statements in order, finding each statement's place in the source.
func (p *sqlParser) parse() error {
	stmts, err := parseStatements(p.src)
	if err != nil {
		return p.syntaxError(err)
	}
	pos := 0
	for _, st := range stmts {
		text := st.Text()
		start := pos
		if i := strings.Index(p.src[pos:], text); i >= 0 && text != "" {
			start = pos + i
			pos = start + len(text)
		}
		p.stmtStart, p.stmtEnd = firstToken(p.src, start), max(pos, start)
		if err := p.statement(st); err != nil {
			return err
		}
	}
	return p.finish()
}

// statement dispatches one top-level statement.
func (p *sqlParser) statement(n ast.StmtNode) error {
	switch st := n.(type) {
	case *ast.CreateTableStmt:
		return p.createTable(st)
	case *ast.CreateIndexStmt:
		return p.createIndex(st)
	case *ast.AlterTableStmt:
		return p.alterTable(st)
	case *ast.CreateDatabaseStmt:
		return p.createDatabase(st)
	case *ast.UseStmt:
		p.current = st.DBName
		return nil
	}
	return p.unsupported(p.statementKind(n))
}

// supportedStatements is said in every "unsupported statement" error.
const supportedStatements = "SQL files may hold only CREATE TABLE, CREATE INDEX, ALTER TABLE … ADD, CREATE DATABASE and USE; remove it or write it in HCL"

// unsupported is the error for a statement tide does not read.
func (p *sqlParser) unsupported(kind string) error {
	return p.errorf(p.stmtStart, "unsupported statement %s: %s", kind, supportedStatements)
}

// statementKinds names the statements people commonly put in DDL files.
var statementKinds = map[string]string{
	"SetStmt": "SET", "DropTableStmt": "DROP TABLE", "DropDatabaseStmt": "DROP DATABASE",
	"InsertStmt": "INSERT", "UpdateStmt": "UPDATE", "DeleteStmt": "DELETE", "SelectStmt": "SELECT",
	"CreateViewStmt": "CREATE VIEW", "CreateSequenceStmt": "CREATE SEQUENCE", "LockTablesStmt": "LOCK TABLES",
	"UnlockTablesStmt": "UNLOCK TABLES", "RenameTableStmt": "RENAME TABLE", "TruncateTableStmt": "TRUNCATE",
	"DropIndexStmt": "DROP INDEX", "CreateUserStmt": "CREATE USER", "GrantStmt": "GRANT", "RevokeStmt": "REVOKE",
	"BeginStmt": "BEGIN", "CommitStmt": "COMMIT", "RollbackStmt": "ROLLBACK", "AlterDatabaseStmt": "ALTER DATABASE",
	"CreateProcedureInfo": "CREATE PROCEDURE", "AnalyzeTableStmt": "ANALYZE TABLE", "FlushStmt": "FLUSH",
	"SetOprStmt": "SELECT … UNION", "DropSequenceStmt": "DROP SEQUENCE", "DropViewStmt": "DROP VIEW",
}

// statementKind names a statement for an error message.
func (p *sqlParser) statementKind(n ast.StmtNode) string {
	name := reflect.TypeOf(n).Elem().Name()
	if k, ok := statementKinds[name]; ok {
		return k
	}
	if w := leadingWords(p.src, p.stmtStart, p.stmtEnd, 2); len(w) > 0 {
		return strings.Join(w, " ")
	}
	return name
}

// nearMessage matches the position part of a TiDB syntax error.
var nearMessage = regexp.MustCompile(`(?s)^line (\d+) column (\d+) near "(.*)"(.*)$`)

// totalLength matches the remainder length TiDB gives when it cut the
// "near" text.
var totalLength = regexp.MustCompile(`\(total length (\d+)\)\s*$`)

// syntaxError converts a TiDB parse error into a positioned schema.Error.
// TiDB's "near" text is the source from the failing token to the end, so
// its length gives the offset exactly. Statements the parser does not know
// at all (triggers, procedures, DELIMITER) are reported as unsupported
// statements, and types it lacks are named.
func (p *sqlParser) syntaxError(err error) error {
	if pp, ok := err.(parserPanic); ok {
		return p.parserPanicError(pp)
	}
	m := nearMessage.FindStringSubmatch(err.Error())
	if m == nil {
		return &schema.Error{Pos: schema.Pos{File: p.file}, Msg: "SQL syntax error: " + err.Error()}
	}
	near := m[3]
	off := -1
	if t := totalLength.FindStringSubmatch(m[4]); t != nil {
		if n, err := strconv.Atoi(t[1]); err == nil && n <= len(p.src) {
			off = len(p.src) - n
		}
	} else if strings.HasSuffix(p.src, near) {
		off = len(p.src) - len(near)
	}
	if off < 0 { // fall back to TiDB's line (its column counts bytes after the token)
		line, _ := strconv.Atoi(m[1])
		off = p.lineOffset(line)
	}
	start, end := statementAt(p.src, off)
	p.stmtStart, p.stmtEnd = firstToken(p.src, start), end
	words := leadingWords(p.src, p.stmtStart, end, 2)
	if kind := unparsedKind(words); kind != "" {
		return p.unsupported(kind)
	}
	l := &lexer{src: p.src, pos: off}
	if t := l.next(); t.kind == tokWord && serverOnlyTypes[strings.ToLower(t.text)] {
		return p.errorf(off, "type %s is not understood by the SQL parser tide uses (TiDB's); declare this table in HCL, where type = %q is accepted", strings.ToLower(t.text), strings.ToLower(t.text))
	}
	shown := near
	if i := strings.IndexAny(shown, "\n"); i >= 0 {
		shown = shown[:i]
	}
	if len(shown) > 40 {
		shown = shown[:40] + "…"
	}
	if shown == "" {
		return p.errorf(off, "SQL syntax error at the end of the input")
	}
	return p.errorf(off, "SQL syntax error near %q", shown)
}

// maxNumberDigits is the longest numeric literal the TiDB parser's value
// driver holds.
const maxNumberDigits = 81

// parserPanicError positions a parser panic at the numeric literal that is
// too long, its usual cause.
func (p *sqlParser) parserPanicError(pp parserPanic) error {
	l := &lexer{src: p.src}
	for t := l.next(); t.kind != tokEOF; t = l.next() {
		if t.kind == tokWord && t.text[0] >= '0' && t.text[0] <= '9' && len(t.text) > maxNumberDigits {
			return p.errorf(t.start, "a number of %d digits is too long for the SQL parser tide uses (at most %d); shorten it", len(t.text), maxNumberDigits)
		}
	}
	return &schema.Error{Pos: schema.Pos{File: p.file}, Msg: pp.Error()}
}

// unparsedKinds are statements the TiDB parser rejects outright, by their
// leading keywords.
var unparsedKinds = map[string]string{
	"CREATE TRIGGER": "CREATE TRIGGER", "CREATE PROCEDURE": "CREATE PROCEDURE", "CREATE FUNCTION": "CREATE FUNCTION",
	"CREATE EVENT": "CREATE EVENT", "DELIMITER": "DELIMITER", "ALTER EVENT": "ALTER EVENT",
	"DROP TRIGGER": "DROP TRIGGER", "DROP PROCEDURE": "DROP PROCEDURE", "DROP FUNCTION": "DROP FUNCTION",
	"DROP EVENT": "DROP EVENT", "CREATE AGGREGATE": "CREATE AGGREGATE FUNCTION", "CREATE SQL": "CREATE VIEW",
}

// unparsedKind names an unsupported statement from its leading keywords.
func unparsedKind(words []string) string {
	if len(words) == 0 {
		return ""
	}
	if k, ok := unparsedKinds[words[0]]; ok {
		return k
	}
	if len(words) > 1 {
		return unparsedKinds[words[0]+" "+words[1]]
	}
	return ""
}

// errorf returns a schema.Error at a byte offset of the source.
func (p *sqlParser) errorf(offset int, format string, args ...any) error {
	return &schema.Error{Pos: p.posAt(offset), Msg: fmt.Sprintf(format, args...)}
}

// posAt converts a byte offset into file:line:col (columns count characters).
func (p *sqlParser) posAt(offset int) schema.Pos {
	offset = min(max(offset, 0), len(p.src))
	p.indexLines()
	line := sort.Search(len(p.lineStarts), func(i int) bool { return p.lineStarts[i] > offset })
	lineStart := p.lineStarts[line-1]
	return schema.Pos{File: p.file, Line: line, Column: utf8.RuneCountInString(p.src[lineStart:offset]) + 1}
}

// lineOffset returns the offset of the 1-based line's start.
func (p *sqlParser) lineOffset(line int) int {
	p.indexLines()
	if line < 1 || line > len(p.lineStarts) {
		return len(p.src)
	}
	return p.lineStarts[line-1]
}

func (p *sqlParser) indexLines() {
	if p.lineStarts != nil {
		return
	}
	p.lineStarts = []int{0}
	for i := 0; i < len(p.src); i++ {
		if p.src[i] == '\n' {
			p.lineStarts = append(p.lineStarts, i+1)
		}
	}
}

// qname reads a table name; unqualified names are in the current database.
func (p *sqlParser) qname(tn *ast.TableName) schema.QName {
	s := tn.Schema.O
	if s == "" {
		s = p.current
	}
	return schema.QName{Schema: s, Name: tn.Name.O}
}

// createDatabase handles CREATE DATABASE / SCHEMA: a namespace.
func (p *sqlParser) createDatabase(st *ast.CreateDatabaseStmt) error {
	if len(st.Options) > 0 {
		return p.errorf(p.stmtStart, "CREATE DATABASE %s: database options (character set, collation, …) are not managed by tide; remove them", st.Name.O)
	}
	if prev := p.out.Namespace(st.Name.O); prev != nil {
		if st.IfNotExists {
			return nil
		}
		return p.errorf(p.stmtStart, "database %s is created twice (first at %s)", st.Name.O, prev.Pos)
	}
	p.out.Namespaces = append(p.out.Namespaces, &schema.Namespace{Name: st.Name.O, Pos: p.posAt(p.stmtStart)})
	return nil
}

// finish resolves what needs the whole file: the referenced columns of
// foreign keys to tables of the file (spelled as those tables spell them),
// and the NOT NULL that primary keys and AUTO_INCREMENT imply.
func (p *sqlParser) finish() error {
	for _, t := range p.out.Tables {
		for _, fk := range t.ForeignKeys {
			ref := p.tables[fk.RefQName()]
			if ref == nil {
				continue
			}
			for i, name := range fk.RefColumns {
				c := columnFold(ref.t, name)
				if c == nil {
					return &schema.Error{Pos: fk.Pos, Msg: fmt.Sprintf("table %s: foreign key %s references column %q, which table %s does not have", t.QName(), fk.Name, name, ref.t.QName())}
				}
				fk.RefColumns[i] = c.Name
			}
		}
		applyImpliedNotNull(t)
	}
	return nil
}

// applyImpliedNotNull marks primary key and AUTO_INCREMENT columns NOT
// NULL, as the server does.
func applyImpliedNotNull(t *schema.Table) {
	if t.PrimaryKey != nil {
		for _, name := range t.PrimaryKey.Columns {
			if c := t.Column(name); c != nil {
				c.Nullable = false
			}
		}
	}
	for _, c := range t.Columns {
		if c.Identity != "" {
			c.Nullable = false
		}
	}
}
