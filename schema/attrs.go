package schema

import (
	"fmt"
	"strconv"
)

// Well-known keys of Table.Attrs and Column.Attrs. Options that only some
// engines have ride in the Attrs maps rather than in fields of their own, so
// that the planner, which compares Attrs as a whole (ChangeAttrs,
// SetTableAttrs), notices every change to them without knowing any engine;
// a dialect whose engine lacks an option rejects it by name. Values are
// plain strings: names, numbers in decimal, "true", or an SQL expression
// kept verbatim like Column.Default.
const (
	// AttrEngine is a table's storage engine ("InnoDB").
	AttrEngine = "engine"
	// AttrCharset is a table's default character set, or a column's
	// character set ("utf8mb4").
	AttrCharset = "charset"
	// AttrCollate is a table's default collation ("utf8mb4_bin"); a
	// column's collation is Column.Collation.
	AttrCollate = "collate"
	// AttrAutoIncrement is the first value a table's auto-increment
	// counter hands out when the table is created (a positive integer).
	AttrAutoIncrement = "auto_increment"
	// AttrRowFormat is a table's explicit row format ("DYNAMIC",
	// "COMPRESSED"); absent, the table takes the engine's default.
	AttrRowFormat = "row_format"
	// AttrKeyBlockSize is a table's explicit key block size in kilobytes
	// (a positive integer; on InnoDB the page size of a compressed table).
	AttrKeyBlockSize = "key_block_size"
	// AttrUnsigned is "true" on a column declared unsigned apart from its
	// type (HCL unsigned = true); a dialect that spells signedness in the
	// type folds it into Column.Type when it normalises.
	AttrUnsigned = "unsigned"
	// AttrOnUpdate is an SQL expression a column is set to whenever its
	// row is updated (MySQL ON UPDATE CURRENT_TIMESTAMP).
	AttrOnUpdate = "on_update"
	// AttrVirtual is "true" on a generated column that is computed when
	// read instead of stored (Column.Generated holds its expression).
	AttrVirtual = "virtual"
)

// AutoIncrementStart returns the table's AttrAutoIncrement as a number, and
// 0 when it is not set.
func (t *Table) AutoIncrementStart() (uint64, error) {
	v, ok := t.Attrs[AttrAutoIncrement]
	if !ok {
		return 0, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("table %q: auto_increment must be a positive whole number, not %q", t.QName(), v)
	}
	return n, nil
}

// KeyBlockSize returns the table's AttrKeyBlockSize as a number, and 0 when
// it is not set.
func (t *Table) KeyBlockSize() (uint64, error) {
	v, ok := t.Attrs[AttrKeyBlockSize]
	if !ok {
		return 0, nil
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("table %q: key_block_size must be a positive whole number of kilobytes (1, 2, 4, 8 or 16 on InnoDB), not %q", t.QName(), v)
	}
	return n, nil
}

// attrs checks the well-known options of a table and its columns.
func (v *validator) attrs(t *Table) {
	if _, err := t.AutoIncrementStart(); err != nil {
		v.errs.errorf(t.Pos, "%v", err)
	}
	if _, err := t.KeyBlockSize(); err != nil {
		v.errs.errorf(t.Pos, "%v", err)
	}
	if rf, ok := t.Attrs[AttrRowFormat]; ok && rf == "" {
		v.errs.errorf(t.Pos, "table %q: row_format is empty; name a row format (e.g. \"DYNAMIC\") or leave it out for the engine's default", t.QName())
	}
	for _, c := range t.Columns {
		what := objectName{kind: "column", name: c.Name, table: t.QName()}
		for _, k := range []string{AttrUnsigned, AttrVirtual} {
			if val, ok := c.Attrs[k]; ok && val != "true" {
				v.errs.errorf(c.Pos, "%s: %s is %q; it is either \"true\" or absent", what, k, val)
			}
		}
		switch {
		case c.Attrs[AttrVirtual] == "true" && c.Generated == "":
			v.errs.errorf(c.Pos, "%s is virtual but not generated; add generated = \"<expression>\" or drop virtual", what)
		case c.Attrs[AttrOnUpdate] != "" && c.Generated != "":
			v.errs.errorf(c.Pos, "%s has both generated and on_update; a generated column is never assigned, so drop on_update", what)
		}
	}
}
