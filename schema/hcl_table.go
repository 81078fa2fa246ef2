package schema

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// tableSpec is what a table block may contain.
var tableSpec = bodySpec{
	attrs: []string{"schema", "comment", "renamed_from", "rename", "engine", "charset", "collate", "auto_increment", "row_format", "key_block_size"},
	blocks: map[string]int{
		"column": 1, "primary_key": 0, "index": 1, "unique": 1, "foreign_key": 1, "check": 1,
	},
}

// mysqlTableAttrs are the MySQL table options with string values, stored
// in Table.Attrs.
var mysqlTableAttrs = []string{AttrEngine, AttrCharset, AttrCollate, AttrRowFormat}

// mysqlTableOptions are all MySQL-only table attributes: the string ones
// and auto_increment and key_block_size (numbers).
var mysqlTableOptions = []string{AttrEngine, AttrCharset, AttrCollate, AttrRowFormat, AttrAutoIncrement, AttrKeyBlockSize}

// columnSpec is what a column block may contain.
var columnSpec = bodySpec{attrs: []string{
	"type", "null", "default", "identity", "generated", "collation", "comment",
	"renamed_from", "backfill", "using", "auto_increment", "unsigned", "charset", "on_update", "virtual",
}}

// mysqlColumnAttrs are the MySQL-only column attributes.
var mysqlColumnAttrs = []string{"auto_increment", AttrUnsigned, AttrCharset, AttrOnUpdate, AttrVirtual}

// decodeTable decodes a table block with its columns, keys and indexes.
func (d *decoder) decodeTable(b *hclsyntax.Block) {
	name := b.Labels[0]
	what := fmt.Sprintf("table %q", name)
	if !d.checkBody(b.Body, what, tableSpec) || !d.nonEmptyLabel(b, "table") {
		return
	}
	pos := rangePos(b.DefRange())
	t := &Table{
		Schema:      d.objectSchema(b.Body, pos),
		Name:        name,
		Comment:     d.optStr(b.Body, "comment"),
		RenamedFrom: d.optStr(b.Body, "renamed_from"),
		Rename:      d.optEnum(b.Body, "rename", "direct"),
		Columns:     []*Column{},
		Pos:         pos,
	}
	what = fmt.Sprintf("table %q", t.QName())
	if d.mysqlOnly(b.Body, what, mysqlTableOptions) {
		for _, a := range mysqlTableAttrs {
			if v := d.optStr(b.Body, a); v != "" {
				setAttr(&t.Attrs, a, v)
			}
		}
		d.positiveIntAttr(b.Body, t, what, AttrAutoIncrement, "the counter's first value")
		d.positiveIntAttr(b.Body, t, what, AttrKeyBlockSize, "the key block size in kilobytes (leave it out for the default)")
	}
	// Columns first, so that `on` can tell a column from an expression
	// wherever the index is written.
	for _, cb := range b.Body.Blocks {
		if cb.Type == "column" {
			if c := d.decodeColumn(cb, t); c != nil {
				t.Columns = append(t.Columns, c)
			}
		}
	}
	for _, cb := range b.Body.Blocks {
		switch cb.Type {
		case "primary_key":
			d.decodePrimaryKey(cb, t)
		case "index":
			if ix := d.decodeIndex(cb, t); ix != nil {
				t.Indexes = append(t.Indexes, ix)
			}
		case "unique":
			if u := d.decodeUnique(cb, t); u != nil {
				t.Uniques = append(t.Uniques, u)
			}
		case "foreign_key":
			if fk := d.decodeForeignKey(cb, t); fk != nil {
				t.ForeignKeys = append(t.ForeignKeys, fk)
			}
		case "check":
			if c := d.decodeCheck(cb, t); c != nil {
				t.Checks = append(t.Checks, c)
			}
		}
	}
	if d.define("table", t.QName().String(), pos) {
		d.out.Tables = append(d.out.Tables, t)
	}
}

