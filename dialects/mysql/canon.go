package mysql

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// The methods below make the dialect an inspect.FastNormalizer with an
// inspect.ScratchPolicy: a live plan then creates in the shadow database
// only scratch tables (in the shadow database itself, under names no
// desired table or column starts with) that hold each distinct column
// definition, check and index once, in a table with the same character
// set, collation and engine as the desired table it stands for, plus the
// tables NeedsShadow names. The server's spellings of the column types,
// character sets, collations, defaults, ON UPDATE, generated columns,
// checks and indexes (a prefix as long as the column is no prefix, a long
// unique key is a HASH key, a long key is shortened to a prefix) are read
// back and written into the offline-normalised tables. The live test
// TestFastNormalizeMatchesWholeShadowMySQL in cmd/tide holds the result
// equal to loading the whole desired schema.

// Limits of what NeedsShadow and ScratchFits trust to create: InnoDB's
// 1,017 columns and 64 indexes per table, the server's 65,535-byte row,
// InnoDB's ~8,126-byte row on its page (columns longer than 255 bytes may
// go off the page, leaving a 20-byte pointer; counted as 40 here), 3,072
// key bytes, 64-character names and the comment lengths. The estimates err
// on the small side: a table beyond them is created whole.
const (
	maxScratchColumns = 1000
	maxScratchIndexes = 60
	maxRowBytes       = 60000
	maxInlineBytes    = 7000
	maxKeyBytes       = 3072
	maxNameLength     = 64
	maxTableComment   = 2048
	maxColumnComment  = 1024
)

// NeedsShadow reports whether desired table t must be created whole in the
// shadow database, because what the server makes of it depends on the
// whole table or on settings the dialect does not know, or because the
// server may refuse it for a reason scratch tables would not show:
//
//   - a storage engine other than the server's default (MyISAM drops
//     foreign keys, MEMORY refuses text columns, …), or a ROW_FORMAT or
//     KEY_BLOCK_SIZE (COMPACT and REDUNDANT allow 767-byte keys, a
//     compressed page holds shorter rows);
//   - a NOT NULL timestamp column without a default, which gets one when
//     explicit_defaults_for_timestamp is off;
//   - an AUTO_INCREMENT column with a default or a generated expression;
//   - a primary key on long or text columns, or names and comments beyond
//     the server's lengths;
//   - a row, column count or index count beyond the limits above;
//   - on MariaDB, a check named like a json column (whose json_valid check
//     has that name).
func (d Dialect) NeedsShadow(t *schema.Table) bool {
	if t.Attrs[schema.AttrEngine] != "" || t.Attrs[schema.AttrRowFormat] != "" || t.Attrs[schema.AttrKeyBlockSize] != "" || len(t.Name) > maxNameLength || len([]rune(t.Comment)) > maxTableComment {
		return true
	}
	cs := d.tableCharset(t)
	jsonCols := map[string]bool{}
	for _, c := range t.Columns {
		base, _ := typeBase(c.Type)
		switch {
		case base == "timestamp" && !c.Nullable && c.Default == "" && c.Generated == "":
			return true
		case c.Identity != "" && (c.Default != "" || c.Generated != ""):
			return true
		case len(c.Name) > maxNameLength || len([]rune(c.Comment)) > maxColumnComment:
			return true
		case base == "json":
			jsonCols[strings.ToLower(c.Name)] = true
		}
	}
	for _, k := range t.Checks {
		if len(k.Name) > maxNameLength || (d.mariaDB() && jsonCols[strings.ToLower(k.Name)]) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if len(ix.Name) > maxNameLength {
			return true
		}
	}
	for _, fk := range t.ForeignKeys {
		if len(fk.Name) > maxNameLength {
			return true
		}
	}
	if t.PrimaryKey != nil {
		keyBytes := 0
		for _, name := range t.PrimaryKey.Columns {
			c := columnNamed(t, name)
			if c == nil {
				return true
			}
			full, _, offPage := d.columnBytes(c, cs)
			if offPage {
				return true
			}
			keyBytes += full
		}
		if keyBytes > maxKeyBytes {
			return true
		}
	}
	return !d.ScratchFits(t)
}

// ScratchInDefaultNamespace implements inspect.ScratchPolicy: a MySQL
// shadow is one database, the namespace itself.
func (Dialect) ScratchInDefaultNamespace() bool { return true }

// ScratchTableAttrs implements inspect.ScratchPolicy: the table's character
// set, collation and engine, which its columns inherit or depend on.
func (Dialect) ScratchTableAttrs(t *schema.Table) map[string]string {
	var out map[string]string
	for _, k := range []string{schema.AttrCharset, schema.AttrCollate, schema.AttrEngine} {
		if v, ok := t.Attrs[k]; ok {
			if out == nil {
				out = map[string]string{}
			}
			out[k] = v
		}
	}
	return out
}

