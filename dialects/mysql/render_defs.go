package mysql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tidedb/tide/schema"
)

// columnAttrs are the column options the renderer writes.
var columnAttrs = map[string]bool{
	schema.AttrCharset: true, schema.AttrUnsigned: true, schema.AttrOnUpdate: true, schema.AttrVirtual: true,
}

// ColumnSQL renders a column definition, as used in CREATE TABLE and after
// ALTER TABLE … ADD COLUMN: name, type (canonical, with unsigned folded
// in), CHARACTER SET, COLLATE, GENERATED ALWAYS AS … VIRTUAL|STORED,
// NULL / NOT NULL (always explicit, so that no server default such as the
// old TIMESTAMP rules applies), DEFAULT, ON UPDATE, AUTO_INCREMENT and
// COMMENT. Expressions are written verbatim.
func (d Dialect) ColumnSQL(t *schema.Table, c *schema.Column) (string, error) {
	what := fmt.Sprintf("column %q of table %s", c.Name, t.QName())
	for k := range c.Attrs {
		if !columnAttrs[k] {
			return "", fmt.Errorf("%s: MySQL has no column option %q; remove it", what, k)
		}
	}
	typ := c.Type
	if c.Attrs[schema.AttrUnsigned] == "true" && !strings.Contains(strings.ToLower(typ), "unsigned") {
		typ += " unsigned"
	}
	typ, err := canonicalType(typ)
	if err != nil {
		return "", fmt.Errorf("%s: %v", what, err)
	}
	var b strings.Builder
	b.WriteString(quoteIdent(c.Name) + " " + typ)
	if cs := c.Attrs[schema.AttrCharset]; cs != "" {
		if !isPlainName(cs) {
			return "", fmt.Errorf("%s: character set %q is not a valid name", what, cs)
		}
		b.WriteString(" CHARACTER SET " + cs)
	}
	if c.Collation != "" {
		if !isPlainName(c.Collation) {
			return "", fmt.Errorf("%s: collation %q is not a valid name", what, c.Collation)
		}
		b.WriteString(" COLLATE " + c.Collation)
	}
	if c.Generated != "" {
		kind := " STORED"
		if c.Attrs[schema.AttrVirtual] == "true" {
			kind = " VIRTUAL"
		}
		b.WriteString(" GENERATED ALWAYS AS (" + c.Generated + ")" + kind)
	} else if c.Attrs[schema.AttrVirtual] == "true" {
		return "", fmt.Errorf("%s is virtual but has no generated expression", what)
	}
	switch {
	case !c.Nullable:
		b.WriteString(" NOT NULL")
	case c.Generated == "":
		b.WriteString(" NULL")
	}
	if c.Default != "" {
		def, err := defaultSQL(typ, c.Default)
		if err != nil {
			return "", fmt.Errorf("%s: default: %v", what, err)
		}
		b.WriteString(" DEFAULT " + def)
	}
	if v := c.Attrs[schema.AttrOnUpdate]; v != "" {
		b.WriteString(" ON UPDATE " + v)
	}
	switch c.Identity {
	case "":
	case schema.IdentityByDefault:
		b.WriteString(" AUTO_INCREMENT")
	default:
		return "", fmt.Errorf("%s: MySQL has no GENERATED ALWAYS identity; use auto_increment", what)
	}
	if c.Comment != "" {
		b.WriteString(" COMMENT " + quoteLiteral(c.Comment))
	}
	return b.String(), nil
}

// defaultSQL writes a default after DEFAULT: literals bare, other
// expressions in parentheses (MySQL 8.0.13+ and MariaDB 10.2+ expression
// defaults). Literal strings for TEXT, BLOB, JSON and spatial columns are
// parenthesised too, because MySQL 8 accepts only expression defaults
// there.
func defaultSQL(typ, def string) (string, error) {
	n, err := parseExpr(def)
	if err != nil {
		return "", err
	}
	if isLiteral(n) && !(isStringLiteral(n) && needsExpressionDefault(typ)) {
		return def, nil
	}
	return "(" + def + ")", nil
}

// needsExpressionDefault reports the types MySQL 8 gives only expression
// defaults.
func needsExpressionDefault(typ string) bool {
	switch typ {
	case "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob", "json":
		return true
	}
	return serverOnlyTypes[typ] && typ != "uuid" && typ != "inet4" && typ != "inet6"
}

