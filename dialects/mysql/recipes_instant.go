package mysql

import (
	"strings"

	"github.com/tidedb/tide/schema"
)

// MariaDB's instant column changes (MariaDB KB, "InnoDB Online DDL
// Operations with the INSTANT Alter Algorithm"; MDEV-15563, MDEV-15564,
// both in 10.4.3), which MySQL 8 does not have. Each rule was checked on
// MariaDB 10.11 (recipes_live_test.go), ROW_FORMAT=DYNAMIC unless said:
//
//   - a VARCHAR or VARBINARY grown: InnoDB stores a value's length in one
//     byte when the column's longest value is at most 255 bytes or the
//     value is shorter than 128 bytes, so growing is instant unless the
//     longest value goes from 128–255 bytes to more than 255 (then COPY);
//     in ROW_FORMAT=REDUNDANT always;
//   - a character set changed from utf8mb3 to utf8mb4 (the same bytes are
//     valid), under the same length rule, unless the column is in a prefix
//     index (COPY); an index on the column is rebuilt in place (INPLACE,
//     LOCK=NONE) when the collation sorts differently (utf8mb3_general_ci
//     to utf8mb4_general_ci does not);
//   - a collation changed within a character set: instant, but an index
//     on the column is rebuilt in place (INPLACE, LOCK=NONE);
//   - NOT NULL to NULL: instant in ROW_FORMAT=REDUNDANT only; the COMPACT
//     and DYNAMIC formats rebuild the table (INPLACE, LOCK=NONE).

// mariaInstantColumns reports whether the target is a MariaDB that has the
// instant column changes above (10.4.3+; offline MariaDB counts as the
// latest).
func (r recipeContext) mariaInstantColumns() bool {
	return r.mariaDBAtLeast(10, 4, 3)
}

// redundant reports whether the current table t is in ROW_FORMAT=REDUNDANT.
func (r recipeContext) redundant(t *schema.Table) bool {
	cur := r.current(t)
	if cur == nil {
		cur = t
	}
	return strings.EqualFold(cur.Attrs[schema.AttrRowFormat], "redundant")
}

// mariaLengthInstant reports whether MariaDB stores the values of a column
// whose longest value grows from oldBytes to newBytes without rewriting
// them (see above).
func mariaLengthInstant(oldBytes, newBytes int) bool {
	return newBytes <= 255 || oldBytes < 128 || oldBytes > 255
}

// nullableAlgorithm is how a column is made nullable: instantly on MariaDB
// in ROW_FORMAT=REDUNDANT, else by a rebuild in place.
func (r recipeContext) nullableAlgorithm(t *schema.Table) algorithm {
	if r.mariaDB() && r.mariaInstantColumns() && r.redundant(t) {
		return algoInstant
	}
	return r.rebuildAlgorithm(t)
}

// columnIndexed reports whether column name is in an index of table t
// (primary key, unique key or index), now or once the plan has run, and
// whether in a prefix part of one.
func (r recipeContext) columnIndexed(t *schema.Table, name string) (indexed, prefix bool) {
	for _, tab := range []*schema.Table{r.current(t), r.desired(t), t} {
		if tab == nil {
			continue
		}
		if tab.PrimaryKey != nil && containsString(tab.PrimaryKey.Columns, name) {
			indexed = true
		}
		for _, u := range tab.Uniques {
			if containsString(u.Columns, name) {
				indexed = true
			}
		}
		for _, ix := range tab.Indexes {
			for _, p := range ix.Parts {
				if p.Column == name {
					indexed = true
					prefix = prefix || p.Length > 0
				}
			}
		}
	}
	return indexed, prefix
}

// mariaCharsetAlgorithm is the algorithm MariaDB changes column from's
// character set or collation to to's with (see above).
func (r recipeContext) mariaCharsetAlgorithm(t *schema.Table, from, to *schema.Column) algorithm {
	cur := r.current(t)
	if cur == nil {
		cur = t
	}
	des := r.desired(t)
	if des == nil {
		des = t
	}
	fromCS, toCS := r.columnCharset(cur, from), r.columnCharset(des, to)
	fromColl, toColl := r.columnCollation(cur, from, fromCS), r.columnCollation(des, to, toCS)
	indexed, prefix := r.columnIndexed(t, to.Name)
	switch {
	case fromCS == toCS:
		if fromColl == toColl || !indexed {
			return algoInstant
		}
		return algoInplace
	case !r.mariaInstantColumns() || !isUTF8MB3(fromCS) || toCS != "utf8mb4" || prefix:
		return algoCopy
	}
	fb, fa := typeBase(from.Type)
	tb, ta := typeBase(to.Type)
	if (fb == "varchar" || fb == "char") && len(fa) == 1 && (tb == "varchar" || tb == "char") && len(ta) == 1 &&
		!r.redundant(t) && !mariaLengthInstant(fa[0]*r.maxLen(fromCS), ta[0]*r.maxLen(toCS)) {
		return algoCopy
	}
	if indexed && collationKind(fromColl) != collationKind(toColl) {
		return algoInplace
	}
	return algoInstant
}

// columnCollation is the collation column c of table t has in character
// set cs: its own, its table's when the table's character set is cs, else
// the server's default for cs ("" when unknown).
func (r recipeContext) columnCollation(t *schema.Table, c *schema.Column, cs string) string {
	if c.Collation != "" {
		return c.Collation
	}
	if coll := t.Attrs[schema.AttrCollate]; coll != "" && r.d.Server.charsetOf(coll) == cs {
		return coll
	}
	return r.d.Server.defaultCollation(cs)
}

// collationKind is a collation's name without its character set
// ("general_ci" for utf8mb3_general_ci and utf8mb4_general_ci).
func collationKind(coll string) string {
	if i := strings.IndexByte(coll, '_'); i >= 0 {
		return coll[i+1:]
	}
	return coll
}

// isUTF8MB3 reports whether a character set is utf8mb3 (or its old name
// utf8).
func isUTF8MB3(cs string) bool { return cs == "utf8mb3" || cs == "utf8" }

// containsString reports whether list holds s.
func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