// ScratchColumn implements inspect.ScratchPolicy: the column's type,
// collation, nullability, character set and ON UPDATE, and VIRTUAL for a
// generated column.
func (Dialect) ScratchColumn(c *schema.Column) *schema.Column {
	out := &schema.Column{Type: c.Type, Collation: c.Collation, Nullable: c.Nullable}
	for _, k := range []string{schema.AttrCharset, schema.AttrOnUpdate, schema.AttrVirtual} {
		v, ok := c.Attrs[k]
		if !ok || (k == schema.AttrVirtual && c.Generated == "") {
			continue
		}
		if out.Attrs == nil {
			out.Attrs = map[string]string{}
		}
		out.Attrs[k] = v
	}
	return out
}

// IndexNeedsServer implements inspect.ScratchPolicy: every index but a
// plain, non-unique BTREE index of whole numeric or temporal columns,
// whose bytes the server cannot exceed. The server drops a prefix as long
// as the column, shortens a non-unique key beyond 3,072 bytes to a prefix,
// makes a long unique key a HASH key, and may ignore DESC or USING.
func (d Dialect) IndexNeedsServer(t *schema.Table, ix *schema.Index) bool {
	if ix.Unique || ix.Using != "" || ix.Where != "" || len(ix.Include) > 0 {
		return true
	}
	for _, p := range ix.Parts {
		if p.Expr != "" || p.Length > 0 || p.Desc || p.Collation != "" || p.Opclass != "" || p.Nulls != "" {
			return true
		}
		c := columnNamed(t, p.Column)
		if c == nil {
			return true
		}
		switch base, _ := typeBase(c.Type); base {
		case "tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double",
			"date", "datetime", "timestamp", "time", "year", "bit":
		default:
			return true
		}
	}
	return false
}

// ScratchFits implements inspect.ScratchPolicy: the table is within the
// column, index and row size limits above.
func (d Dialect) ScratchFits(t *schema.Table) bool {
	if len(t.Columns) > maxScratchColumns || len(t.Indexes) > maxScratchIndexes {
		return false
	}
	cs := d.tableCharset(t)
	row, inline := 0, 0
	for _, c := range t.Columns {
		full, in, _ := d.columnBytes(c, cs)
		row += full
		inline += in
	}
	return row <= maxRowBytes && inline <= maxInlineBytes
}

// tableCharset is the character set table t's columns inherit.
func (d Dialect) tableCharset(t *schema.Table) string {
	switch {
	case t.Attrs[schema.AttrCharset] != "":
		return t.Attrs[schema.AttrCharset]
	case t.Attrs[schema.AttrCollate] != "":
		return d.Server.charsetOf(t.Attrs[schema.AttrCollate])
	case d.Server != nil:
		return d.Server.Charset
	}
	return ""
}

// columnBytes estimates, from above, the bytes column c takes in the
// server's row limit (full), in InnoDB's page (inline), and whether it is
// a text, blob or other value stored off the page.
func (d Dialect) columnBytes(c *schema.Column, tableCharset string) (full, inline int, offPage bool) {
	base, args := typeBase(c.Type)
	arg := func(def int) int {
		if len(args) > 0 {
			return args[0]
		}
		return def
	}
	switch base {
	case "tinyint", "year":
		full = 1
	case "smallint":
		full = 2
	case "mediumint", "date":
		full = 3
	case "int", "float":
		full = 4
	case "bigint", "double", "datetime", "timestamp", "time":
		full = 8
	case "decimal":
		full = arg(10)/2 + 2
	case "bit":
		full = (arg(1) + 7) / 8
	case "enum", "set":
		full = 8
	case "binary":
		full = arg(1)
	case "varbinary":
		full = arg(0) + 2
	case "char", "varchar":
		cs := tableCharset
		if v := c.Attrs[schema.AttrCharset]; v != "" {
			cs = v
		} else if c.Collation != "" {
			cs = d.Server.charsetOf(c.Collation)
		}
		maxLen := 4
		if n, ok := d.Server.maxLen(cs); ok {
			maxLen = n
		}
		full = arg(1)*maxLen + 2
	default: // text, blob, json, geometry and anything unknown
		return 12, 40, true
	}
	inline = full
	if full > 255 {
		inline = 40
	}
	return full, inline, false
}

// maxLen returns the longest character of a character set in bytes.
func (s *Server) maxLen(charset string) (int, bool) {
	if s == nil {
		return 0, false
	}
	n, ok := s.MaxLen[charset]
	return n, ok && n > 0
}

// columnNamed finds a column of t by name, ignoring case as MySQL does.
func columnNamed(t *schema.Table, name string) *schema.Column {
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// Identifiers implements inspect.FastNormalizer: every identifier in SQL
// text expr, lower-cased (MySQL column names ignore case), backquoted ones
// unquoted, read with the statement lexer (scan.go), which skips string
// literals and comments. Function names, keywords and character set
// introducers are returned too: a caller looking for column references
// gets more names than it needs, never fewer.
func (Dialect) Identifiers(expr string) []string {
	var out []string
	l := &lexer{src: expr}
	for tok := l.next(); tok.kind != tokEOF; tok = l.next() {
		switch {
		case tok.kind == tokIdent:
			out = append(out, strings.ToLower(tok.text))
		case tok.kind == tokWord && (tok.text[0] < '0' || tok.text[0] > '9'):
			out = append(out, strings.ToLower(tok.text))
		}
	}
	return out
}
