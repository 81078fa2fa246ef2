package mysql

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tidedb/tide/schema"
)

// CreateSQL implements dialects.Renderer: the statements that create s in an
// empty database — CREATE DATABASE for each namespace other than the
// connection's, CREATE TABLE for each table with its primary key, indexes
// and checks inline, then one ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY
// per table that has foreign keys, so that tables may reference each other
// in any order and in cycles. Views, enum types and sequences are errors:
// the MySQL dialect does not manage them yet.
func (d Dialect) CreateSQL(s *schema.Schema) ([]string, error) {
	if s == nil {
		return nil, fmt.Errorf("mysql: CreateSQL: no schema given")
	}
	switch {
	case len(s.Views) > 0:
		return nil, fmt.Errorf("view %s: views are not supported by tide's MySQL dialect yet; remove it", s.Views[0].QName())
	case len(s.Enums) > 0:
		return nil, fmt.Errorf("enum %s: MySQL has no enum types; spell the column type as enum('a','b')", s.Enums[0].QName())
	case len(s.Sequences) > 0:
		return nil, fmt.Errorf("sequence %s: sequences are not supported by tide's MySQL dialect; use auto_increment", s.Sequences[0].QName())
	}
	if err := d.serverFeatures(s); err != nil {
		return nil, err
	}
	var out []string
	for _, db := range d.databasesToCreate(s) {
		out = append(out, "CREATE DATABASE "+quoteIdent(db))
	}
	for _, t := range s.Tables {
		stmt, err := d.CreateTableSQL(t)
		if err != nil {
			return nil, err
		}
		out = append(out, stmt)
	}
	for _, t := range s.Tables {
		if len(t.ForeignKeys) == 0 {
			continue
		}
		var clauses []string
		for _, fk := range t.ForeignKeys {
			def, err := d.ForeignKeySQL(t, fk)
			if err != nil {
				return nil, err
			}
			clauses = append(clauses, "ADD "+def)
		}
		out = append(out, d.AlterTableSQL(t.QName(), clauses...))
	}
	return out, nil
}

// databasesToCreate lists the namespaces of s other than "" and the
// connection's database, sorted. (A table's database that is not among
// them is taken to exist: a loaded schema declares every namespace.)
func (d Dialect) databasesToCreate(s *schema.Schema) []string {
	seen := map[string]bool{"": true, d.Database: true}
	var names []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, n := range s.Namespaces {
		add(n.Name)
	}
	sort.Strings(names)
	return names
}

// CreateTableSQL renders CREATE TABLE for t: columns, primary key, indexes
// (unique constraints as unique keys) and checks inline, then the table
// options. Foreign keys are left to ForeignKeySQL. On MariaDB a check named
// like a column is declared in that column's definition, where MariaDB
// declares a column's own check.
func (d Dialect) CreateTableSQL(t *schema.Table) (string, error) {
	if len(t.Columns) == 0 {
		return "", fmt.Errorf("table %s has no columns; MySQL tables need at least one", t.QName())
	}
	var lines []string
	inline := map[*schema.Check]bool{}
	for _, c := range t.Columns {
		def, err := d.ColumnSQL(t, c)
		if err != nil {
			return "", err
		}
		if k := columnCheck(t, c.Name); k != nil && d.mariaDB() {
			// MariaDB names a check declared with its column after the
			// column; one named so is declared there, as MariaDB prints it.
			def += " CHECK (" + k.Expr + ")"
			inline[k] = true
		}
		lines = append(lines, def)
	}
	if pk := t.PrimaryKey; pk != nil {
		if len(pk.Columns) == 0 {
			return "", fmt.Errorf("table %s: the primary key has no columns", t.QName())
		}
		lines = append(lines, "PRIMARY KEY ("+quoteIdents(pk.Columns)+")")
	}
	for _, ix := range t.Indexes {
		def, err := IndexSQL(t, ix)
		if err != nil {
			return "", err
		}
		lines = append(lines, def)
	}
	for _, u := range t.Uniques {
		if u.Deferrable || u.InitiallyDeferred {
			return "", fmt.Errorf("unique %q of table %s: MySQL constraints cannot be deferred", u.Name, t.QName())
		}
		lines = append(lines, "UNIQUE KEY "+quoteIdent(u.Name)+" ("+quoteIdents(u.Columns)+")")
	}
	for _, k := range t.Checks {
		if inline[k] {
			continue
		}
		def, err := CheckSQL(t, k)
		if err != nil {
			return "", err
		}
		lines = append(lines, def)
	}
	opts, err := tableOptionsSQL(t)
	if err != nil {
		return "", err
	}
	return "CREATE TABLE " + d.qualified(t.QName()) + " (\n  " + strings.Join(lines, ",\n  ") + "\n)" + opts, nil
}

// AlterTableSQL joins clauses ("ADD COLUMN …", "ADD KEY …") into one ALTER
// TABLE statement on the table.
func (d Dialect) AlterTableSQL(table schema.QName, clauses ...string) string {
	return "ALTER TABLE " + d.qualified(table) + " " + strings.Join(clauses, ", ")
}

// tableOptionsSQL renders the table options that follow the element list.
func tableOptionsSQL(t *schema.Table) (string, error) {
	var b strings.Builder
	for _, k := range sortedKeys(t.Attrs) {
		v := t.Attrs[k]
		switch k {
		case schema.AttrEngine, schema.AttrCharset, schema.AttrCollate:
			if !isPlainName(v) {
				return "", fmt.Errorf("table %s: %s %q is not a valid name", t.QName(), k, v)
			}
		case schema.AttrAutoIncrement:
			if _, err := t.AutoIncrementStart(); err != nil {
				return "", err
			}
		case schema.AttrRowFormat, schema.AttrKeyBlockSize:
			if err := checkStorage(t); err != nil {
				return "", err
			}
		default:
			return "", fmt.Errorf("table %s: MySQL has no table option %q; remove it", t.QName(), k)
		}
	}
	if v := t.Attrs[schema.AttrEngine]; v != "" {
		b.WriteString(" ENGINE=" + v)
	}
	if v := t.Attrs[schema.AttrCharset]; v != "" {
		b.WriteString(" DEFAULT CHARSET=" + v)
	}
	if v := t.Attrs[schema.AttrCollate]; v != "" {
		b.WriteString(" COLLATE=" + v)
	}
	if v := t.Attrs[schema.AttrAutoIncrement]; v != "" {
		b.WriteString(" AUTO_INCREMENT=" + v)
	}
	b.WriteString(storageOptionsSQL(t))
	if t.Comment != "" {
		b.WriteString(" COMMENT=" + quoteLiteral(t.Comment))
	}
	return b.String(), nil
}

// isPlainName reports whether s is a character set, collation or engine
// name: letters, digits and underscores only, so it can be written bare.
func isPlainName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