// decodeColumn decodes a column block of table t.
func (d *decoder) decodeColumn(b *hclsyntax.Block, t *Table) *Column {
	name := b.Labels[0]
	what := fmt.Sprintf("column %q of table %q", name, t.QName())
	if !d.checkBody(b.Body, what, columnSpec) || !d.nonEmptyLabel(b, "column") {
		return nil
	}
	pos := rangePos(b.DefRange())
	c := &Column{
		Name:        name,
		Type:        strings.TrimSpace(d.optStr(b.Body, "type")),
		Nullable:    d.optBool(b.Body, "null", true),
		Default:     d.optStr(b.Body, "default"),
		Identity:    d.optEnum(b.Body, "identity", IdentityAlways, IdentityByDefault),
		Generated:   d.optStr(b.Body, "generated"),
		Collation:   d.optStr(b.Body, "collation"),
		Comment:     d.optStr(b.Body, "comment"),
		RenamedFrom: d.optStr(b.Body, "renamed_from"),
		Backfill:    d.optStr(b.Body, "backfill"),
		Using:       d.optStr(b.Body, "using"),
		Pos:         pos,
	}
	if b.Body.Attributes["type"] == nil {
		d.errs.errorf(pos, "%s: attribute \"type\" is required, e.g. type = \"bigint\"", what)
	} else if c.Type == "" && !d.failedAt(b.Body.Attributes["type"]) {
		d.errs.errorf(rangePos(b.Body.Attributes["type"].Expr.Range()), "%s: attribute \"type\" is empty; spell the column type, e.g. \"text\"", what)
	}
	if d.mysqlOnly(b.Body, what, mysqlColumnAttrs) {
		if a := b.Body.Attributes["auto_increment"]; a != nil && d.optBool(b.Body, "auto_increment", false) {
			if c.Identity != "" {
				d.errs.errorf(rangePos(a.NameRange), "%s: set either identity or auto_increment, not both", what)
			}
			c.Identity = IdentityByDefault
		}
		if d.optBool(b.Body, "unsigned", false) {
			c.Attrs = map[string]string{"unsigned": "true"}
		}
		if cs := d.optStr(b.Body, "charset"); cs != "" {
			setAttr(&c.Attrs, AttrCharset, cs)
		}
		if e := d.optStr(b.Body, AttrOnUpdate); e != "" {
			setAttr(&c.Attrs, AttrOnUpdate, e)
		}
		if d.optBool(b.Body, AttrVirtual, false) {
			setAttr(&c.Attrs, AttrVirtual, "true")
		}
	}
	return c
}

// setAttr sets key in *m, making the map when it is nil.
func setAttr(m *map[string]string, key, value string) {
	if *m == nil {
		*m = map[string]string{}
	}
	(*m)[key] = value
}

// positiveIntAttr decodes a table's numeric option `name = <n>` (auto_increment,
// the counter's first value; key_block_size) into t.Attrs; meaning says
// what the number is in the error for one that is not positive.
func (d *decoder) positiveIntAttr(body *hclsyntax.Body, t *Table, what, name, meaning string) {
	a := body.Attributes[name]
	if a == nil {
		return
	}
	n := d.optInt(body, name)
	if n == 0 && d.failedAt(a) {
		return
	}
	if n <= 0 {
		d.errs.errorf(rangePos(a.Expr.Range()), "%s: %s is %s and must be a positive whole number, not %d", what, name, meaning, n)
		return
	}
	setAttr(&t.Attrs, name, strconv.FormatInt(n, 10))
}

// failedAt reports whether an error was already recorded at the
// attribute's value (so that a type error is not followed by "empty").
func (d *decoder) failedAt(a *hclsyntax.Attribute) bool {
	p := rangePos(a.Expr.Range())
	for _, e := range d.errs {
		if e.Pos == p {
			return true
		}
	}
	return false
}

// mysqlOnly reports MySQL-only attributes used with another dialect. It
// returns true when none is misused.
func (d *decoder) mysqlOnly(body *hclsyntax.Body, what string, names []string) bool {
	if d.dialect == "mysql" {
		return true
	}
	ok := true
	for _, n := range names {
		if a := body.Attributes[n]; a != nil {
			ok = false
			d.errs.errorf(rangePos(a.NameRange), "%s: %s is a MySQL option; this schema's dialect is %s", what, n, d.dialect)
		}
	}
	return ok
}