// IndexSQL renders an index as a CREATE TABLE element or after ALTER TABLE
// … ADD: [UNIQUE | FULLTEXT | SPATIAL] KEY `name` (parts) [USING type].
// Prefix lengths, DESC and key expressions (MySQL 8.0.13+) are written;
// PostgreSQL-only index features are errors.
func IndexSQL(t *schema.Table, ix *schema.Index) (string, error) {
	what := fmt.Sprintf("index %q of table %s", ix.Name, t.QName())
	switch {
	case ix.Name == "":
		return "", fmt.Errorf("an index of table %s has no name", t.QName())
	case len(ix.Parts) == 0:
		return "", fmt.Errorf("%s has no key parts", what)
	case ix.Where != "":
		return "", fmt.Errorf("%s: MySQL has no partial indexes; remove where", what)
	case len(ix.Include) > 0:
		return "", fmt.Errorf("%s: MySQL has no covering (include) columns", what)
	}
	kind := "KEY "
	using := ""
	switch strings.ToLower(ix.Using) {
	case "", "btree":
	case "hash", "rtree":
		using = " USING " + strings.ToUpper(ix.Using)
	case "fulltext":
		kind = "FULLTEXT KEY "
	case "spatial":
		kind = "SPATIAL KEY "
	default:
		return "", fmt.Errorf("%s: MySQL has no index type %q (btree, hash, rtree, fulltext, spatial)", what, ix.Using)
	}
	if ix.Unique {
		if kind != "KEY " {
			return "", fmt.Errorf("%s: a %s index cannot be unique", what, strings.ToUpper(ix.Using))
		}
		kind = "UNIQUE KEY "
	}
	parts := make([]string, len(ix.Parts))
	for i, p := range ix.Parts {
		if p.Nulls != "" || p.Opclass != "" || p.Collation != "" {
			return "", fmt.Errorf("%s: nulls, opclass and collation are PostgreSQL key options", what)
		}
		switch {
		case p.Column != "" && p.Expr == "":
			parts[i] = quoteIdent(p.Column)
			if p.Length > 0 {
				parts[i] += "(" + strconv.Itoa(p.Length) + ")"
			}
		case p.Expr != "" && p.Column == "" && p.Length == 0:
			parts[i] = "(" + p.Expr + ")"
		default:
			return "", fmt.Errorf("%s: a key part needs a column (optionally with a length) or an expression", what)
		}
		if p.Desc {
			parts[i] += " DESC"
		}
	}
	return kind + quoteIdent(ix.Name) + " (" + strings.Join(parts, ", ") + ")" + using, nil
}

// CheckSQL renders CONSTRAINT `name` CHECK (expr).
func CheckSQL(t *schema.Table, k *schema.Check) (string, error) {
	switch {
	case k.Name == "":
		return "", fmt.Errorf("a check of table %s has no name", t.QName())
	case strings.TrimSpace(k.Expr) == "":
		return "", fmt.Errorf("check %q of table %s has no expression", k.Name, t.QName())
	case k.NoInherit:
		return "", fmt.Errorf("check %q of table %s: NO INHERIT is a PostgreSQL option", k.Name, t.QName())
	}
	return "CONSTRAINT " + quoteIdent(k.Name) + " CHECK (" + k.Expr + ")", nil
}

// referentialSQL spells the model's referential actions.
var referentialSQL = map[string]string{
	schema.ActionNoAction: "NO ACTION", schema.ActionRestrict: "RESTRICT", schema.ActionCascade: "CASCADE",
	schema.ActionSetNull: "SET NULL", schema.ActionSetDefault: "SET DEFAULT",
}

// ForeignKeySQL renders CONSTRAINT `name` FOREIGN KEY (…) REFERENCES … for
// use after ALTER TABLE … ADD. A referenced table in another database is
// qualified; "" as its database means t's.
func (d Dialect) ForeignKeySQL(t *schema.Table, fk *schema.ForeignKey) (string, error) {
	what := fmt.Sprintf("foreign key %q of table %s", fk.Name, t.QName())
	switch {
	case fk.Name == "":
		return "", fmt.Errorf("a foreign key of table %s has no name", t.QName())
	case len(fk.Columns) == 0 || len(fk.Columns) != len(fk.RefColumns):
		return "", fmt.Errorf("%s: it needs as many referenced columns as columns, at least one", what)
	case fk.Deferrable || fk.InitiallyDeferred:
		return "", fmt.Errorf("%s: MySQL constraints cannot be deferred", what)
	}
	ref := fk.RefQName()
	if ref.Schema == "" {
		ref.Schema = t.Schema
	}
	s := "CONSTRAINT " + quoteIdent(fk.Name) + " FOREIGN KEY (" + quoteIdents(fk.Columns) + ") REFERENCES " +
		d.qualified(ref) + " (" + quoteIdents(fk.RefColumns) + ")"
	for _, a := range []struct{ clause, action string }{{" ON DELETE ", fk.OnDelete}, {" ON UPDATE ", fk.OnUpdate}} {
		if a.action == "" {
			continue
		}
		sql, ok := referentialSQL[a.action]
		if !ok {
			return "", fmt.Errorf("%s: unknown referential action %q", what, a.action)
		}
		s += a.clause + sql
	}
	return s, nil
}
