package mysql

import (
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/tidedb/tide/schema"
)

// scanColumn reads one row of queryColumns. Rows come in table and column
// order.
func (r *reader) scanColumn(rows *sql.Rows) error {
	var (
		table, name, typ, nullable, extra, comment string
		def, charset, collation, generation        sql.NullString
	)
	if err := rows.Scan(&table, &name, &typ, &nullable, &def, &extra, &charset, &collation, &generation, &comment); err != nil {
		return err
	}
	t := r.tables[table]
	if t == nil {
		return nil
	}
	c := &schema.Column{Name: name, Type: typ, Nullable: nullable == "YES", Comment: comment, Collation: collation.String}
	if charset.Valid && charset.String != "" {
		c.Attrs = map[string]string{schema.AttrCharset: charset.String}
	}
	x := parseExtra(extra)
	switch {
	case x.invisible:
		r.unsupportedObject("invisible column %q of table %q", name, table)
	case x.generated != "":
		c.Generated = generation.String
		if x.generated == "virtual" {
			setAttr(c, schema.AttrVirtual, "true")
		}
	default:
		c.Default = columnDefault(r.db.server.MariaDB(), typ, def, x.defaultGenerated)
	}
	if x.autoIncrement {
		c.Identity = schema.IdentityByDefault
	}
	if x.onUpdate != "" {
		setAttr(c, schema.AttrOnUpdate, x.onUpdate)
	}
	t.Columns = append(t.Columns, c)
	return nil
}

// setAttr sets a column attribute, making the map when needed.
func setAttr(c *schema.Column, key, value string) {
	if c.Attrs == nil {
		c.Attrs = map[string]string{}
	}
	c.Attrs[key] = value
}

// extraInfo is what the EXTRA column of information_schema.COLUMNS says.
type extraInfo struct {
	autoIncrement    bool
	invisible        bool
	defaultGenerated bool   // MySQL 8: the default is an expression
	generated        string // "virtual", "stored" or ""
	onUpdate         string // the ON UPDATE expression, or ""
}

// onUpdatePattern finds ON UPDATE in EXTRA ("on update current_timestamp()",
// MySQL's "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)").
var onUpdatePattern = regexp.MustCompile(`(?i)\bon update (.+)$`)

// parseExtra reads the EXTRA column.
func parseExtra(extra string) extraInfo {
	var x extraInfo
	if m := onUpdatePattern.FindStringSubmatch(extra); m != nil {
		x.onUpdate = strings.TrimSpace(m[1])
		extra = extra[:len(extra)-len(m[0])]
	}
	for _, w := range strings.Fields(strings.ToLower(extra)) {
		switch w {
		case "auto_increment":
			x.autoIncrement = true
		case "invisible":
			x.invisible = true
		case "default_generated":
			x.defaultGenerated = true
		case "virtual":
			x.generated = "virtual"
		case "stored", "persistent":
			x.generated = "stored"
		}
	}
	return x
}

// columnDefault turns COLUMN_DEFAULT into the model's default: an SQL
// expression, "" for none. MariaDB stores the default as an expression
// already (literal strings quoted, NULL for none and 'NULL'-the-word for
// DEFAULT NULL); MySQL 8 stores literals unquoted and marks expression
// defaults DEFAULT_GENERATED, so its literals are quoted here — except
// numbers for numeric columns, bit literals and hex literals of binary
// columns, which it prints as literals already.
func columnDefault(mariaDB bool, typ string, def sql.NullString, expression bool) string {
	if !def.Valid {
		return ""
	}
	v := def.String
	if mariaDB {
		if v == "NULL" {
			return ""
		}
		return v
	}
	if expression {
		return v
	}
	base := strings.ToLower(typ)
	if i := strings.IndexAny(base, "( "); i >= 0 {
		base = base[:i]
	}
	switch base {
	case "tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double", "year":
		return v
	case "bit":
		if strings.HasPrefix(v, "b'") {
			return v
		}
	case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob":
		if strings.HasPrefix(v, "0x") {
			return fmt.Sprintf("x'%s'", strings.ToLower(v[2:]))
		}
	}
	return quoteLiteral(v)
}

// quoteLiteral quotes a string literal, escaping backslashes as the
// dialect does.
func quoteLiteral(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
